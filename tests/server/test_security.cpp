// The server's security rules, each able to fail: 401/403 (audited), CSRF, session fixation and
// logout, SQL injection strings, escaping of a <script> title, path traversal, readers' privacy.
#include "server_fixture.hpp"

using namespace sxs;

namespace {

long long open_loans(ServerTest& t) { return static_cast<long long>(t.open_lib()->circulation().open_loans().size()); }

}  // namespace

TEST_F(ServerTest, UnauthenticatedCallsAre401AndAudited) {
    auto b = browser();
    for (const char* path : {"/api/patrons?q=S", "/api/patron?id=S001", "/api/circ/overdue", "/api/acq/suggestions",
                             "/api/items/B11", "/api/stats", "/api/me", "/api/me/loans"}) {
        auto r = b.get(path);
        ASSERT_TRUE(r) << path;
        EXPECT_EQ(r->status, 401) << path;
        EXPECT_EQ(json::parse(r->body)["code"], "login_required") << path;
    }
    auto r = b.post("/api/circ/checkout", {{"patron", "S001"}, {"item", "B11"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(open_loans(*this), 0);
    EXPECT_TRUE(audited_refusal("login_required"));
}

TEST_F(ServerTest, WrongRoleIs403AndAudited) {
    Browser reader = browser();
    ASSERT_EQ(reader.login("reader", "S001", kPin), 200);
    for (const char* path : {"/api/patrons?q=S", "/api/patron?id=S002", "/api/circ/overdue"}) {
        auto r = reader.get(path);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 403) << path;
    }
    auto r = reader.post("/api/circ/checkout", {{"patron", "S001"}, {"item", "B11"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
    EXPECT_TRUE(audited_refusal("forbidden"));
    // A volunteer may lend but not review a suggestion: the library refuses (not_permitted) and audits.
    Browser vol = browser();
    ASSERT_EQ(vol.login("operator", "vol1", kAdminPw), 200);
    r = vol.post("/api/acq/review", {{"suggestion", 1}, {"approve", true}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
    EXPECT_EQ(json::parse(r->body)["code"], "not_permitted");
    EXPECT_EQ(open_loans(*this), 0);
}

// A reviewer is an operator, but reviews purchases only: readers' names, numbers and loans are
// not theirs to read, through the API or the class page (CLI: the same ViewReaders permission).
TEST_F(ServerTest, ReviewerCannotReadReadersData) {
    Browser rev = browser();
    ASSERT_EQ(rev.login("operator", "rev1", kAdminPw), 200);
    for (const char* path : {"/api/patrons?q=S", "/api/patron?id=S002", "/api/circ/overdue", "/api/holds/pull",
                             "/api/holds/patron?patron=S001", "/class?c=3-2"}) {
        auto r = rev.get(path);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 403) << path;
        EXPECT_EQ(r->body.find("S002"), std::string::npos) << path;
    }
    EXPECT_TRUE(audited_refusal("forbidden"));
    // The review queue stays the reviewer's; a volunteer still reads the overdue list.
    auto q = rev.get("/api/acq/suggestions");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->status, 200);
    Browser vol = browser();
    ASSERT_EQ(vol.login("operator", "vol1", kAdminPw), 200);
    auto o = vol.get("/api/circ/overdue");
    ASSERT_TRUE(o);
    EXPECT_EQ(o->status, 200);
}

TEST_F(ServerTest, CsrfMissingOrWrongIs403) {
    Browser lib = librarian();
    auto r = lib.post("/api/circ/checkout", {{"patron", "S001"}, {"item", "B11"}}, false);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
    EXPECT_EQ(json::parse(r->body)["code"], "csrf");
    std::string good = lib.csrf;
    lib.csrf = std::string(good.size(), 'a');
    r = lib.post("/api/circ/checkout", {{"patron", "S001"}, {"item", "B11"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
    // Another session's token is wrong too.
    Browser other = librarian();
    lib.csrf = other.csrf;
    r = lib.post("/api/circ/checkout", {{"patron", "S001"}, {"item", "B11"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
    EXPECT_EQ(open_loans(*this), 0);
    EXPECT_TRUE(audited_refusal("csrf"));
    lib.csrf = good;
    r = lib.post("/api/circ/checkout", {{"patron", "S001"}, {"item", "B11"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(open_loans(*this), 1);
}

TEST_F(ServerTest, SessionCookieIsHttpOnlyStrictAndRotatedAtLogin) {
    Browser b = browser();
    b.cookie = "sx_session=" + std::string(64, 'f');  // planted by an attacker
    auto r = b.http->Post("/api/login", b.headers(false), json{{"operator", "admin"}, {"password", kAdminPw}}.dump(),
                          "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    std::string set = r->get_header_value("Set-Cookie");
    EXPECT_NE(set.find("HttpOnly"), std::string::npos);
    EXPECT_NE(set.find("SameSite=Strict"), std::string::npos);
    std::string fresh = set.substr(0, set.find(';'));
    EXPECT_NE(fresh, b.cookie);
    // The planted id stays worthless; a second login gives yet another id and ends the first.
    EXPECT_EQ(b.get("/api/me")->status, 401);
    b.cookie = fresh;
    b.csrf = json::parse(r->body)["csrf"];
    EXPECT_EQ(b.get("/api/me")->status, 200);
    Browser again = b;
    ASSERT_EQ(again.login("operator", "admin", kAdminPw), 200);
    EXPECT_NE(again.cookie, fresh);
    EXPECT_EQ(b.get("/api/me")->status, 401);
}

TEST_F(ServerTest, LogoutEndsTheSession) {
    Browser lib = librarian();
    EXPECT_EQ(lib.get("/api/me")->status, 200);
    EXPECT_EQ(lib.post("/api/logout", json::object(), false)->status, 403);  // logout needs the token too
    EXPECT_EQ(lib.post("/api/logout", json::object())->status, 200);
    EXPECT_EQ(lib.get("/api/me")->status, 401);
    auto r = lib.post("/api/circ/checkout", {{"patron", "S001"}, {"item", "B11"}});
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(open_loans(*this), 0);
}

TEST_F(ServerTest, WrongPasswordIsRefusedWithoutSession) {
    Browser b = browser();
    EXPECT_EQ(b.login("operator", "admin", "wrong-password-1"), 401);
    EXPECT_TRUE(b.cookie.empty());
    EXPECT_EQ(b.login("reader", "S001", "0000"), 401);
    EXPECT_EQ(b.login("reader", "NOBODY", kPin), 401);
}

TEST_F(ServerTest, SqlInjectionStringsAreJustText) {
    const std::vector<std::string> attacks = {"' OR '1'='1", "'; DROP TABLE items; --", "\" OR 1=1 --",
                                              "1); DELETE FROM circ_loans; --", "S001' --", "%' UNION SELECT * FROM id_secrets --"};
    Browser lib = librarian();
    Browser anon = browser();
    for (const auto& a : attacks) {
        std::string q = httplib::detail::encode_query_param(a);
        for (auto* b : {&anon, &lib}) {
            auto r = b->get("/api/search?q=" + q);
            ASSERT_TRUE(r);
            EXPECT_EQ(r->status, 200) << a;
            EXPECT_EQ(json::parse(r->body)["hits"].size(), 0u) << a;
            EXPECT_EQ(b->get("/opac?q=" + q)->status, 200) << a;
        }
        auto r = lib.get("/api/patrons?q=" + q);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 200) << a;
        EXPECT_EQ(json::parse(r->body).size(), 0u) << a;
        EXPECT_EQ(lib.get("/api/patron?id=" + q)->status, 404) << a;
        EXPECT_EQ(lib.post("/api/circ/checkout", {{"patron", a}, {"item", "B11"}})->status, 404) << a;
        EXPECT_EQ(lib.post("/api/circ/checkout", {{"patron", "S001"}, {"item", a}})->status, 404) << a;
        EXPECT_EQ(lib.post("/api/circ/return", {{"item", a}})->status, 404) << a;
        EXPECT_EQ(anon.login("operator", a, a), 401) << a;
        EXPECT_EQ(lib.get("/api/circ/overdue?class=" + q)->status, 400) << a;
    }
    auto svc = open_lib();
    EXPECT_EQ(svc->catalog().item_count(), 6);
    EXPECT_EQ(svc->patrons().list().size(), 2u);
    EXPECT_EQ(svc->circulation().open_loans().size(), 0u);
}

TEST_F(ServerTest, ScriptInATitleIsEscapedInTheOpac) {
    auto r = browser().get("/opac?q=" + httplib::detail::encode_query_param("小王子"));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    EXPECT_EQ(r->body.find("<script>alert"), std::string::npos);
    EXPECT_NE(r->body.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;小王子"), std::string::npos);
    // The JSON the desk reads carries the title as data; the desk writes it with textContent.
    Browser lib = librarian();
    auto j = json::parse(lib.get("/api/items/B21")->body);
    EXPECT_EQ(j["title"], kScriptTitle);
}

TEST_F(ServerTest, PathTraversalOnStaticFilesIs404) {
    Browser b = browser();
    EXPECT_EQ(b.get("/static/site.css")->status, 200);
    EXPECT_EQ(b.get("/vendor/bootstrap.min.css")->status, 200);
    for (const char* path : {"/static/../layout.html", "/static/..%2flayout.html", "/static/%2e%2e/%2e%2e/CMakeLists.txt",
                             "/static/../../../../etc/passwd", "/static/.hidden", "/static/", "/static/..",
                             "/vendor/../bootstrap5/css/bootstrap.css", "/vendor/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                             "/vendor/bootstrap.min.css/../../../../etc/passwd", "/static//etc/passwd",
                             "/../../etc/passwd", "/static/%00site.css"}) {
        auto r = b.get(path);
        ASSERT_TRUE(r) << path;
        EXPECT_EQ(r->status, 404) << path;
        EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
    }
}

TEST_F(ServerTest, AReaderSeesOnlyTheirOwnLoans) {
    Browser lib = librarian();
    ASSERT_EQ(lib.post("/api/circ/checkout", {{"patron", "S001"}, {"item", "B11"}})->status, 200);
    ASSERT_EQ(lib.post("/api/circ/checkout", {{"patron", "S002"}, {"item", "B31"}})->status, 200);
    Browser reader = browser();
    ASSERT_EQ(reader.login("reader", "S002", kPin), 200);
    auto loans = json::parse(reader.get("/api/me/loans")->body);
    ASSERT_EQ(loans.size(), 1u);
    EXPECT_EQ(loans[0]["barcode"], "B31");
    // Asking for someone else's is refused or ignored: the reader's number comes from the session.
    EXPECT_EQ(reader.get("/api/patron?id=S001")->status, 403);
    auto r = reader.get("/api/me/loans?id=S001");
    EXPECT_EQ(json::parse(r->body).size(), 1u);
    EXPECT_EQ(json::parse(r->body)[0]["barcode"], "B31");
    auto page = reader.get("/opac");
    EXPECT_NE(page->body.find("B31"), std::string::npos);
    EXPECT_EQ(page->body.find("B11"), std::string::npos);
    EXPECT_EQ(page->body.find("张小明"), std::string::npos);
    // Placing a hold names no reader: it is always the session's.
    EXPECT_EQ(reader.post("/api/me/holds", {{"record", record_a}, {"patron", "S001"}})->status, 400);
    EXPECT_EQ(reader.post("/api/me/holds", {{"record", record_a}})->status, 200);
    auto holds = open_lib()->circulation().holds(record_a);
    ASSERT_EQ(holds.size(), 1u);
    EXPECT_EQ(holds[0].patron_id, "S002");
}

TEST_F(ServerTest, AReaderCancelsOnlyTheirOwnHolds) {
    Browser s1 = browser(), s2 = browser();
    ASSERT_EQ(s1.login("reader", "S001", kPin), 200);
    ASSERT_EQ(s2.login("reader", "S002", kPin), 200);
    auto r = s1.post("/api/me/holds", {{"record", record_a}});
    ASSERT_EQ(r->status, 200) << r->body;
    long long hold = json::parse(r->body)["id"];
    // Another reader cannot see it nor cancel it: the library does not even name it.
    EXPECT_EQ(json::parse(s2.get("/api/me/holds")->body).size(), 0u);
    r = s2.post("/api/me/holds/cancel", {{"hold", hold}});
    EXPECT_EQ(r->status, 404);
    EXPECT_EQ(s2.post("/api/holds/cancel", {{"hold", hold}})->status, 403);  // the operators' route
    auto mine = json::parse(s1.get("/api/me/holds")->body);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0]["title"], "三体");
    EXPECT_NE(s1.get("/opac")->body.find("sx-cancel-hold"), std::string::npos);
    EXPECT_EQ(s1.post("/api/me/holds/cancel", {{"hold", hold}})->status, 200);
    EXPECT_EQ(json::parse(s1.get("/api/me/holds")->body).size(), 0u);
}
