// Readers' feedback through a real `shuxiang serve` on 127.0.0.1: moderation (an unapproved review
// never reaches another reader's page or the public API), privacy and IDOR probes with other ids,
// CSRF on every new POST, escaping of a review holding <script>, and roles.
#include "server/server_fixture.hpp"
#include "shuxiang/reading/feedback.hpp"

using namespace sxs;

namespace {

const std::string kEvil = "<script>alert('x')</script>精彩";

struct FeedbackHttp : ServerTest {
    void SetUp() override {
        ServerTest::SetUp();
        auto lib = open_lib();
        auto creds = identity::open_credentials(db);
        identity::Authenticator auth(*lib, *creds);
        Ctx admin{"admin", kDay};
        circulation::Patron p{"P001", circulation::PatronKind::Parent, "张家长", 0, ""};
        must(lib->patrons().add(admin, p), "parent");
        must(auth.set_reader_pin(admin, "P001", kPin, identity::unix_now()), "pin");
        must(lib->circulation().checkout(Ctx{"admin", "2026-08-20"}, "S001", "B11"), "loan");
        must(lib->circulation().checkin(Ctx{"admin", "2026-08-30"}, "B11"), "return");
        must(lib->circulation().checkout(Ctx{"admin", "2026-08-30"}, "S001", "B31"), "loan");
        reading::FeedbackService fb(lib->repository());
        must(fb.link_parent(admin, "P001", "S001"), "link");
    }
    Browser reader(const std::string& id) {
        Browser b(port);
        EXPECT_EQ(b.login("reader", id, kPin), 200);
        return b;
    }
    Browser volunteer() {
        Browser b(port);
        EXPECT_EQ(b.login("operator", "vol1", kAdminPw), 200);
        return b;
    }
    // S001 writes the <script> review of 三体; its id.
    long long evil_review(Browser& s1) {
        auto r = s1.post("/api/me/reviews", {{"record", record_a}, {"stars", 5}, {"text", kEvil}});
        EXPECT_EQ(r->status, 200) << r->body;
        return json::parse(r->body)["id"].get<long long>();
    }
};

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

TEST_F(FeedbackHttp, AnUnapprovedReviewReachesNoOneButItsAuthor) {
    Browser s1 = reader("S001");
    const long long id = evil_review(s1);
    Browser s2 = reader("S002");
    const std::string page = "/opac/reviews?record=" + std::to_string(record_a);
    for (Browser* b : {&s2}) {
        auto r = b->get(page);
        ASSERT_EQ(r->status, 200);
        EXPECT_FALSE(contains(r->body, "精彩"));
        EXPECT_EQ(json::parse(b->get("/api/reviews?record=" + std::to_string(record_a))->body).size(), 0u);
    }
    Browser anon = browser();
    EXPECT_FALSE(contains(anon.get(page)->body, "精彩"));
    EXPECT_EQ(json::parse(anon.get("/api/reviews?record=" + std::to_string(record_a))->body).size(), 0u);
    // S002's own page shows nothing of S001's; S001's shows it pending, escaped.
    EXPECT_FALSE(contains(s2.get("/opac/feedback")->body, "精彩"));
    EXPECT_EQ(json::parse(s2.get("/api/me/reviews")->body)["reviews"].size(), 0u);
    auto own = s1.get("/opac/feedback")->body;
    EXPECT_TRUE(contains(own, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;精彩") || contains(own, "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;精彩")) << own;
    EXPECT_FALSE(contains(own, kEvil));
    EXPECT_EQ(json::parse(s1.get("/api/me/reviews")->body)["reviews"][0]["status"], "pending");
    // The librarian approves it (the queue page escapes it too); then everyone sees it, without the reader.
    Browser lib = librarian();
    auto queue = lib.get("/feedback")->body;
    EXPECT_TRUE(contains(queue, "精彩"));
    EXPECT_FALSE(contains(queue, kEvil));
    auto ok = lib.post("/api/feedback/moderate", {{"review", id}, {"approve", true}});
    ASSERT_EQ(ok->status, 200) << ok->body;
    auto shown = anon.get(page)->body;
    EXPECT_TRUE(contains(shown, "精彩"));
    EXPECT_FALSE(contains(shown, kEvil));
    EXPECT_FALSE(contains(shown, "S001"));
    EXPECT_FALSE(contains(shown, "张小明"));
    auto api = anon.get("/api/reviews?record=" + std::to_string(record_a))->body;
    EXPECT_EQ(json::parse(api)[0]["text"], kEvil);  // JSON carries the text; pages render it as text
    EXPECT_FALSE(contains(api, "S001"));
    EXPECT_FALSE(contains(api, "张小明"));
}

TEST_F(FeedbackHttp, ReadersAndParentsSeeOnlyTheirOwn) {
    Browser s2 = reader("S002");
    // IDOR probes: another pupil's view, a patron field the API does not take.
    auto probe = s2.get("/api/me/child?id=S001");
    EXPECT_EQ(probe->status, 403) << probe->body;
    EXPECT_FALSE(contains(probe->body, "三体"));
    EXPECT_EQ(s2.post("/api/me/reviews", {{"record", record_a}, {"stars", 5}, {"patron", "S001"}})->status, 400);
    EXPECT_EQ(s2.post("/api/me/reviews", {{"record", record_a}, {"stars", 5}})->status, 409);  // S002 never borrowed it
    EXPECT_EQ(s2.get("/api/feedback/queue")->status, 403);
    EXPECT_EQ(s2.post("/api/feedback/moderate", {{"review", 1}, {"approve", true}})->status, 403);
    // The parent sees the linked pupil's loans, and nobody else's.
    Browser parent = reader("P001");
    auto child = parent.get("/api/me/child?id=S001");
    ASSERT_EQ(child->status, 200) << child->body;
    auto j = json::parse(child->body);
    EXPECT_EQ(j["loans"][0]["title"], "十万个为什么");
    EXPECT_EQ(j["returned"][0]["title"], "三体");
    EXPECT_EQ(parent.get("/api/me/child?id=S002")->status, 403);
    EXPECT_EQ(parent.get("/api/me/child?id=vol1")->status, 403);
    EXPECT_EQ(json::parse(parent.get("/api/me/children")->body).size(), 1u);
    auto family = parent.get("/opac/family")->body;
    EXPECT_TRUE(contains(family, "张小明"));
    EXPECT_FALSE(contains(family, "李华"));
    bool refused = false;
    for (auto& e : open_lib()->admin().audit(200)) refused |= e.action == "feedback.child" && e.outcome == "refused";
    EXPECT_TRUE(refused);
    // A volunteer is an operator but no moderator.
    Browser vol = volunteer();
    EXPECT_EQ(vol.get("/api/feedback/queue")->status, 403);
    EXPECT_EQ(vol.get("/feedback")->status, 403);
    EXPECT_EQ(vol.post("/api/feedback/moderate", {{"review", 1}, {"approve", true}})->status, 403);
    EXPECT_EQ(vol.post("/api/parents/link", {{"parent", "P001"}, {"pupil", "S002"}})->status, 403);
    // Without a session: 401 on the reader's and the librarian's API.
    Browser anon = browser();
    EXPECT_EQ(anon.get("/api/me/child?id=S001")->status, 401);
    EXPECT_EQ(anon.get("/api/feedback/stats")->status, 401);
}

TEST_F(FeedbackHttp, EveryNewPostNeedsTheCsrfToken) {
    Browser s1 = reader("S001");
    Browser parent = reader("P001");
    Browser lib = librarian();
    const long long id = evil_review(s1);
    struct Probe {
        Browser* who;
        std::string path;
        json body;
    };
    const std::vector<Probe> probes = {
        {&s1, "/api/me/reviews", {{"record", record_a}, {"stars", 3}}},
        {&parent, "/api/me/recommendations", {{"title", "小王子"}, {"price", "25"}}},
        {&lib, "/api/feedback/moderate", {{"review", id}, {"approve", true}}},
        {&lib, "/api/feedback/recommend", {{"record", record_a}, {"by", "P001"}}},
        {&lib, "/api/parents/link", {{"parent", "P001"}, {"pupil", "S002"}}},
    };
    for (auto& p : probes) {
        auto r = p.who->post(p.path, p.body, false);
        EXPECT_EQ(r->status, 403) << p.path;
        EXPECT_EQ(json::parse(r->body)["code"], "csrf") << p.path;
        Browser wrong = *p.who;
        wrong.csrf = std::string(64, 'a');
        EXPECT_EQ(wrong.post(p.path, p.body)->status, 403) << p.path;
    }
    EXPECT_TRUE(audited_refusal("csrf"));
    // Nothing of it happened: the review is still pending, no link, no recommendation.
    EXPECT_EQ(json::parse(lib.get("/api/feedback/queue")->body).size(), 1u);
    EXPECT_EQ(json::parse(parent.get("/api/me/recommendations")->body).size(), 0u);
    // With the token they work.
    EXPECT_EQ(lib.post("/api/parents/link", {{"parent", "P001"}, {"pupil", "S002"}})->status, 200);
    EXPECT_EQ(parent.get("/api/me/child?id=S002")->status, 200);
}

TEST_F(FeedbackHttp, RecommendationsGoToTheAcquisitionsReviewWithTheirRecommender) {
    Browser s1 = reader("S001");
    auto pupil = s1.post("/api/me/recommendations", {{"title", "小王子"}, {"price", "25"}});
    EXPECT_EQ(pupil->status, 409);
    EXPECT_EQ(json::parse(pupil->body)["code"], "recommend_kind");
    Browser parent = reader("P001");
    EXPECT_EQ(parent.post("/api/me/recommendations", {{"title", "小王子"}})->status, 409);  // price needed
    EXPECT_EQ(parent.post("/api/me/recommendations", {{"title", "小王子"}, {"price", "abc"}})->status, 400);
    auto r = parent.post("/api/me/recommendations", {{"title", "小王子"}, {"author", "圣埃克苏佩里"}, {"price", "25"}, {"note", "<b>好</b>"}});
    ASSERT_EQ(r->status, 200) << r->body;
    Browser lib = librarian();
    auto sugg = json::parse(lib.get("/api/acq/suggestions?status=pending")->body);
    ASSERT_EQ(sugg.size(), 1u);
    EXPECT_EQ(sugg[0]["by"], "P001");
    EXPECT_EQ(sugg[0]["title"], "小王子");
    // The reader's page lists it, escaped; a held title recommended by the librarian for the parent.
    auto page = parent.get("/opac/feedback")->body;
    EXPECT_TRUE(contains(page, "小王子"));
    EXPECT_EQ(lib.post("/api/feedback/recommend", {{"record", record_a}, {"by", "P001"}})->status, 200);
    EXPECT_EQ(json::parse(parent.get("/api/me/recommendations")->body).size(), 2u);
    // The statistics: anonymous, the class of two pupils suppressed.
    auto st = lib.get("/api/feedback/stats?year=2026");
    ASSERT_EQ(st->status, 200);
    auto j = json::parse(st->body);
    EXPECT_EQ(j["most_recommended"].size(), 2u);
    ASSERT_EQ(j["loans_by_class"].size(), 1u);
    EXPECT_EQ(j["loans_by_class"][0]["class"], "3-2");
    EXPECT_TRUE(j["loans_by_class"][0]["suppressed"].get<bool>());
    EXPECT_FALSE(j["loans_by_class"][0].contains("loans"));
    for (auto who : {"S001", "P001", "张小明", "张家长"}) EXPECT_FALSE(contains(st->body, who)) << who;
    auto stats_page = lib.get("/feedback/stats");
    EXPECT_EQ(stats_page->status, 200);
    EXPECT_TRUE(contains(stats_page->body, "小王子"));
    EXPECT_EQ(lib.get("/api/feedback/stats?year=20x6")->status, 400);
}
