// `shuxiang lists ...` run as a separate process on a real library file.
#include <fstream>
#include <nlohmann/json.hpp>

#include "reading_fixture.hpp"
#include "shuxiang/identity/authenticator.hpp"
#include "support/process.hpp"

using namespace sxt;
using nlohmann::json;

namespace {

struct ListsCli : ::testing::Test {
    std::filesystem::path path = temp_db(std::string("lists_cli_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::path dir = path.parent_path();
    std::string db = " --db " + path.string();
    void SetUp() override {
        auto svc = LibraryServices::open(path);
        ReadingLibrary().fill(svc->catalog());
        ASSERT_TRUE(svc->patrons().add(as("admin"), teacher("T1", "王老师")).ok);
        ASSERT_TRUE(svc->patrons().add(as("admin"), student("S1", "甲", 3, "2")).ok);
        ASSERT_TRUE(svc->operators().add(as("admin"), Operator{"t1", Role::Teacher, "王老师", "T1", false}).ok);
        ASSERT_TRUE(svc->operators().add(as("admin"), Operator{"v1", Role::Volunteer, "", "", false}).ok);
        ASSERT_TRUE(svc->circulation().checkout(as("admin", "2026-09-05"), "S1", "CF1").ok);
        auto store = shuxiang::identity::open_credentials(path);
        shuxiang::identity::Authenticator auth(*svc, *store);
        const long long now = shuxiang::identity::unix_now();
        ASSERT_TRUE(auth.bootstrap("admin", "", "pw-admin-2026", "2026-09-01", now).ok);
        for (const char* op : {"t1", "v1"}) ASSERT_TRUE(auth.set_operator_password(as("admin"), op, std::string("pw-") + op + "-2026", now).ok);
    }
    std::string write(const std::string& name, const std::string& text) {
        auto p = dir / name;
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }
    // `--as OP` with that operator's password file.
    std::string acting(const std::string& op) {
        auto f = write(op + ".pw", "pw-" + op + "-2026\n");
        std::filesystem::permissions(f, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        return " --as " + op + " --password-file " + f;
    }
    shuxiang::test::RunResult run(const std::string& args) { return shuxiang::test::run_shuxiang(args + db); }
    json run_json(const std::string& args, int expect = 0) {
        auto r = shuxiang::test::run_command(std::string(SHUXIANG_BIN_DIR) + "/shuxiang " + args + db + " --json 2>/dev/null");
        EXPECT_EQ(r.code, expect) << args << "\n" << r.out;
        try {
            return json::parse(r.out);
        } catch (...) {
            ADD_FAILURE() << "not JSON: " << r.out;
            return json();
        }
    }
};

}  // namespace

TEST_F(ListsCli, ImportPrintsCoverageAndShowExportList) {
    const std::string csv = reading_data("grade3.csv").string();
    auto j = run_json("lists import " + csv + " --name 三年级必读 --grade 3 --class 3-2 --from 2026-09-01 --to 2026-09-30" + acting("t1"));
    EXPECT_TRUE(j["ok"]);
    EXPECT_EQ(j["titles_held"], 3);
    EXPECT_EQ(j["copies_held"], 6);
    ASSERT_EQ(j["held"].size(), 3u);
    ASSERT_EQ(j["missing"].size(), 2u);
    EXPECT_EQ(j["held"][1]["title"], "城南旧事");
    EXPECT_EQ(j["held"][1]["copies"], 3);
    EXPECT_EQ(j["held"][1]["records"].size(), 1u);
    EXPECT_EQ(j["missing"][0]["title"], "小王子");

    auto shown = run_json("lists show 三年级必读");
    EXPECT_EQ(shown["class"], "3-2");
    EXPECT_EQ(shown["titles_missing"], 2);
    auto text = run("lists show 三年级必读");
    EXPECT_EQ(text.code, 0);
    EXPECT_NE(text.out.find("小王子"), std::string::npos) << text.out;
    auto all = run_json("lists list");
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0]["grade"], "3");

    const std::string out = (dir / "missing.csv").string();
    ASSERT_EQ(run("lists export 三年级必读 --csv " + out).code, 0);
    EXPECT_EQ(shuxiang::read_file(out), "题名,责任者,ISBN,价格\r\n小王子,圣埃克苏佩里,9787544200004,25.00\r\n海底两万里,凡尔纳,,30.00\r\n");
    EXPECT_EQ(run("lists show 没有这个").code, 2);
}

TEST_F(ListsCli, BadFilesExitTwoAndWriteNothing) {
    auto r = run("lists import " + reading_data("no_author.csv").string() + " --name x" + acting("t1"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("no_author.csv"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("责任者"), std::string::npos) << r.out;
    const std::string bad = write("gbk_broken.csv", "题名,责任者,ISBN\n\xFF\xFF\xFF,\xFE,1\n");
    r = run("lists import " + bad + " --name y" + acting("t1"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("gbk_broken.csv"), std::string::npos) << r.out;
    EXPECT_TRUE(run_json("lists list").empty());
}

TEST_F(ListsCli, RolesSuggestAndProgress) {
    const std::string csv = reading_data("grade3.csv").string();
    EXPECT_EQ(run_json("lists import " + csv + " --name 必读" + acting("v1"), 3)["code"], "not_permitted");
    ASSERT_EQ(run("lists import " + csv + " --name 必读 --from 2026-09-01 --to 2026-09-30" + acting("t1")).code, 0);
    auto s = run_json("lists suggest 必读" + acting("t1"));
    EXPECT_TRUE(s["ok"]);
    auto sugg = run_json("acq list");
    ASSERT_EQ(sugg.size(), 2u) << sugg.dump();
    EXPECT_EQ(sugg[0]["title"], "小王子");

    auto p = run_json("lists progress 必读 --class 3-2" + acting("t1"));
    EXPECT_EQ(p["readers"], 1);
    EXPECT_EQ(p["titles_read"], 1);
    EXPECT_FALSE(p.contains("reader"));
    auto one = run_json("lists progress 必读 --class 3-2 --reader S1" + acting("t1"));
    EXPECT_EQ(one["reader"]["titles"], json::array({"草房子"}));
    EXPECT_NE(run("lists progress 必读 --class 3-2").code, 0);
}
