// The CLI's identity, run as separate processes: unauthenticated or wrong-role calls refused (exit 3)
// and audited, credentials by file and by token, login/logout, PINs, and no secret in any output.
#include <fstream>
#include <nlohmann/json.hpp>

#include "circulation/fixture.hpp"
#include "shuxiang/identity/authenticator.hpp"
#include "support/process.hpp"

using namespace sxt;
using nlohmann::json;
using shuxiang::test::run_command;
using shuxiang::test::RunResult;

namespace {

const std::string kLibPw = "Lib-Secret-4711";
const std::string kRevPw = "Rev-Secret-0815";
const std::string kVolPw = "Vol-Secret-2323";
const std::string kPin = "739164";

struct CliIdentity : ::testing::Test {
    std::filesystem::path path = temp_db(std::string("cliid_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::path dir = path.parent_path();
    std::string db = " --db " + path.string();
    std::string all_output;  // everything every command printed, to look for secrets

    std::string file(const std::string& name, const std::string& text) {
        auto p = dir / (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" + name);
        std::ofstream(p, std::ios::binary) << text << "\n";
        // Secrets in files readable by their owner only (the CLI warns otherwise).
        std::filesystem::permissions(p, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        return p.string();
    }
    // Runs `shuxiang ARGS --db DB` with `stdin_text` on standard input and `env` before it.
    RunResult sx(const std::string& args, const std::string& stdin_text = "", const std::string& env = "") {
        std::string in = stdin_text.empty() ? "< /dev/null" : "< " + file("stdin", stdin_text);
        auto r = run_command(env + " " + SHUXIANG_BIN_DIR + "/shuxiang --lang en " + args + db + " " + in);
        all_output += r.out;
        return r;
    }
    std::string creds(const std::string& op, const std::string& pw) { return " --as " + op + " --password-file " + file(op + ".pw", pw); }
    json audit() { return json::parse(sx("circ audit --limit 1000 --json" + creds("lib1", kLibPw)).out); }
    bool audited_refusal(const std::string& action, const std::string& code) {
        for (auto& e : audit())
            if (e["action"] == action && e["outcome"] == "refused" && e["detail"].get<std::string>().rfind(code + ":", 0) == 0) return true;
        return false;
    }

    void SetUp() override {
        {
            auto lib = LibraryServices::open(path);
            add_title(lib->catalog(), "草房子", "I287.45/123", 2, "A", "2026-03-01");
        }
        ASSERT_EQ(sx("operators add lib1 --role librarian --password-stdin", kLibPw).code, 0);
        ASSERT_EQ(sx("operators add r1 --role reviewer --password-stdin" + creds("lib1", kLibPw), kRevPw).code, 0);
        ASSERT_EQ(sx("operators add v1 --role volunteer --password-stdin" + creds("lib1", kLibPw), kVolPw).code, 0);
        ASSERT_EQ(sx("patrons add 2026001 --grade 3 --class 2 --name 王小红" + creds("lib1", kLibPw)).code, 0);
    }
    void TearDown() override {
        for (const std::string& secret : {kLibPw, kRevPw, kVolPw, kPin})
            EXPECT_EQ(all_output.find(secret), std::string::npos) << "secret printed: " << secret;
        for (auto& e : audit()) {
            std::string row = e.dump();
            for (const std::string& secret : {kLibPw, kRevPw, kVolPw, kPin}) EXPECT_EQ(row.find(secret), std::string::npos) << row;
            EXPECT_EQ(row.find("王小红"), std::string::npos) << row;
        }
    }
};

}  // namespace

TEST_F(CliIdentity, UnauthenticatedAsCannotLendApproveOrderOrReceive) {
    auto s = sx("acq suggest --by 2026001 --isbn 9787020123452 --title 红楼梦 --price 30 --json" + creds("lib1", kLibPw));
    ASSERT_EQ(s.code, 0) << s.out;
    const std::string sid = std::to_string(json::parse(s.out)["id"].get<long long>());

    // A bare --as, as scripts used to do: refused, exit 3, audited, nothing changed.
    auto lend = sx("circ checkout --patron 2026001 --item A1 --as lib1 --json");
    EXPECT_EQ(lend.code, 3) << lend.out;
    EXPECT_EQ(json::parse(lend.out)["code"], "no_credential");
    EXPECT_EQ(sx("acq review --as r1 --suggestion " + sid + " --approve").code, 3);
    EXPECT_EQ(sx("acq review --reviewer r1 --suggestion " + sid + " --approve").code, 3);
    EXPECT_EQ(sx("acq order --suggestion " + sid + " --by lib1").code, 3);
    EXPECT_EQ(sx("acq receive --order 1 --barcodes N1 --as lib1").code, 3);
    EXPECT_TRUE(audited_refusal("identity.login", "no_credential"));
    // A wrong password is no better.
    auto wrong = sx("circ checkout --patron 2026001 --item A1 --json" + creds("lib1", "Lib-Secret-4712"));
    EXPECT_EQ(wrong.code, 3);
    EXPECT_EQ(json::parse(wrong.out)["code"], "bad_credentials");
    EXPECT_TRUE(audited_refusal("identity.login", "bad_credentials"));
    auto lib = LibraryServices::open(path);
    EXPECT_TRUE(lib->circulation().open_loans("2026001").empty());
    EXPECT_EQ(lib->acquisitions().suggestion(std::stoll(sid))->status, "pending");

    // With credentials it works; the reviewer is the authenticated operator.
    EXPECT_EQ(sx("circ checkout --patron 2026001 --item A1" + creds("v1", kVolPw)).code, 0);
    EXPECT_EQ(sx("acq review --suggestion " + sid + " --approve --reviewer r1" + creds("lib1", kLibPw)).code, 2);  // --as and --reviewer differ
    EXPECT_EQ(sx("acq review --suggestion " + sid + " --approve" + creds("r1", kRevPw)).code, 0);
    EXPECT_EQ(lib->acquisitions().suggestion(std::stoll(sid))->reviewer, "r1");
    auto ord = sx("acq order --suggestion " + sid + " --by lib1 --json" + creds("lib1", kLibPw));
    ASSERT_EQ(ord.code, 0) << ord.out;
    const std::string oid = std::to_string(json::parse(ord.out)["id"].get<long long>());
    EXPECT_EQ(sx("acq receive --order " + oid + " --barcodes N1 --class I247.5 --accept-call-number" + creds("lib1", kLibPw)).code, 0);
    EXPECT_EQ(lib->circulation().open_loans("2026001").size(), 1u);
}

TEST_F(CliIdentity, WrongRoleRefusedAndAudited) {
    auto r = sx("circ lost --item A1 --json" + creds("v1", kVolPw));
    EXPECT_EQ(r.code, 3);
    EXPECT_EQ(json::parse(r.out)["code"], "not_permitted");
    EXPECT_TRUE(audited_refusal("circ.lost", "not_permitted"));
    // A volunteer sets no one else's password and no reader's PIN.
    EXPECT_EQ(sx("operators passwd r1 --password-stdin" + creds("v1", kVolPw), "New-Secret-9999").code, 3);
    EXPECT_EQ(sx("patrons pin 2026001 --pin-stdin" + creds("v1", kVolPw), kPin).code, 3);
    EXPECT_TRUE(audited_refusal("identity.password", "not_permitted"));
    EXPECT_TRUE(audited_refusal("identity.pin", "not_permitted"));
}

TEST_F(CliIdentity, BootstrapOnlyOnce) {
    auto again = sx("operators add lib2 --role librarian --password-stdin --json", "Another-Secret-1");
    EXPECT_EQ(again.code, 3);
    EXPECT_EQ(json::parse(again.out)["code"], "bootstrap_closed");
    EXPECT_TRUE(audited_refusal("identity.bootstrap", "bootstrap_closed"));
    auto ops = json::parse(sx("operators list --json").out);
    for (auto& o : ops) EXPECT_NE(o["id"], "lib2");
}

TEST_F(CliIdentity, BootstrapMustBeALibrarian) {
    auto fresh = temp_db("cliid_fresh");
    auto r = run_command(std::string(SHUXIANG_BIN_DIR) + "/shuxiang operators add t1 --role teacher --password-stdin --json --db " +
                         fresh.string() + " < " + file("pw", "Teacher-Secret-1"));
    EXPECT_EQ(r.code, 3) << r.out;
    EXPECT_EQ(json::parse(r.out)["code"], "bootstrap_role");
}

TEST_F(CliIdentity, TokenLoginActLogout) {
    auto login = sx("login v1 --password-stdin --ttl-hours 1", kVolPw);
    ASSERT_EQ(login.code, 0) << login.out;
    // stdout and stderr come together here: the token is the line that starts with sxt_.
    std::string token;
    for (std::size_t p = login.out.find("sxt_"); p != std::string::npos; p = std::string::npos)
        token = login.out.substr(p, login.out.find('\n', p) - p);
    ASSERT_EQ(token.size(), 47u) << login.out;
    const std::string env = "SHUXIANG_TOKEN=" + token;
    // Without --as the token names the operator; with another --as it is refused.
    EXPECT_EQ(sx("circ checkout --patron 2026001 --item A2", "", env).code, 0);
    auto other = sx("circ checkout --patron 2026001 --item A1 --as lib1 --json", "", env);
    EXPECT_EQ(other.code, 3);
    EXPECT_EQ(json::parse(other.out)["code"], "token_other_principal");
    EXPECT_EQ(sx("logout", "", env).code, 0);
    auto after = sx("circ return --item A2 --json", "", env);
    EXPECT_EQ(after.code, 3);
    EXPECT_EQ(json::parse(after.out)["code"], "token_revoked");
    EXPECT_EQ(sx("login v1 --password-stdin", "Vol-Secret-0000").code, 3);
    EXPECT_EQ(sx("login nobody --password-stdin", kVolPw).code, 3);
}

TEST_F(CliIdentity, PasswordChangeAndReaderPin) {
    EXPECT_EQ(sx("operators passwd v1 --password-stdin --password-file " + file("v1.pw", kVolPw), "Vol-Secret-New1").code, 0);
    EXPECT_EQ(sx("circ checkout --patron 2026001 --item A1" + creds("v1", kVolPw)).code, 3);
    EXPECT_EQ(sx("circ checkout --patron 2026001 --item A1" + creds("v1", "Vol-Secret-New1")).code, 0);
    EXPECT_EQ(sx("patrons pin 2026001 --pin-stdin" + creds("lib1", kLibPw), kPin).code, 0);
    // The PIN logs the reader in (the OPAC's login).
    auto svc = LibraryServices::open(path);
    auto store = shuxiang::identity::open_credentials(path);
    shuxiang::identity::Authenticator auth(*svc, *store);
    EXPECT_TRUE(auth.login_reader("2026001", kPin, shuxiang::identity::unix_now()).result.ok);
    EXPECT_FALSE(auth.login_reader("2026001", "000000", shuxiang::identity::unix_now()).result.ok);
}

TEST_F(CliIdentity, ReadOnlyQueriesWithoutReadersDataNeedNoLogin) {
    auto found = sx("catalog search 草房子 --json");
    EXPECT_EQ(found.code, 0) << found.out;
    EXPECT_NE(found.out.find("草房子"), std::string::npos);
    EXPECT_EQ(sx("stats --year 2026").code, 0);  // aggregates only, no names
    EXPECT_EQ(sx("circ settings").code, 0);
}

// Readers' names, numbers and loans, and the audit trail, only for an authenticated operator whose
// role may read them; an anonymous call is refused (exit 3, in the user's language) and audited.
TEST_F(CliIdentity, ReadersDataNeedsAnAuthenticatedOperator) {
    for (const char* cmd : {"patrons list", "patrons show 2026001", "circ overdue", "circ audit", "circ charges"}) {
        auto r = sx(std::string(cmd) + " --json");
        EXPECT_EQ(r.code, 3) << cmd << "\n" << r.out;
        EXPECT_EQ(r.out.find("王小红"), std::string::npos) << cmd;
        EXPECT_EQ(json::parse(r.out)["code"], "no_operator") << cmd;
    }
    auto zh = run_command(std::string(SHUXIANG_BIN_DIR) + "/shuxiang patrons list" + db + " < /dev/null");
    EXPECT_EQ(zh.code, 3);
    EXPECT_EQ(zh.out.find("王小红"), std::string::npos) << zh.out;
    EXPECT_NE(zh.out.find("请用 --as 指明操作员"), std::string::npos) << zh.out;  // identity.refuse.no_operator
    EXPECT_TRUE(audited_refusal("identity.login", "no_operator"));
    // With a token (or a password file) it works.
    auto login = sx("login lib1 --password-stdin --json", kLibPw);
    ASSERT_EQ(login.code, 0) << login.out;
    const std::string env = "SHUXIANG_TOKEN=" + json::parse(login.out)["token"].get<std::string>();
    auto list = sx("patrons list --json", "", env);
    ASSERT_EQ(list.code, 0) << list.out;
    ASSERT_EQ(json::parse(list.out).size(), 1u);
    EXPECT_EQ(json::parse(list.out)[0]["name"], "王小红");
    EXPECT_EQ(json::parse(sx("patrons show 2026001 --json" + creds("lib1", kLibPw)).out)["name"], "王小红");
    // The desk's volunteer may look readers up but not read the audit trail; a reviewer neither.
    EXPECT_EQ(sx("circ overdue" + creds("v1", kVolPw)).code, 0);
    auto vol = sx("circ audit --json" + creds("v1", kVolPw));
    EXPECT_EQ(vol.code, 3);
    EXPECT_EQ(json::parse(vol.out)["code"], "not_permitted");
    EXPECT_TRUE(audited_refusal("circ.audit", "not_permitted"));
    auto rev = sx("patrons list --json" + creds("r1", kRevPw));
    EXPECT_EQ(rev.code, 3);
    EXPECT_EQ(rev.out.find("王小红"), std::string::npos);
    EXPECT_TRUE(audited_refusal("patrons.list", "not_permitted"));
}

TEST_F(CliIdentity, DemoDatabaseGetsDemoOperatorsOnce) {
    auto fresh = temp_db("cliid_demo");
    const std::string fdb = " --db " + fresh.string();
    auto r = run_command(std::string(SHUXIANG_BIN_DIR) + "/shuxiang catalog demo --students 20 --seed 1 --json" + fdb);
    ASSERT_EQ(r.code, 0) << r.out;
    auto j = json::parse(r.out.substr(r.out.find('{')));
    ASSERT_EQ(j["demo_operators"].size(), 4u);
    EXPECT_EQ(j["demo_operators"][0]["id"], "librarian");
    EXPECT_EQ(j["demo_operators"][0]["password"], "demo-librarian");
    auto login = run_command(std::string(SHUXIANG_BIN_DIR) + "/shuxiang login reviewer --password-file " +
                             file("demo.pw", "demo-reviewer") + fdb);
    EXPECT_EQ(login.code, 0) << login.out;
    // A second run (or a real database with a password) gets no demo passwords.
    auto again = run_command(std::string(SHUXIANG_BIN_DIR) + "/shuxiang catalog demo --students 20 --seed 1 --json" + fdb);
    ASSERT_EQ(again.code, 0) << again.out;
    EXPECT_TRUE(json::parse(again.out.substr(again.out.find('{')))["demo_operators"].empty());
}

TEST_F(CliIdentity, PasswordTypedAtTerminalIsNotEchoed) {
    if (run_command("command -v script").code != 0) GTEST_SKIP() << "script(1) (util-linux) not installed";
    // script(1) gives the command a terminal; the password arrives once the prompt has turned echo off.
    const std::string cmd = std::string(SHUXIANG_BIN_DIR) + "/shuxiang --lang en circ settings --set acq.lead_days=23 --as lib1" + db;
    auto r = run_command("(sleep 0.5; printf '%s\\n' '" + kLibPw + "') | script -qec \"" + cmd + "\" /dev/null");
    all_output += r.out;
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("password of operator lib1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("acq.lead_days"), std::string::npos) << r.out;
}

TEST_F(CliIdentity, LoosePasswordFileIsWarnedAbout) {
    auto pw = file("loose.pw", kLibPw);
    std::filesystem::permissions(pw, std::filesystem::perms::group_read | std::filesystem::perms::others_read,
                                 std::filesystem::perm_options::add);
    auto r = sx("circ settings --set acq.lead_days=24 --as lib1 --password-file " + pw);
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("can be read by other users"), std::string::npos) << r.out;
}

TEST_F(CliIdentity, DisableEnableRoleAndRemove) {
    auto login = sx("login v1 --password-stdin --json", kVolPw);
    ASSERT_EQ(login.code, 0) << login.out;
    const std::string env = "SHUXIANG_TOKEN=" + json::parse(login.out)["token"].get<std::string>();
    // Only an authenticated librarian changes operators.
    EXPECT_EQ(sx("operators disable v1 --as lib1").code, 3);
    EXPECT_EQ(sx("operators disable r1" + creds("v1", kVolPw)).code, 3);
    ASSERT_EQ(sx("operators disable v1" + creds("lib1", kLibPw)).code, 0);
    auto refused = sx("circ checkout --patron 2026001 --item A1 --json" + creds("v1", kVolPw));
    EXPECT_EQ(refused.code, 3);
    EXPECT_EQ(json::parse(refused.out)["code"], "disabled");
    auto by_token = sx("circ checkout --patron 2026001 --item A1 --json", "", env);
    EXPECT_EQ(by_token.code, 3);
    EXPECT_EQ(json::parse(by_token.out)["code"], "token_revoked");
    EXPECT_EQ(sx("login v1 --password-stdin", kVolPw).code, 3);
    EXPECT_TRUE(audited_refusal("identity.login", "disabled"));
    ASSERT_EQ(sx("operators enable v1" + creds("lib1", kLibPw)).code, 0);
    EXPECT_EQ(sx("circ checkout --patron 2026001 --item A1" + creds("v1", kVolPw)).code, 0);
    // A volunteer may not mark a copy lost; made a librarian, they may.
    EXPECT_EQ(sx("circ lost --item A1" + creds("v1", kVolPw)).code, 3);
    ASSERT_EQ(sx("operators role v1 --role librarian" + creds("lib1", kLibPw)).code, 0);
    EXPECT_EQ(sx("circ lost --item A1" + creds("v1", kVolPw)).code, 0);
    ASSERT_EQ(sx("operators remove v1" + creds("lib1", kLibPw)).code, 0);
    EXPECT_EQ(sx("login v1 --password-stdin", kVolPw).code, 3);
    auto ops = json::parse(sx("operators list --json").out);
    for (auto& o : ops) EXPECT_NE(o["id"], "v1");
}
