// `shuxiang feedback ...`, `shuxiang parents ...` and the feedback part of `shuxiang stats`, run as
// a separate process on a real library file.
#include <fstream>
#include <nlohmann/json.hpp>

#include "reading_fixture.hpp"
#include "shuxiang/identity/authenticator.hpp"
#include "shuxiang/reading/feedback.hpp"
#include "support/cli_json.hpp"
#include "support/process.hpp"

using namespace sxt;
using nlohmann::json;

namespace {

struct FeedbackCli : ::testing::Test {
    std::filesystem::path path = temp_db(std::string("feedback_cli_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::path dir = path.parent_path();
    std::string db = " --db " + path.string();
    long long caofangzi = 0;
    void SetUp() override {
        auto svc = LibraryServices::open(path);
        ReadingLibrary books;
        books.fill(svc->catalog());
        caofangzi = books.caofangzi;
        ASSERT_TRUE(svc->patrons().add(as("admin"), teacher("T1", "王老师")).ok);
        ASSERT_TRUE(svc->patrons().add(as("admin"), student("S1", "甲", 3, "2")).ok);
        Patron p;
        p.id = "P1";
        p.name = "家长甲";
        p.kind = PatronKind::Parent;
        ASSERT_TRUE(svc->patrons().add(as("admin"), p).ok);
        ASSERT_TRUE(svc->operators().add(as("admin"), Operator{"t1", Role::Teacher, "王老师", "T1", false}).ok);
        ASSERT_TRUE(svc->circulation().checkout(as("admin", "2026-09-05"), "S1", "CF1").ok);
        ASSERT_TRUE(svc->circulation().checkin(as("admin", "2026-09-08"), "CF1").ok);
        auto store = shuxiang::identity::open_credentials(path);
        shuxiang::identity::Authenticator auth(*svc, *store);
        const long long now = shuxiang::identity::unix_now();
        ASSERT_TRUE(auth.bootstrap("admin", "", "pw-admin-2026", "2026-09-01", now).ok);
        ASSERT_TRUE(auth.set_operator_password(as("admin"), "t1", "pw-t1-2026", now).ok);
    }
    std::string acting(const std::string& op) {
        const auto f = shuxiang::test::write_private_file(dir / (op + ".pw"), "pw-" + op + "-2026\n");
        return " --as " + op + " --password-file " + f + " --date 2026-09-10";
    }
    json run_json(const std::string& args, int expect = 0) {
        return shuxiang::test::run_json_command(std::string(SHUXIANG_BIN_DIR) + "/shuxiang " + args + db + " --json 2>/dev/null", expect, args);
    }
};

}  // namespace

TEST_F(FeedbackCli, ASlipIsModeratedBeforeItShows) {
    const std::string rec = std::to_string(caofangzi);
    auto made = run_json("feedback review --patron S1 --record " + rec + " --stars 5 --text 很好看" + acting("admin"));
    EXPECT_TRUE(made["ok"]);
    EXPECT_EQ(run_json("feedback show " + rec).size(), 0u);
    // The queue names readers: an operator's, refused without credentials (exit 3) or to a teacher.
    run_json("feedback queue", 3);
    auto refused = run_json("feedback queue" + acting("t1"), 3);
    EXPECT_EQ(refused["code"], "not_permitted");
    auto queue = run_json("feedback queue" + acting("admin"));
    ASSERT_EQ(queue.size(), 1u);
    EXPECT_EQ(queue[0]["patron"], "S1");
    const std::string id = std::to_string(queue[0]["id"].get<long long>());
    EXPECT_EQ(run_json("feedback approve " + id + acting("t1"), 3)["code"], "not_permitted");
    EXPECT_TRUE(run_json("feedback approve " + id + acting("admin"))["ok"]);
    auto shown = run_json("feedback show " + rec);
    ASSERT_EQ(shown.size(), 1u);
    EXPECT_EQ(shown[0]["text"], "很好看");
    EXPECT_EQ(shown[0]["reader"], "student");
    EXPECT_EQ(shown.dump().find("S1"), std::string::npos);
    // A review of a title never borrowed is refused with exit 3.
    EXPECT_EQ(run_json("feedback review --patron S1 --record " + std::to_string(caofangzi + 1) + " --stars 3" + acting("admin"), 3)["code"],
              "not_returned");
}

TEST_F(FeedbackCli, RecommendationsParentsAndStats) {
    auto r = run_json("feedback recommend --title 小王子 --author 圣埃克苏佩里 --isbn 9787544200004 --price 25" + acting("t1"));
    EXPECT_TRUE(r["ok"]);
    auto sugg = run_json("acq list");
    ASSERT_EQ(sugg.size(), 1u);
    EXPECT_EQ(sugg[0]["by"], "T1");
    EXPECT_EQ(run_json("feedback recommend --title 小王子 --by P1 --price 25" + acting("t1"), 3)["code"], "not_permitted");
    EXPECT_TRUE(run_json("feedback recommend --record " + std::to_string(caofangzi) + " --by P1" + acting("admin"))["ok"]);
    auto recs = run_json("feedback recommendations" + acting("t1"));
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[1]["by"], "P1");
    // Parents: linked by a librarian only.
    EXPECT_EQ(run_json("parents link P1 S1" + acting("t1"), 3)["code"], "not_permitted");
    EXPECT_TRUE(run_json("parents link P1 S1" + acting("admin"))["ok"]);
    auto kids = run_json("parents list P1" + acting("admin"));
    ASSERT_EQ(kids.size(), 1u);
    EXPECT_EQ(kids[0]["id"], "S1");
    EXPECT_EQ(run_json("parents unlink P1 S9" + acting("admin"), 3)["code"], "not_linked");
    // The statistics in `stats` and `feedback stats`: anonymous, the one-pupil class suppressed.
    auto st = run_json("stats --year 2026");
    ASSERT_TRUE(st.contains("feedback"));
    EXPECT_EQ(st["feedback"]["most_recommended"].size(), 2u);
    ASSERT_EQ(st["feedback"]["loans_by_class"].size(), 1u);
    EXPECT_TRUE(st["feedback"]["loans_by_class"][0]["suppressed"]);
    EXPECT_EQ(st["feedback"], run_json("feedback stats --year 2026"));
    const std::string text = st["feedback"].dump();
    for (auto who : {"S1", "P1", "T1", "甲", "王老师"}) EXPECT_EQ(text.find(who), std::string::npos) << who;
}
