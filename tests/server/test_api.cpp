// The JSON API over a real server: the desk's loans and returns, bad requests (4xx with a message
// in the reader's language, the server keeps serving), concurrency without lost or doubled loans,
// the four-eyes review bound to the session, pages in both languages, request logs without patron data.
#include <fcntl.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "server_fixture.hpp"
#include "shuxiang/shelving/db.hpp"
#include "shuxiang/util/i18n.hpp"

using namespace sxs;

TEST_F(ServerTest, DeskLendsRenewsAndTakesBack) {
    Browser lib = librarian();
    auto card = json::parse(lib.get("/api/patron?id=S001")->body);
    EXPECT_EQ(card["name"], "张小明");
    EXPECT_EQ(card["class"], "3-2");
    auto r = lib.post("/api/circ/checkout", {{"patron", "S001"}, {"item", "B11"}});
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_TRUE(json::parse(r->body)["ok"].get<bool>());
    r = lib.post("/api/circ/checkout", {{"patron", "S002"}, {"item", "B11"}});
    EXPECT_EQ(r->status, 409);
    EXPECT_EQ(json::parse(r->body)["code"], "not_available");
    card = json::parse(lib.get("/api/patron?id=S001")->body);
    ASSERT_EQ(card["loans"].size(), 1u);
    EXPECT_EQ(card["loans"][0]["title"], "三体");
    EXPECT_EQ(lib.post("/api/circ/renew", {{"item", "B11"}})->status, 200);
    EXPECT_EQ(lib.post("/api/circ/return", {{"item", "B11"}})->status, 200);
    EXPECT_EQ(lib.post("/api/circ/return", {{"item", "B11"}})->status, 409);
    EXPECT_EQ(lib.post("/api/circ/return", {{"item", "NOPE"}})->status, 404);
    auto found = json::parse(lib.get("/api/patrons?q=" + httplib::detail::encode_query_param("三年级2班"))->body);
    EXPECT_EQ(found.size(), 2u);
    found = json::parse(lib.get("/api/patrons?q=" + httplib::detail::encode_query_param("李"))->body);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0]["id"], "S002");
}

TEST_F(ServerTest, OpacSearchesWithoutLoginAndShowsAvailability) {
    Browser b = browser();
    auto j = json::parse(b.get("/api/search?q=" + httplib::detail::encode_query_param("三"))->body);
    ASSERT_GE(j["hits"].size(), 1u);
    EXPECT_EQ(j["hits"][0]["title"], "三体");
    EXPECT_EQ(j["hits"][0]["available"], 2);
    j = json::parse(b.get("/api/search?q=I247.55")->body);
    ASSERT_EQ(j["hits"].size(), 1u);
    EXPECT_EQ(b.get("/api/records/" + std::to_string(record_a))->status, 200);
    EXPECT_EQ(b.get("/api/records/999999")->status, 404);
    EXPECT_EQ(b.get("/api/search?q=x&limit=abc")->status, 400);
}

