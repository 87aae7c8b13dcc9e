#pragma once
// Test helpers for the CLI tests that read `--json` output and act as an operator.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "support/process.hpp"

namespace shuxiang::test {

// Runs a whole shell command line, expects exit `expect` (a test failure naming `what` otherwise)
// and returns its output parsed as JSON (a test failure and null when it is not JSON).
inline nlohmann::json run_json_command(const std::string& command, int expect, const std::string& what) {
    auto r = run_command(command);
    EXPECT_EQ(r.code, expect) << what << "\n" << r.out;
    try {
        return nlohmann::json::parse(r.out);
    } catch (...) {
        ADD_FAILURE() << "not JSON: " << r.out;
        return nlohmann::json();
    }
}

// Writes `text` to `file` readable by its owner only, as `--password-file` requires; returns the path.
inline std::string write_private_file(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
    std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    return file.string();
}

}  // namespace shuxiang::test
