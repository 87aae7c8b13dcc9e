#pragma once
// A school's library database for the district tests: titles with copies, and helpers to change
// them the way a school year does (new copies, a withdrawal, an edited title).
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "shuxiang/catalog/csv.hpp"
#include "shuxiang/circulation/repository.hpp"
#include "shuxiang/district/push.hpp"
#include "shuxiang/report/district.hpp"
#include "support/primary_school.hpp"

namespace sxd {

using namespace shuxiang;

struct Title {
    std::string title, author, isbn, control;
    int copies;
};

inline std::filesystem::path scratch(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / ("sx_district_" + std::to_string(::getpid()) + "_" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

// Imports the titles; copies get barcodes <prefix><n>.
inline void add_titles(circulation::Repository& repo, const std::vector<Title>& titles, const std::string& prefix) {
    std::vector<catalog::ImportEntry> batch;
    int n = 0;
    for (const auto& t : titles) {
        catalog::ImportEntry e;
        e.record.title = t.title;
        e.record.responsibility = t.author;
        e.record.publisher = "少年儿童出版社";
        e.record.control_number = t.control;
        if (!t.isbn.empty()) e.record.isbns = {t.isbn};
        e.record.clc_class = "I287";
        e.record.call_number = "I287/" + std::to_string(n + 1);
        e.record.marc = catalog::synthesize_cnmarc(e.record);
        for (int k = 0; k < t.copies; ++k) {
            catalog::Item it;
            it.barcode = prefix + std::to_string(++n);
            e.items.push_back(it);
        }
        batch.push_back(std::move(e));
    }
    repo.catalog().import_batch(batch);
}

// The shared test catalogue: two schools hold 草房子 (same ISBN, different control numbers) and
// 小王子 (no ISBN, same control number); each has one title of its own.
inline const std::vector<Title>& school_a_titles() {
    static const std::vector<Title> t = {{"草房子", "曹文轩", "9787532776771", "A001", 3},
                                         {"小王子", "圣埃克苏佩里", "", "CN-0042", 2},
                                         {"昆虫记", "法布尔", "9787020093755", "A003", 1},
                                         {"Charlotte's Web", "E. B. White", "9780064400558", "A004", 2}};
    return t;
}
inline const std::vector<Title>& school_b_titles() {
    static const std::vector<Title> t = {{"草房子", "曹文轩", "978-7-5327-7677-1", "B777", 5},
                                         {"小王子", "圣埃克苏佩里", "", "CN-0042", 1},
                                         {"城南旧事", "林海音", "9787530215593", "B003", 4}};
    return t;
}

// A primary school's proposal with the holdings summary of `db` for `year`.
inline report::Proposal proposal_for(const std::string& code, const std::string& county, int students,
                                     const standards::HoldingsSummary& h, const std::string& generated) {
    report::Proposal p;
    p.plan = test::primary_plan("学校" + code, students);
    p.holdings = h;
    p.generated = generated;
    p.school_code = code;
    p.county = county;
    return p;
}

// Holdings in the standard's shares for `students` with `books` books.
inline standards::HoldingsSummary holdings(int students, long long books, int year) {
    return test::standard_holdings(students, books, year);
}

}  // namespace sxd
