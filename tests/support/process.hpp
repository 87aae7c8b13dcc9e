#pragma once
// Test helper: runs a shell command and returns its exit code and combined stdout + stderr.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace shuxiang::test {

struct RunResult {
    int code = -1;  // exit status, or -1 when the command did not exit normally
    std::string out;
};

inline RunResult run_command(const std::string& cmd) {
    RunResult r;
    FILE* p = popen((cmd + " 2>&1").c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    int st = pclose(p);
    r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

// `s` as one single-quoted shell word (for arguments that hold quotes, such as injection probes).
inline std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char ch : s) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    return out + "'";
}

// Runs the built `shuxiang` CLI with the given arguments.
inline RunResult run_shuxiang(const std::string& args) {
    return run_command(std::string(SHUXIANG_BIN_DIR) + "/shuxiang " + args);
}

}  // namespace shuxiang::test