TEST_F(ServerTest, BadRequestsGet4xxWithATranslatedMessage) {
    Browser lib = librarian();
    struct Case {
        std::string body;
        int status;
        std::string code;
    };
    const std::vector<Case> cases = {
        {"{not json", 400, "bad_json"},
        {"[1,2]", 400, "bad_json"},
        {"", 400, "bad_json"},
        {R"({"patron": 5, "item": "B11"})", 400, "wrong_type"},
        {R"({"patron": "S001"})", 400, "missing_field"},
        {R"({"patron": "S001", "item": "B11", "as": "admin"})", 400, "unknown_field"},
        {R"({"patron": null, "item": "B11"})", 400, "wrong_type"},
        {"\xff\xfe{}", 400, "bad_json"},
    };
    for (const auto& c : cases) {
        auto r = lib.post_raw("/api/circ/checkout", c.body);
        ASSERT_TRUE(r) << c.body;
        EXPECT_EQ(r->status, c.status) << c.body;
        auto j = json::parse(r->body);
        EXPECT_EQ(j["code"], c.code) << c.body;
        EXPECT_FALSE(j["message"].get<std::string>().empty());
    }
    // Chinese by default, English on request.
    auto zh = json::parse(lib.post_raw("/api/circ/checkout", "{")->body)["message"].get<std::string>();
    auto en = json::parse(lib.post_raw("/api/circ/checkout?lang=en", "{")->body)["message"].get<std::string>();
    EXPECT_EQ(zh, "请求内容不是有效的 JSON");
    EXPECT_EQ(en, "the request body is not valid JSON");
    // Too large: 413 with the limit in the message; an unknown route: 404 JSON.
    auto big = lib.post_raw("/api/circ/checkout?lang=en", std::string(server::kMaxBodyBytes + 1, ' '));
    ASSERT_TRUE(big);
    EXPECT_EQ(big->status, 413);
    EXPECT_NE(big->body.find(std::to_string(server::kMaxBodyBytes)), std::string::npos);
    auto none = lib.get("/api/nothing-here");
    EXPECT_EQ(none->status, 404);
    EXPECT_EQ(json::parse(none->body)["code"], "not_found");
    EXPECT_EQ(lib.get("/no/such/page")->status, 404);
    // Still serving, and nothing was lent.
    EXPECT_EQ(lib.post("/api/circ/checkout", {{"patron", "S001"}, {"item", "B11"}})->status, 200);
    EXPECT_EQ(open_lib()->circulation().open_loans().size(), 1u);
}

TEST_F(ServerTest, ConcurrentCheckoutsOfOneCopyLendItOnce) {
    Browser lib = librarian();
    std::atomic<int> ok{0}, refused{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&, i] {
            Browser b = lib;
            auto r = b.post("/api/circ/checkout", {{"patron", i % 2 ? "S001" : "S002"}, {"item", "B21"}});
            if (r && r->status == 200) ++ok;
            else if (r && r->status == 409) ++refused;
            else ++other;
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), 1);
    EXPECT_EQ(refused.load(), 7);
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(open_lib()->circulation().open_loans().size(), 1u);
}

TEST_F(ServerTest, ReviewerIsTheSessionsOperator) {
    auto svc = open_lib();
    circulation::Suggestion s;
    s.by = "S001";
    s.title = "新书推荐";
    s.isbn = "9787536692930";
    s.price = 23;
    auto sr = svc->acquisitions().suggest(Ctx{"admin", kDay}, s);
    ASSERT_TRUE(sr.ok) << sr.message;
    Browser rev = browser();
    ASSERT_EQ(rev.login("operator", "rev1", kAdminPw), 200);
    auto queue = json::parse(rev.get("/api/acq/suggestions")->body);
    ASSERT_EQ(queue.size(), 1u);
    // A typed reviewer is not accepted at all.
    auto r = rev.post("/api/acq/review", {{"suggestion", sr.id}, {"approve", true}, {"reviewer", "admin"}});
    EXPECT_EQ(r->status, 400);
    r = rev.post("/api/acq/review", {{"suggestion", sr.id}, {"approve", true}});
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(svc->acquisitions().suggestion(sr.id)->reviewer, "rev1");
}

TEST_F(ServerTest, ClassPageListsOverdueClassSetsUnderTheirCorner) {
    {
        auto lib = open_lib();
        ASSERT_TRUE(lib->circulation().class_set({"admin", "2026-01-05"}, "三年级2班图书角", {"B31"}, "").ok);
    }
    Browser lib = librarian();
    auto page = lib.get("/class?c=" + httplib::detail::encode_query_param("3-2"));
    ASSERT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("图书角 三年级2班图书角"), std::string::npos) << page->body;
    auto api = nlohmann::json::parse(lib.get("/api/circ/overdue?class=3-2")->body);
    bool seen = false;
    for (auto& e : api) seen |= e["corner"] == "三年级2班图书角" && e["barcode"] == "B31";
    EXPECT_TRUE(seen) << api.dump();
}

