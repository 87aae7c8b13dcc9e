#pragma once
// A fresh library database with its services, credential store and Authenticator.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "shuxiang/identity/authenticator.hpp"
#include "shuxiang/identity/password.hpp"

namespace sxi {

using namespace shuxiang::identity;
using shuxiang::circulation::Ctx;
using shuxiang::circulation::LibraryServices;

inline std::filesystem::path temp_db(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / ("sx_identity_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto p = dir / (name + ".db");
    for (auto ext : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(p.string() + ext);
    return p;
}

// Every byte of the database and its side files, to look for secrets in clear.
inline std::string file_bytes(const std::filesystem::path& db) {
    std::string all;
    for (auto ext : {"", "-wal", "-journal"}) {
        std::ifstream in(db.string() + ext, std::ios::binary);
        all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return all;
}

constexpr long long kT0 = 1788000000;  // 2026-08-29, a fixed "now"
const std::string kDay = "2026-08-29";

struct IdentityTest : ::testing::Test {
    std::filesystem::path path = temp_db(::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<LibraryServices> lib = LibraryServices::open(path);
    std::unique_ptr<CredentialStore> store = open_credentials(path);
    Authenticator auth{*lib, *store};

    Ctx as(const std::string& op) { return Ctx{op, kDay}; }
    // Bootstraps librarian `lib1` with a password.
    void bootstrap(const std::string& pw = "Correct-Horse-7781") {
        auto r = auth.bootstrap("lib1", "", pw, kDay, kT0);
        ASSERT_TRUE(r.ok) << r.code << " " << r.message;
    }
    bool audited(const std::string& action, const std::string& code) {
        for (auto& e : lib->admin().audit(1000))
            if (e.action == action && e.outcome == "refused" && e.detail.rfind(code + ":", 0) == 0) return true;
        return false;
    }
};

}  // namespace sxi
