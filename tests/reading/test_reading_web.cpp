// The reading pages and their API on a real `shuxiang serve` (in-process, 127.0.0.1): building a
// list from the catalogue, coverage and the acquisitions step, a programme's progress as staff and
// as a pupil (own progress only, no names), activities booking the plan's rooms; CSRF and roles.
#include "server/server_fixture.hpp"

using namespace sxs;

namespace {

struct ReadingWeb : ServerTest {
    // The one-range plan (its room 书库, id stacks) with the collection shelved on it.
    std::filesystem::path plan_file() override {
        auto plan = db.parent_path() / (db.stem().string() + ".sxplan.json");
        shelve_on_route_plan(db, plan);
        return plan;
    }
    void SetUp() override {
        ServerTest::SetUp();
        // S001 borrows 三体 in September: the programme's progress comes from this loan.
        auto lib = open_lib();
        must(lib->circulation().checkout(Ctx{"admin", "2026-09-05"}, "S001", "B11"), "loan");
        must(lib->circulation().checkin(Ctx{"admin", "2026-09-12"}, "B11"), "return");
    }
    Browser as(const std::string& kind, const std::string& id, const std::string& pw) {
        Browser b(port);
        EXPECT_EQ(b.login(kind, id, pw), 200) << id;
        return b;
    }
};

// Percent-encodes a query value.
std::string enc(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char ch : s) {
        if (std::isalnum(ch)) out += static_cast<char>(ch);
        else out += {'%', hex[ch >> 4], hex[ch & 15]};
    }
    return out;
}

}  // namespace

TEST_F(ReadingWeb, BuildAListFromTheCatalogueWithCoverageAndSuggestions) {
    Browser lib = librarian();
    auto r = lib.post("/api/lists", {{"name", "三年级共读"}, {"class", "3-2"}, {"from", "2026-09-01"}, {"to", "2026-09-30"}});
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(lib.post("/api/lists", {{"name", "三年级共读"}})->status, 409);  // the name is taken
    ASSERT_EQ(lib.post("/api/lists/add", {{"list", "三年级共读"}, {"record_id", record_a}})->status, 200);
    ASSERT_EQ(lib.post("/api/lists/add", {{"list", "三年级共读"}, {"record_id", record_b}})->status, 200);
    auto dup = lib.post("/api/lists/add", {{"list", "三年级共读"}, {"record_id", record_a}});
    EXPECT_EQ(dup->status, 409);
    EXPECT_EQ(json::parse(dup->body)["code"], "already_on_list");
    ASSERT_EQ(lib.post("/api/lists/add", {{"list", "三年级共读"}, {"title", "海底两万里"}, {"author", "凡尔纳"}, {"price", "30"}})->status, 200);
    EXPECT_EQ(lib.post("/api/lists/add", {{"list", "三年级共读"}, {"title", "x"}, {"price", "abc"}})->status, 400);
    EXPECT_EQ(lib.post("/api/lists/add", {{"list", "没有"}, {"record_id", record_a}})->status, 404);

    auto page = lib.get("/lists/view?name=" + enc("三年级共读"));
    ASSERT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("data-status=\"held\""), std::string::npos);
    EXPECT_NE(page->body.find("data-status=\"missing\""), std::string::npos);
    EXPECT_NE(page->body.find("海底两万里"), std::string::npos);
    EXPECT_EQ(page->body.find("<script>alert"), std::string::npos);  // the record's <script> title is escaped
    EXPECT_NE(page->body.find("&lt;script&gt;alert"), std::string::npos);
    auto search = lib.get("/lists/view?name=" + enc("三年级共读") + "&q=" + enc("十万个为什么"));
    EXPECT_NE(search->body.find("sx-search-hit"), std::string::npos);

    // The missing title to acquisitions in one step, with its recommender.
    auto s = lib.post("/api/lists/suggest", {{"list", "三年级共读"}, {"by", "S001"}});
    ASSERT_EQ(s->status, 200) << s->body;
    auto sugg = lib.get("/api/acq/suggestions");
    auto all = json::parse(sugg->body);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0]["title"], "海底两万里");
    EXPECT_EQ(all[0]["by"], "S001");

    ASSERT_EQ(lib.post("/api/lists/remove", {{"list", "三年级共读"}, {"pos", 2}})->status, 200);
    EXPECT_EQ(lib.post("/api/lists/remove", {{"list", "三年级共读"}, {"pos", 9}})->status, 409);
    page = lib.get("/lists/view?name=" + enc("三年级共读"));
    EXPECT_EQ(page->body.find("小王子"), std::string::npos);
    auto lists = lib.get("/lists");
    EXPECT_NE(lists->body.find("三年级共读"), std::string::npos);
}