TEST_F(ServerTest, PagesRenderInChineseAndEnglish) {
    Browser anon = browser();
    auto desk = anon.get("/desk");
    EXPECT_EQ(desk->status, 303);
    EXPECT_EQ(desk->get_header_value("Location"), "/login?next=/desk");
    auto zh = anon.get("/opac");
    EXPECT_NE(zh->body.find("馆藏检索"), std::string::npos);
    auto en = anon.get("/opac?lang=en");
    EXPECT_NE(en->body.find("Library catalogue"), std::string::npos);
    EXPECT_NE(en->get_header_value("Set-Cookie").find("sx_lang=en"), std::string::npos);
    Browser lib = librarian();
    auto page = lib.get("/desk");
    ASSERT_EQ(page->status, 200);
    EXPECT_NE(page->body.find(lib.csrf), std::string::npos);
    EXPECT_EQ(lib.get("/class?c=3-2")->status, 200);
    EXPECT_EQ(lib.get("/class?c=" + httplib::detail::encode_query_param("<b>"))->status, 400);
    EXPECT_EQ(lib.get("/stats")->status, 200);
    auto stats = lib.get("/api/stats");
    ASSERT_EQ(stats->status, 200);
    auto by_month = nlohmann::json::parse(stats->body)["by_month"];
    ASSERT_EQ(by_month.size(), 12u);  // January .. December, each with its loans
    long long months_total = 0;
    for (auto& m : by_month) months_total += m["loans"].get<long long>();
    EXPECT_EQ(months_total, nlohmann::json::parse(stats->body)["loans"].get<long long>());
    EXPECT_EQ(lib.get("/vendor/chart.min.js")->status, 200);
}

struct LoggedServerTest : ServerTest {
    int saved = -1;
    std::filesystem::path log = db.string() + ".log";
    bool log_requests() const override { return true; }
    void SetUp() override {
        fflush(stderr);
        saved = dup(2);
        int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(fd, 2);
        ::close(fd);
        ServerTest::SetUp();
    }
    std::string stop_and_read() {
        TearDown();
        web.reset();
        fflush(stderr);
        dup2(saved, 2);
        ::close(saved);
        std::ifstream in(log);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }
};

TEST_F(LoggedServerTest, RequestLogNamesNoPatron) {
    Browser lib = librarian();
    lib.get("/api/patrons?q=" + httplib::detail::encode_query_param("张小明"));
    lib.get("/api/patron?id=S001");
    lib.post("/api/circ/checkout", {{"patron", "S001"}, {"item", "B11"}});
    lib.post_raw("/api/circ/checkout", "{\"patron\": \"S002\"");
    Browser reader = browser();
    reader.login("reader", "S002", kPin);
    reader.get("/api/me/loans");
    std::string text = stop_and_read();
    EXPECT_NE(text.find("POST /api/circ/checkout 200"), std::string::npos) << text;
    EXPECT_NE(text.find("GET /api/patrons 200"), std::string::npos) << text;
    EXPECT_NE(text.find("ms"), std::string::npos);
    for (const char* secret : {"S001", "S002", "张小明", "李华", kPin.c_str(), kAdminPw.c_str()})
        EXPECT_EQ(text.find(secret), std::string::npos) << secret << " in\n" << text;
}

TEST_F(ServerTest, OpacShowsWhereACopyStands) {
    auto it = open_lib()->catalog().item_by_barcode("B11");
    ASSERT_TRUE(it);
    shelving::Assignment a;
    shelving::Section s;
    s.id = "R1/1/2";
    s.furniture_id = "R1";
    s.label = "A1";
    s.room_id = "read";
    s.room_name = "阅览室";
    s.number = 2;
    s.levels = 5;
    a.sections.push_back(s);
    a.fills.push_back({1, "I247.55/1", "I247.55/1"});
    a.placed.push_back({it->id, 0, 3, "read", "I247.55/1"});
    shelving::save_assignment(db, a);
    // The assignment is read when the server starts: a second server on the same file sees it.
    server::ServerOptions o;
    o.db = db;
    o.port = 0;
    o.log_requests = false;
    server::WebServer second(o);
    Browser b(second.bind());
    std::thread serving([&] { second.serve(); });
    auto r = b.get("/api/records/" + std::to_string(record_a) + "?lang=en");
    second.stop();
    serving.join();
    ASSERT_TRUE(r);
    auto items = json::parse(r->body)["items"];
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0]["barcode"], "B11");
    EXPECT_EQ(items[0]["location"], trf_in(Language::En, "shelving.msg.located", {"阅览室", "A1", "1", "2", "3"}));
    EXPECT_EQ(items[1]["location"], "");  // B12: not in the assignment
}

