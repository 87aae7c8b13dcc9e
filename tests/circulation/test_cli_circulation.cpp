// The CLI of operators, patrons, circ, acq, weed, stocktake and stats, run as a separate process.
#include <fstream>
#include <nlohmann/json.hpp>

#include "fixture.hpp"
#include "shuxiang/identity/authenticator.hpp"
#include "shuxiang/standards/holdings.hpp"
#include "support/cli_json.hpp"
#include "support/process.hpp"

using namespace sxt;
using shuxiang::test::run_shuxiang;
using nlohmann::json;

namespace {

struct Cli : ::testing::Test {
    std::filesystem::path path = temp_db(std::string("cli_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::path dir = path.parent_path();
    std::string db = " --db " + path.string();
    long long rec_a = 0;
    void SetUp() override {
        {
            auto lib_owner = LibraryServices::open(path);
            auto& lib = *lib_owner;
            rec_a = add_title(lib.catalog(), "草房子", "I287.45/123", 3, "A", "2026-03-01");
            add_title(lib.catalog(), "十万个为什么", "Z228.1/5", 2, "B", "2010-03-01");
        }
        // The migration's admin gets its password through the bootstrap, as a school's first run does.
        auto svc = LibraryServices::open(path);
        auto store = shuxiang::identity::open_credentials(path);
        shuxiang::identity::Authenticator auth(*svc, *store);
        ASSERT_TRUE(auth.bootstrap("admin", "", password("admin"), "2026-09-01", shuxiang::identity::unix_now()).ok);
    }
    std::string write(const std::string& name, const std::string& text) {
        auto p = dir / name;
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }
    static std::string password(const std::string& op) { return "pw-" + op + "-2026"; }
    // Every operator of these tests has password password(op): `--as OP` gets its --password-file,
    // and `operators add OP` sets it (--password-stdin).
    std::string with_credentials(const std::string& args) {
        std::string out = args;
        auto as = args.find("--as ");
        if (as != std::string::npos) {
            std::string op = args.substr(as + 5, args.find(' ', as + 5) - as - 5);
            const auto pw_file = shuxiang::test::write_private_file(dir / (op + ".pw"), password(op) + "\n");
            out += " --password-file " + pw_file;
        }
        if (args.rfind("operators add ", 0) == 0) {
            std::string op = args.substr(14, args.find(' ', 14) - 14);
            out = "printf '%s\\n' " + password(op) + " | " + std::string(SHUXIANG_BIN_DIR) + "/shuxiang " + out + " --password-stdin";
            return out;
        }
        return std::string(SHUXIANG_BIN_DIR) + "/shuxiang " + out;
    }
    shuxiang::test::RunResult run(const std::string& args) { return shuxiang::test::run_command(with_credentials(args)); }
    json run_json(const std::string& args, int expect_code = 0) {
        return shuxiang::test::run_json_command(with_credentials(args + db + " --json"), expect_code, args);
    }
};

}  // namespace

TEST_F(Cli, OperatorsAndRoles) {
    auto ops = run_json("operators list");
    ASSERT_EQ(ops.size(), 1u);
    EXPECT_EQ(ops[0]["id"], "admin");
    EXPECT_EQ(ops[0]["role"], "librarian");
    EXPECT_TRUE(run_json("operators add v1 --role volunteer --as admin")["ok"]);
    EXPECT_EQ(run("operators add x --role boss --as admin" + db).code, 2);
    // Changes need --as.
    EXPECT_NE(run_shuxiang("operators add y --role inspector" + db).code, 0);
    auto refused = run_json("operators add v2 --role volunteer --as v1", 3);
    EXPECT_EQ(refused["code"], "not_permitted");
    EXPECT_EQ(run_json("operators list").size(), 2u);
}

TEST_F(Cli, SettingsListedAndChanged) {
    auto list = run_json("circ settings");
    ASSERT_EQ(list.size(), known_settings().size());
    EXPECT_EQ(list[1]["key"], "acq.lead_days");
    EXPECT_EQ(list[1]["value"], 30);
    EXPECT_EQ(list[1]["default"], 30);
    EXPECT_TRUE(run_json("circ settings --set acq.lead_days=14 --as admin")["ok"]);
    EXPECT_EQ(run_json("circ settings")[1]["value"], 14);
    EXPECT_EQ(run_json("circ settings --set acq.lead_days=-1 --as admin", 3)["code"], "bad_setting_integer");
    EXPECT_EQ(run_json("circ settings --set nope=1 --as admin", 3)["code"], "unknown_setting");
    EXPECT_EQ(run("circ settings --set acq.lead_days" + db + " --as admin").code, 2);  // no '='
    EXPECT_EQ(run_json("circ settings")[1]["value"], 14);
}

TEST_F(Cli, RosterCirculationAndOverdue) {
    auto roster = write("roster.csv", "学号,姓名,年级,班级\n2026001,陈一,三年级,2班\n2026002,陈二,三年级,2班\n2026003,陈三,六年级,1班\n");
    auto imp = run_json("patrons import " + roster + " --as admin");
    EXPECT_EQ(imp["added"], 3);
    auto bad = write("bad.csv", "学号,姓名,年级,班级\n1,甲,三年级,1\n2,乙,大班,1\n");
    auto r = run("patrons import " + bad + " --as admin" + db);
    EXPECT_EQ(r.code, 3);
    EXPECT_NE(r.out.find("bad.csv: line 3"), std::string::npos) << r.out;
    ASSERT_TRUE(run_json("operators add v1 --role volunteer --as admin")["ok"]);
    auto co = run_json("circ checkout --patron 2026001 --item A1 --as v1 --date 2026-09-01");
    EXPECT_TRUE(co["ok"]) << co.dump();
    EXPECT_EQ(run_json("circ checkout --patron 2026002 --item A1 --as v1 --date 2026-09-01", 3)["code"], "not_available");
    EXPECT_EQ(run_json("circ checkout --patron 2026002 --item ZZZ --as v1", 3)["code"], "unknown_barcode");
    // Volunteers may renew at the desk (on the day of the loan, the due date stays the same).
    EXPECT_TRUE(run_json("circ renew --item A1 --as v1 --date 2026-09-01")["ok"]);
    EXPECT_EQ(run_json("circ lost --item A1 --as v1", 3)["code"], "not_permitted");
    // Policies are editable: one book at a time for primary pupils.
    EXPECT_EQ(run_json("circ policy --kind student --stage primary --max-items 1", 3)["code"], "no_operator");
    EXPECT_TRUE(run_json("circ policy --kind student --stage primary --max-items 1 --as admin")["ok"]);
    auto pols = run_json("circ policy");
    ASSERT_GE(pols.size(), 6u);
    bool seen = false;
    for (auto& p : pols)
        if (p["kind"] == "student" && p["stage"] == "primary") {
            seen = true;
            EXPECT_EQ(p["max_items"], 1);
            EXPECT_EQ(p["loan_days"], 14);
        }
    EXPECT_TRUE(seen);
    EXPECT_EQ(run_json("circ checkout --patron 2026001 --item B2 --as v1", 3)["code"], "over_limit");
    auto en = run("--lang en circ checkout --patron 2026001 --item B2 --as v1" + db);
    EXPECT_NE(en.out.find("has 1 items out, the limit is 1"), std::string::npos) << en.out;
    // Text mode: the translated reason on stderr.
    auto txt = run("circ checkout --patron 2026002 --item ZZZ --as v1" + db);
    EXPECT_NE(txt.out.find("ZZZ"), std::string::npos);
    ASSERT_TRUE(run_json("circ checkout --patron 2026003 --item B1 --as admin --date 2026-09-01")["ok"]);
    auto od = run_json("circ overdue --class 3-2 --date 2026-09-20 --as admin");
    ASSERT_EQ(od.size(), 1u);
    EXPECT_EQ(od[0]["barcode"], "A1");
    EXPECT_EQ(od[0]["days_overdue"], 5);
    EXPECT_EQ(run_json("circ overdue --date 2026-09-20 --as admin").size(), 2u);
    EXPECT_EQ(run_json("circ overdue --class 三年级2班 --date 2026-09-20 --as admin").size(), 1u);
    EXPECT_EQ(run_shuxiang("circ overdue --class 图书角" + db).code, 2);
    auto show = run_json("patrons show 2026001 --as admin");
    EXPECT_EQ(show["class"], "3-2");
    ASSERT_EQ(show["loans"].size(), 1u);
    EXPECT_EQ(show["loans"][0]["due"], "2026-09-15");
    EXPECT_TRUE(run_json("circ hold --patron 2026002 --record " + std::to_string(rec_a) + " --as admin")["ok"]);
    auto back = run_json("circ return --item A1 --as v1 --date 2026-09-21");
    EXPECT_TRUE(back["ok"]);
    EXPECT_EQ(back["details"].size(), 3u);  // the reader, late by 6 days, kept for 2026002
    auto cs = run_json("circ class-set --corner corner-3-2 --items A2,A3 --as admin --date 2026-09-02");
    EXPECT_TRUE(cs["ok"]) << cs.dump();
    // Year end: the grade-6 pupil leaves with B1 still out.
    auto dry = run_json("patrons promote --dry-run --as admin --date 2027-07-01");
    EXPECT_EQ(dry["promoted"], 2);
    ASSERT_EQ(dry["leaving"].size(), 1u);
    EXPECT_EQ(dry["leaving"][0]["books_out"], json::array({"B1"}));
    EXPECT_EQ(run_json("patrons show 2026001 --as admin")["grade"], 3);
    EXPECT_TRUE(run_json("patrons promote --as admin --date 2027-07-01")["ok"]);
    EXPECT_EQ(run_json("patrons show 2026001 --as admin")["grade"], 4);
    EXPECT_EQ(run_json("circ checkout --patron 2026003 --item B2 --as admin", 3)["code"], "leaving_with_books");
    auto audit = run_json("circ audit --limit 1000 --as admin");
    EXPECT_GE(audit.size(), 12u);
}

TEST_F(Cli, ReceivingInPartsWithCipDataAndAConfirmedCallNumber) {
    ASSERT_TRUE(run_json("patrons add T1 --kind teacher --name 赵老师 --as admin")["ok"]);
    ASSERT_TRUE(run_json("operators add r2 --role reviewer --as admin")["ok"]);
    auto s = run_json("acq suggest --by T1 --isbn 9787020123452 --title 小英雄雨来 --author 管桦 --publisher 人民文学出版社"
                      " --price 25 --copies 3 --as admin");
    ASSERT_TRUE(s["ok"]) << s.dump();
    const std::string sid = std::to_string(s["id"].get<long long>());
    ASSERT_TRUE(run_json("acq review --as r2 --suggestion " + sid + " --approve")["ok"]);
    auto o = run_json("acq order --suggestion " + sid + " --by admin --as admin --date 2026-10-01");
    ASSERT_TRUE(o["ok"]) << o.dump();
    const std::string oid = std::to_string(o["id"].get<long long>());
    const std::string recv = "acq receive --order " + oid + " --as admin --date 2026-10-05";
    // Without a class: refused with the reason; without a call number: the 种次号 proposal is shown
    // (I287.45/123 is 草房子's) and nothing is written until the librarian confirms it.
    EXPECT_EQ(run_json(recv + " --barcodes N1,N2", 3)["code"], "no_class");
    auto ask = run(recv + " --barcodes N1,N2 --class I287.45" + db);
    EXPECT_EQ(ask.code, 3) << ask.out;
    EXPECT_NE(ask.out.find("I287.45/124"), std::string::npos) << ask.out;
    EXPECT_NE(ask.out.find("--accept-call-number"), std::string::npos) << ask.out;
    auto ask_json = run_json(recv + " --barcodes N1,N2 --class I287.45", 3);
    EXPECT_EQ(ask_json["code"], "confirm_call_number");
    EXPECT_EQ(ask_json["proposed_call_number"], "I287.45/124");
    EXPECT_EQ(run("catalog show N1 --db " + path.string()).code, 3);
    // Confirmed, with CIP data typed: two of the three copies come.
    auto part = run_json(recv + " --barcodes N1,N2 --class I287.45 --accept-call-number --year 2019 --price 32.5");
    ASSERT_TRUE(part["ok"]) << part.dump();
    EXPECT_EQ(part["status"], "partially_received");
    EXPECT_EQ(part["received"], 2);
    EXPECT_EQ(part["ordered"], 3);
    EXPECT_EQ(part["call_number"], "I287.45/124");
    auto orders = run("acq orders --db " + path.string());
    EXPECT_EQ(orders.code, 0);
    EXPECT_NE(orders.out.find("部分到货\t2/3\t小英雄雨来"), std::string::npos) << orders.out;
    EXPECT_EQ(run_json(recv + " --barcodes N3,N4", 3)["code"], "over_delivery");
    auto rest = run_json(recv + " --barcodes N3");
    ASSERT_TRUE(rest["ok"]) << rest.dump();
    EXPECT_EQ(rest["status"], "received");
    EXPECT_EQ(rest["record_id"], part["record_id"]);
    // The record is complete and each copy has its own copy number.
    auto show = run_json("catalog show N3");
    EXPECT_EQ(show["title"], "小英雄雨来");
    EXPECT_EQ(show["responsibility"], "管桦");
    EXPECT_EQ(show["publisher"], "人民文学出版社");
    EXPECT_EQ(show["year"], "2019");
    EXPECT_EQ(show["price"], 32.5);
    EXPECT_EQ(show["clc_class"], "I287.45");
    EXPECT_EQ(show["call_number"], "I287.45/124");
    ASSERT_EQ(show["items"].size(), 3u);
    for (int k = 0; k < 3; ++k) EXPECT_EQ(show["items"][k]["copy_number"], k + 1);
    auto text = run("catalog show N3 --db " + path.string());
    EXPECT_NE(text.out.find("N2\tI287.45/124\tc.2"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("中图法分类号: I287.45"), std::string::npos) << text.out;
    auto done = run_json("acq orders --status received");
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0]["received"], 3);
}

TEST_F(Cli, AcquisitionsStocktakeWeedAndStats) {
    ASSERT_TRUE(run_json("patrons add T1 --kind teacher --name 赵老师 --as admin")["ok"]);
    ASSERT_TRUE(run_json("patrons add 2026009 --grade 初一 --class 1 --name 隐私生 --as admin")["ok"]);
    ASSERT_TRUE(run_json("operators add r1 --role reviewer --patron T1 --as admin")["ok"]);
    ASSERT_TRUE(run_json("operators add r2 --role reviewer --as admin")["ok"]);
    auto s = run_json("acq suggest --by T1 --isbn 9787020123452 --title 红楼梦 --publisher 人民文学出版社 --price 30 --copies 2 --as admin");
    ASSERT_TRUE(s["ok"]);
    std::string sid = std::to_string(s["id"].get<long long>());
    EXPECT_EQ(run_json("acq review --as r1 --suggestion " + sid + " --approve", 3)["code"], "four_eyes");
    EXPECT_EQ(run_json("acq order --suggestion " + sid + " --by admin --as admin", 3)["code"], "not_approved");
    EXPECT_TRUE(run_json("acq review --as r2 --suggestion " + sid + " --approve")["ok"]);
    auto o = run_json("acq order --suggestion " + sid + " --by admin --as admin --date 2026-10-01");
    ASSERT_TRUE(o["ok"]) << o.dump();
    auto rc = run_json("acq receive --order " + std::to_string(o["id"].get<long long>()) + " --barcodes N1,N2 --class K825.6 --accept-call-number --as admin --date 2026-10-05");
    EXPECT_TRUE(rc["ok"]) << rc.dump();
    auto pirate = run_json("acq suggest --by T1 --isbn 9787020123453 --title 盗 --price 30 --as admin");
    EXPECT_EQ(pirate["details"].size(), 1u);
    auto list = run_json("acq list --status pending");
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["flags"], json::array({"piracy_checksum"}));
    // In a terminal: a header row and the status in the reader's language, never the stored word.
    auto table = run("acq list" + db);
    EXPECT_EQ(table.code, 0) << table.out;
    EXPECT_EQ(table.out.rfind("编号\t状态\tISBN", 0), 0u) << table.out;
    EXPECT_NE(table.out.find("\t待审核\t9787020123453"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("\t已验收\t9787020123452"), std::string::npos) << table.out;
    for (const char* word : {"\tpending\t", "\treceived\t", "\tordered\t"})
        EXPECT_EQ(table.out.find(word), std::string::npos) << word << "\n" << table.out;

    auto scanned = write("scan.txt", "A1\r\nB1\n\nXYZ\n");
    auto st = run_json("stocktake --range I200..I299 --scanned " + scanned);
    EXPECT_EQ(st["expected"], 3);
    EXPECT_EQ(st["missing"], json::array({"A2", "A3"}));
    EXPECT_EQ(st["by_shelf"], false);
    ASSERT_EQ(st["misplaced"].size(), 1u);
    EXPECT_EQ(st["misplaced"][0]["barcode"], "B1");
    EXPECT_EQ(st["unexpected"], json::array({"XYZ"}));

    auto wc = run_json("weed candidates --date 2026-09-01");
    ASSERT_EQ(wc.size(), 2u);
    EXPECT_EQ(wc[0]["barcode"], "B1");
    EXPECT_TRUE(run_json("weed approve --items B1 --reason 陈旧 --as admin --date 2026-09-02")["ok"]);

    ASSERT_TRUE(run_json("circ checkout --patron 2026009 --item A1 --as admin --date 2026-09-01")["ok"]);
    ASSERT_TRUE(run_json("circ hold --patron T1 --record " + std::to_string(rec_a) + " --as admin --date 2026-09-01")["ok"]);
    // One teacher waiting (60-day loans), 3 copies: A1 lent on 09-01 for 14 days, A2 and A3 on the
    // shelf, so on 09-10 the teacher can have one at once: no wait, no extra copy.
    auto dem = run_json("stats --year 2026 --target-wait 45 --date 2026-09-10");
    EXPECT_EQ(dem["target_wait_days"], 45);
    ASSERT_EQ(dem["demand"].size(), 1u);
    EXPECT_EQ(dem["demand"][0]["loan_days"], 60);
    EXPECT_EQ(dem["demand"][0]["lead_days"], 30);
    EXPECT_EQ(dem["demand"][0]["copies"], 3);
    EXPECT_EQ(dem["demand"][0]["wait_days"], 0);
    EXPECT_EQ(dem["demand"][0]["suggested_extra"], 0);
    // A2 and A3 damaged (not lendable until repaired): the teacher waits for A1, due back on 09-22
    // (a 21-day loan), 12 days: within the target. Back on the shelf afterwards.
    ASSERT_TRUE(run_json("circ damaged --item A2 --as admin --date 2026-09-10")["ok"]);
    ASSERT_TRUE(run_json("circ damaged --item A3 --as admin --date 2026-09-10")["ok"]);
    dem = run_json("stats --year 2026 --target-wait 45 --date 2026-09-10");
    EXPECT_EQ(dem["demand"][0]["copies"], 1);
    EXPECT_EQ(dem["demand"][0]["wait_days"], 12);
    EXPECT_EQ(dem["demand"][0]["suggested_extra"], 0);
    // A 10-day target: one new copy, on the shelf in 30 days, would not help (12 < 30): none.
    EXPECT_EQ(run_json("stats --year 2026 --target-wait 10 --date 2026-09-10")["demand"][0]["suggested_extra"], 0);
    auto holdings = (dir / "holdings.json").string();
    auto r = run_shuxiang("stats --year 2026 --json --holdings-out " + holdings + db);
    ASSERT_EQ(r.code, 0) << r.out;
    auto stats = json::parse(r.out);
    EXPECT_EQ(stats["students"], 1);
    EXPECT_EQ(stats["loans_this_year"], 1);
    EXPECT_EQ(stats["new_items_this_year"], 5);  // A1..A3, N1, N2
    // Privacy: no student name or number in what goes to the bureau.
    EXPECT_EQ(r.out.find("2026009"), std::string::npos);
    EXPECT_EQ(r.out.find("隐私生"), std::string::npos);
    auto h = shuxiang::standards::load_holdings(holdings);
    EXPECT_EQ(h.year, 2026);
    EXPECT_EQ(h.books, 6);  // 7 items, B1 withdrawn
    EXPECT_EQ(h.weeded_this_year, 1);
    EXPECT_EQ(h.new_books_this_year, 5);
    EXPECT_EQ(h.by_major_class[4], 1);  // B2
}

// The desk's year on the command line: readers by class or name, repairs, charges, the calendar,
// what a classroom corner holds, cancelling a hold.
TEST_F(Cli, ReadersRepairsChargesCalendarAndCorners) {
    auto roster = write("r.csv", "学号,姓名,年级,班级\n2026001,张三,三年级,三年级（2）班\n2026002,李四,,3.2\n2026003,王五,四年级,1\n");
    ASSERT_TRUE(run_json("patrons import " + roster + " --as admin")["ok"]);
    EXPECT_EQ(run_json("patrons list --class 三年级2班 --as admin").size(), 2u);
    EXPECT_EQ(run_json("patrons list --class 3-2 --name 李 --as admin").size(), 1u);
    EXPECT_EQ(run_json("patrons list --as admin").size(), 3u);
    auto text = run("patrons list --class 3.2 --as admin" + db);
    EXPECT_NE(text.out.find("读者号"), std::string::npos) << text.out;  // a header row
    EXPECT_NE(text.out.find("学生"), std::string::npos) << text.out;    // translated kind
    EXPECT_EQ(run_shuxiang("patrons list --class 图书角" + db).code, 2);
    // Repairs.
    ASSERT_TRUE(run_json("circ damaged --item A2 --as admin")["ok"]);
    EXPECT_EQ(run_json("circ checkout --patron 2026001 --item A2 --as admin", 3)["code"], "not_available");
    ASSERT_TRUE(run_json("circ repaired --item A2 --as admin")["ok"]);
    EXPECT_TRUE(run_json("circ checkout --patron 2026001 --item A2 --as admin --date 2026-09-01")["ok"]);
    // A lost copy: its replacement recorded (waived: this library charges nothing).
    ASSERT_TRUE(run_json("circ lost --item A2 --as admin")["ok"]);
    auto ch = run_json("circ charges --patron 2026001 --as admin");
    ASSERT_EQ(ch.size(), 1u);
    EXPECT_EQ(ch[0]["status"], "waived");
    // The calendar: a closed span moves a due date.
    ASSERT_TRUE(run_json("circ calendar --add 2026-10-01..2026-10-07 --note 国庆节 --as admin")["ok"]);
    EXPECT_EQ(run_json("circ calendar").size(), 1u);
    ASSERT_TRUE(run_json("circ checkout --patron 2026002 --item A3 --as admin --date 2026-09-18")["ok"]);
    auto show = run_json("patrons show 2026002 --as admin");
    EXPECT_EQ(show["loans"][0]["due"], "2026-10-08");
    EXPECT_EQ(run_json("circ calendar --add 2026-10-07..2026-10-01 --as admin", 3)["code"], "bad_span");
    // A class set is what the corner holds, and its overdue copies are listed under its class.
    ASSERT_TRUE(run_json("circ class-set --corner 三年级2班图书角 --items B1 --as admin --date 2026-09-01")["ok"]);
    auto corner = run_json("circ corner 三年级2班图书角");
    ASSERT_EQ(corner.size(), 1u);
    EXPECT_EQ(corner[0]["class"], "3-2");
    auto od = run_json("circ overdue --class 3-2 --date 2027-06-01 --as admin");
    bool corner_listed = false;
    for (auto& e : od) corner_listed |= e["corner"] == "三年级2班图书角";
    EXPECT_TRUE(corner_listed) << od.dump();
    // Holds are cancelled by id.
    auto h = run_json("circ hold --patron 2026003 --record " + std::to_string(rec_a) + " --as admin");
    ASSERT_TRUE(h["ok"]);
    EXPECT_TRUE(run_json("circ cancel-hold --hold " + std::to_string(h["id"].get<long long>()) + " --as admin")["ok"]);
}

// A --db that does not exist is refused (a typo must not create an empty library), and CLI11's own
// errors come in the user's language with exit 2.
TEST_F(Cli, MissingDatabaseAndParseErrorsAreBadInput) {
    const std::string missing = (dir / "typo.db").string();
    for (const char* cmd : {"circ overdue", "patrons list", "catalog search 草房子", "stats", "circ settings"}) {
        auto r = run_shuxiang(std::string(cmd) + " --db " + missing);
        EXPECT_EQ(r.code, 2) << cmd << "\n" << r.out;
        EXPECT_NE(r.out.find("typo.db"), std::string::npos) << r.out;
        EXPECT_FALSE(std::filesystem::exists(missing)) << cmd;
    }
    auto zh = run_shuxiang("circ checkout --item A1" + db);
    EXPECT_EQ(zh.code, 2);
    EXPECT_NE(zh.out.find("缺少必需的选项 --patron"), std::string::npos) << zh.out;
    auto en = run_shuxiang("--lang en circ rate --patron x --record 1 --stars many" + db);
    EXPECT_EQ(en.code, 2);
    EXPECT_NE(en.out.find("--stars"), std::string::npos) << en.out;
    EXPECT_EQ(en.out.find("Could not convert"), std::string::npos) << en.out;
    auto extra = run_shuxiang("circ overdue surplus" + db);
    EXPECT_EQ(extra.code, 2);
    EXPECT_NE(extra.out.find("多余的参数"), std::string::npos) << extra.out;
    // The commands that create a database still may.
    EXPECT_EQ(run_shuxiang("catalog demo --students 20 --db " + (dir / "new.db").string()).code, 0);
}