TEST_F(ReadingWeb, ChangesNeedTheTokenAndTheRole) {
    Browser lib = librarian();
    EXPECT_EQ(lib.post("/api/lists", {{"name", "无令牌"}}, false)->status, 403);
    Browser vol = as("operator", "vol1", kAdminPw);
    EXPECT_EQ(vol.post("/api/lists", {{"name", "志愿者"}})->status, 403);
    Browser pupil = as("reader", "S001", kPin);
    EXPECT_EQ(pupil.post("/api/lists", {{"name", "学生"}})->status, 403);
    EXPECT_EQ(pupil.post("/api/activities/cancel", {{"id", 1}})->status, 403);
    EXPECT_EQ(lib.post("/api/lists", {{"name", "x"}, {"colour", "red"}})->status, 400);
    EXPECT_EQ(Browser(port).get("/lists")->status, 303);  // to the login page
}

TEST_F(ReadingWeb, ProgressClassTotalsForStaffOwnProgressForThePupil) {
    Browser lib = librarian();
    ASSERT_EQ(lib.post("/api/lists", {{"name", "共读"}, {"class", "3-2"}, {"from", "2026-09-01"}, {"to", "2026-09-30"}})->status, 200);
    ASSERT_EQ(lib.post("/api/lists/add", {{"list", "共读"}, {"record_id", record_a}})->status, 200);
    ASSERT_EQ(lib.post("/api/lists/add", {{"list", "共读"}, {"record_id", record_b}})->status, 200);
    auto cls = lib.get("/programme?list=" + enc("共读") + "&class=3-2");
    ASSERT_EQ(cls->status, 200);
    EXPECT_NE(cls->body.find("data-class=\"3-2\""), std::string::npos);
    EXPECT_EQ(cls->body.find("张小明"), std::string::npos);  // totals only: no pupil named
    EXPECT_EQ(cls->body.find("S001"), std::string::npos);
    auto grade = lib.get("/programme?list=" + enc("共读") + "&grade=3");
    EXPECT_NE(grade->body.find("data-class=\"3-2\""), std::string::npos);

    Browser pupil = as("reader", "S001", kPin);
    auto mine = pupil.get("/programme?list=" + enc("共读") + "&class=3-2");
    ASSERT_EQ(mine->status, 200);
    EXPECT_NE(mine->body.find("id=\"sx-my-progress\""), std::string::npos);
    EXPECT_EQ(mine->body.find("id=\"sx-progress\""), std::string::npos);  // never the class table
    EXPECT_NE(mine->body.find("data-read=\"1\""), std::string::npos);
    Browser other = as("reader", "S002", kPin);
    auto theirs = other.get("/programme?list=" + enc("共读"));
    EXPECT_EQ(theirs->body.find("data-read=\"1\""), std::string::npos);  // S002 read nothing; S001's loan is not shown
    Browser reviewer = as("operator", "rev1", kAdminPw);  // may not see readers
    EXPECT_EQ(reviewer.get("/programme?list=" + enc("共读") + "&class=3-2")->status, 403);
}

TEST_F(ReadingWeb, ActivitiesBookThePlansRooms) {
    Browser lib = librarian();
    json visit = {{"kind", "class_visit"}, {"title", "三年级2班到馆"}, {"room", "书库"}, {"day", "2026-09-14"},
                  {"start", "09:00"}, {"end", "09:40"}, {"class", "3-2"}, {"people", 40}};
    auto r = lib.post("/api/activities", visit);
    ASSERT_EQ(r->status, 200) << r->body;
    const long long id = json::parse(r->body)["id"].get<long long>();
    visit["title"] = "读书会";
    visit["start"] = "09:30";
    auto clash = lib.post("/api/activities", visit);
    EXPECT_EQ(clash->status, 409);
    EXPECT_EQ(json::parse(clash->body)["code"], "room_taken");
    visit["room"] = "屋顶";
    EXPECT_EQ(lib.post("/api/activities", visit)->status, 404);
    auto list = json::parse(Browser(port).get("/api/activities")->body);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["room"], "stacks");
    auto page = lib.get("/activities");
    EXPECT_NE(page->body.find("三年级2班到馆"), std::string::npos);
    EXPECT_NE(page->body.find("id=\"sx-book\""), std::string::npos);
    ASSERT_EQ(lib.post("/api/activities/cancel", {{"id", id}})->status, 200);
    EXPECT_TRUE(json::parse(Browser(port).get("/api/activities")->body).empty());
}
