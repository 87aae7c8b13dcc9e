#pragma once
// For editor tests that run the real programs: a scratch folder per test (kept when the test
// failed), a command's exit status with its stdout and stderr apart, and the CLI and the editor
// (English, a script, 1400 × 900) started in that folder.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace shuxiang::test {

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Proc {
    int rc = -1;
    std::string out, err;
};

class EditorProcessTest : public ::testing::Test {
protected:
    explicit EditorProcessTest(std::string prefix) : prefix_(std::move(prefix)) {}
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               (prefix_ + std::to_string(::getpid()) + "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override {
        if (!HasFailure()) std::filesystem::remove_all(dir_);
    }
    std::filesystem::path path(const std::string& n) const { return dir_ / n; }
    Proc run(const std::string& cmd) {
        Proc r;
        const int st = std::system((cmd + " >" + path("out.txt").string() + " 2>" + path("err.txt").string()).c_str());
        r.rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
        r.out = slurp(path("out.txt"));
        r.err = slurp(path("err.txt"));
        return r;
    }
    // `shuxiang ARGS`; `lang_args` such as "--lang en " go before them.
    Proc cli(const std::string& args, const std::string& lang_args = "") {
        return run(std::string(SHUXIANG_BIN_DIR) + "/shuxiang " + lang_args + args);
    }
    Proc editor(const std::string& script, const std::string& args = "") {
        std::ofstream(path("script.txt")) << script;
        return run("ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" " + std::string(SHUXIANG_BIN_DIR) +
                   "/shuxiang-editor --lang en --size 1400x900 " + args + (args.empty() ? "" : " ") + "--script " +
                   path("script.txt").string());
    }

    std::filesystem::path dir_;

private:
    std::string prefix_;
};

}  // namespace shuxiang::test