TEST_F(ServerTest, DeskSeesAReadersHoldsAndThePullList) {
    Browser reader = browser();
    ASSERT_EQ(reader.login("reader", "S002", kPin), 200);
    ASSERT_EQ(reader.post("/api/me/holds", {{"record", record_a}})->status, 200);
    Browser lib = librarian();
    auto card = json::parse(lib.get("/api/patron?id=S002")->body);
    ASSERT_EQ(card["holds"].size(), 1u);
    EXPECT_EQ(card["holds"][0]["title"], "三体");
    // A copy of 三体 is on the shelf and no hold keeps it: the desk is told to fetch it.
    auto pull = json::parse(lib.get("/api/holds/pull")->body);
    ASSERT_EQ(pull.size(), 1u);
    EXPECT_EQ(pull[0]["patron"], "S002");
    EXPECT_EQ(json::parse(lib.get("/api/holds/patron?patron=S002")->body).size(), 1u);
    long long hold = card["holds"][0]["id"];
    EXPECT_EQ(lib.post("/api/holds/cancel", {{"hold", hold}})->status, 200);
    EXPECT_EQ(json::parse(lib.get("/api/patron?id=S002")->body)["holds"].size(), 0u);
}

// A digital record's access links: in the API with whether each may be a link, on the OPAC page
// as a link for http(s) only (escaped), a javascript: URL as text.
TEST_F(ServerTest, OpacShowsAccessLinksOfDigitalRecords) {
    {
        auto lib = open_lib();
        std::vector<catalog::ImportEntry> batch(1);
        auto& r = batch[0].record;
        r.title = "数字资源样例";
        r.control_number = "EB-WEB-1";
        r.flavor = catalog::MarcFlavor::Marc21;
        r.marc.leader = "00000nam a2200000 a 4500";
        r.marc.fields.push_back(catalog::Field{"001", r.control_number, ' ', ' ', {}});
        r.marc.fields.push_back(catalog::Field{"856", "", '4', '0', {{'u', "https://ebooks.example.org/1?a=1&b=2"}}});
        r.marc.fields.push_back(catalog::Field{"856", "", '4', '0', {{'u', "javascript:alert(1)"}}});
        lib->catalog().import_batch(batch);
    }
    Browser b = browser();
    auto j = json::parse(b.get("/api/search?q=" + httplib::detail::encode_query_param("数字资源样例"))->body);
    ASSERT_EQ(j["hits"].size(), 1u);
    EXPECT_TRUE(j["hits"][0]["digital"]);
    ASSERT_EQ(j["hits"][0]["access_links"].size(), 2u);
    EXPECT_TRUE(j["hits"][0]["access_links"][0]["linkable"]);
    EXPECT_FALSE(j["hits"][0]["access_links"][1]["linkable"]);
    const std::string page = b.get("/opac?q=" + httplib::detail::encode_query_param("数字资源样例"))->body;
    EXPECT_NE(page.find("href=\"https://ebooks.example.org/1?a=1&amp;b=2\""), std::string::npos) << page;
    EXPECT_EQ(page.find("href=\"javascript:"), std::string::npos);
    EXPECT_NE(page.find("javascript:alert(1)"), std::string::npos);  // shown as text
    EXPECT_NE(page.find("数字资源</span>"), std::string::npos);
}
