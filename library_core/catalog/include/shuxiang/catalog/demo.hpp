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

enum class SchoolType { Primary, Junior, Senior, Complete };

std::optional<SchoolType> parse_school_type(std::string_view s);  // primary, junior, senior, complete
const char* to_string(SchoolType t);
// Books (items) per student: 25 primary, 35 junior (初级中学), 45 senior, 40 complete (完全中学).
int books_per_student(SchoolType t);
// Target item share of 大部类 1..5 (附表二, 2003): primary 1.5/1.5/64/28/5 %, secondary 2/2/54/38/4 %.
double part_share(SchoolType t, int part);

struct DemoOptions {
    long long students = 1000;
    SchoolType type = SchoolType::Primary;
    std::uint64_t seed = 1;
    // When > 0, the number of records to make instead of students × books per student in items
    // (benchmarks ask for a record count).
    long long records = 0;
};

// The note every synthetic record carries (CNMARC 300$a and the summary).
extern const char* const kSyntheticNote;

// Generates the collection in batches of `batch_size` entries and hands each to `sink`. The same
// options always give the same records, items and order.
void generate_demo(const DemoOptions& options, std::size_t batch_size,
                   const std::function<void(std::vector<ImportEntry>&)>& sink);

}  // namespace shuxiang::catalog
