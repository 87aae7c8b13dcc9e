#pragma once
// A fresh library database with a small catalog for the circulation tests.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "shuxiang/catalog/csv.hpp"
#include "shuxiang/circulation/repository.hpp"
#include "shuxiang/circulation/services.hpp"

namespace sxt {

using namespace shuxiang::circulation;
namespace cat = shuxiang::catalog;

inline std::filesystem::path temp_db(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / ("sx_circ_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto p = dir / (name + ".db");
    for (auto ext : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + ext);
    return p;
}

// A connection of the test's own to the library's file: what any other process would read.
struct FileDb {
    sqlite3* db = nullptr;
    explicit FileDb(const std::filesystem::path& p) { sqlite3_open(p.string().c_str(), &db); }
    ~FileDb() { sqlite3_close(db); }
    FileDb(const FileDb&) = delete;
    FileDb& operator=(const FileDb&) = delete;
};

// Adds a record with `copies` items B<prefix>1.. and returns its id.
inline long long add_title(cat::Store& st, const std::string& title, const std::string& call_number, int copies,
                           const std::string& barcode_prefix, const std::string& acquired = "2020-03-01",
                           const std::string& year = "2019", const std::string& isbn = "") {
    std::vector<cat::ImportEntry> batch(1);
    auto& r = batch[0].record;
    r.title = title;
    r.year = year;
    r.call_number = call_number;
    r.clc_class = call_number.substr(0, call_number.find('/'));
    if (!isbn.empty()) r.isbns = {isbn};
    r.control_number = "T" + barcode_prefix;
    r.marc = cat::synthesize_cnmarc(r);
    for (int i = 1; i <= copies; ++i) {
        cat::Item it;
        it.barcode = barcode_prefix + std::to_string(i);
        it.call_number = call_number;
        it.copy_number = i;
        it.acquired = acquired;
        it.location = "S1";
        batch[0].items.push_back(it);
    }
    st.import_batch(batch);
    return batch[0].record.id;
}

// A delivery of these copies with the CIP class typed and the proposed call number confirmed.
inline Receipt delivery(std::vector<std::string> barcodes, const std::string& clc_class = "I242.4") {
    Receipt r;
    r.barcodes = std::move(barcodes);
    r.clc_class = clc_class;
    r.accept_call_number = true;
    return r;
}

inline Ctx as(const std::string& op, const std::string& day = "2026-09-01") { return Ctx{op, day}; }

inline Patron student(const std::string& id, const std::string& name, int grade, const std::string& cls) {
    Patron p;
    p.id = id;
    p.name = name;
    p.kind = PatronKind::Student;
    p.grade = grade;
    p.class_no = cls;
    return p;
}

inline Patron teacher(const std::string& id, const std::string& name) {
    Patron p;
    p.id = id;
    p.name = name;
    p.kind = PatronKind::Teacher;
    return p;
}

}  // namespace sxt
