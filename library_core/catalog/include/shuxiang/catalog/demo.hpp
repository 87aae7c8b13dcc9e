#pragma once
// Reproducible synthetic collections for the demo school and the benchmarks: realistic size (books
// per student by school type) and 大部类 mix (附表二), plausible Chinese titles, publishers and call
// numbers. Every record is marked synthetic (a note in the record, control numbers "SXDEMO…").
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/catalog/store.hpp"

namespace shuxiang::catalog {

// Complete = 完全中学; NineYear / TwelveYear = 九年 / 十二年一贯制, generated stage by stage.
enum class SchoolType { Primary, Junior, Senior, Complete, NineYear, TwelveYear };

// primary, junior, senior, complete, nine_year, twelve_year (or their Chinese names).
std::optional<SchoolType> parse_school_type(std::string_view s);
const char* to_string(SchoolType t);
// Books (items) per student: 25 primary, 35 junior (初级中学), 45 senior, 40 complete (完全中学);
// for 一贯制 schools the mean over their stages (see demo_stages).
double books_per_student(SchoolType t);

// The single-stage parts of a school and their students: a 九年一贯制 school of N students is
// 6/9 primary and 3/9 junior (years per stage), a 十二年一贯制 one 6/12, 3/12, 3/12.
std::vector<std::pair<SchoolType, long long>> demo_stages(SchoolType t, long long students);
// Target item share of 大部类 1..5 (附表二, 2003): primary 1.5/1.5/64/28/5 %, secondary 2/2/54/38/4 %.
double part_share(SchoolType t, int part);

struct DemoOptions {
    long long students = 1000;
    SchoolType type = SchoolType::Primary;
    std::uint64_t seed = 1;
    // When > 0, the number of records to make instead of students × books per student in items
    // (benchmarks ask for a record count).
    long long records = 0;
    // Items acquired in the latest year make about this many per student, so that a demo school
    // meets the "one new book per student a year" rule; the rest spread over earlier years.
    int latest_year = 2026;
};

// The note every synthetic record carries (CNMARC 300$a and the summary).
extern const char* const kSyntheticNote;

// Generates the collection in batches of `batch_size` entries and hands each to `sink`. The same
// options always give the same records, items and order.
void generate_demo(const DemoOptions& options, std::size_t batch_size,
                   const std::function<void(std::vector<ImportEntry>&)>& sink);

}  // namespace shuxiang::catalog
