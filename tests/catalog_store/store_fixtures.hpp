#pragma once
// Shared helpers of the catalog store tests: a scratch database directory and small records.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include <filesystem>
#include <string>
#include <vector>

#include "shuxiang/catalog/csv.hpp"
#include "shuxiang/catalog/store.hpp"
#include "shuxiang/util/fs.hpp"

namespace sx_test {

namespace fs = std::filesystem;

// A fresh directory with a library.db path in it, removed afterwards.
struct ScratchDb {
    fs::path dir;
    fs::path path;
    explicit ScratchDb(const char* tag = "sx_catmaint") {
        static int counter = 0;
        dir = fs::temp_directory_path() / (std::string(tag) + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::remove_all(dir);
        fs::create_directories(dir);
        path = dir / "library.db";
    }
    ~ScratchDb() { fs::remove_all(dir); }
};

// A record with a synthesized CNMARC and one available copy per barcode.
inline shuxiang::catalog::ImportEntry book(std::string cn, std::string title, std::string callno,
                                           std::vector<std::string> barcodes, std::string isbn = "") {
    using namespace shuxiang::catalog;
    ImportEntry e;
    e.record.control_number = std::move(cn);
    e.record.title = std::move(title);
    e.record.responsibility = "曹文轩著";
    e.record.publisher = "人民文学出版社";
    e.record.year = "2015";
    e.record.call_number = std::move(callno);
    e.record.clc_class = e.record.call_number.substr(0, e.record.call_number.find('/'));
    e.record.subjects = {"儿童小说"};
    if (!isbn.empty()) e.record.isbns.push_back(isbn);
    e.record.marc = synthesize_cnmarc(e.record);
    int copy = 1;
    for (auto& b : barcodes) {
        Item it;
        it.barcode = b;
        it.copy_number = copy++;
        it.call_number = e.record.call_number;
        e.items.push_back(it);
    }
    return e;
}

// A fresh scratch directory named after the test and the process.
inline fs::path temp_dir(const char* name) {
    fs::path d = fs::temp_directory_path() / (std::string(name) + "_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

// Runs the shuxiang binary (Chinese messages); returns (exit code, stdout).
inline std::pair<int, std::string> shuxiang_run(const std::string& args, const std::string& stdin_text = "") {
    fs::path dir = temp_dir("sx_cli_io");
    fs::path in = dir / "in.txt", out = dir / "out.txt";
    shuxiang::atomic_write_file(in, stdin_text);
    std::string cmd = std::string(SHUXIANG_BIN_DIR) + "/shuxiang --lang zh " + args + " < " + in.string() + " > " +
                      out.string() + " 2>/dev/null";
    int rc = std::system(cmd.c_str());
    std::string text = shuxiang::read_file(out);
    fs::remove_all(dir);
    return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, text};
}

}  // namespace sx_test
