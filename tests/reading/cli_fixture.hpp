#pragma once
// A library file with the reading fixture's books, a teacher, a pupil with one loan and operators
// with passwords, for tests that run `shuxiang` as a separate process.
#include <fstream>
#include <nlohmann/json.hpp>

#include "reading_fixture.hpp"
#include "shuxiang/catalog/iso2709.hpp"
#include "shuxiang/identity/authenticator.hpp"
#include "support/cli_json.hpp"
#include "support/process.hpp"

namespace sxt {

using nlohmann::json;

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
        return " --as " + op + " --password-file " + shuxiang::test::write_private_file(dir / (op + ".pw"), "pw-" + op + "-2026\n");
    }
    shuxiang::test::RunResult run(const std::string& args) { return shuxiang::test::run_shuxiang(args + db); }
    json run_json(const std::string& args, int expect = 0) {
        return shuxiang::test::run_json_command(std::string(SHUXIANG_BIN_DIR) + "/shuxiang " + args + db + " --json 2>/dev/null", expect, args);
    }
};

// The 856 $u values of every record of an ISO 2709 file.
inline std::vector<std::string> links_in(const std::string& file) {
    std::vector<std::string> out;
    for (auto& r : cat::read_iso2709(shuxiang::read_file(file)))
        for (auto* f : r.record.fields_with("856"))
            for (auto& u : f->all('u')) out.push_back(u);
    return out;
}

}  // namespace sxt
