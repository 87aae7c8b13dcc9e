#pragma once
// The anonymous holdings summary a school sends to the bureau: counts only, no titles of loans,
// no patron data. The catalog produces it from the library database; a school without Shuxiang's
// catalog can write it by hand.
#include <array>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace shuxiang::standards {

struct HoldingsSummary {
    int year = 0;                       // the statistics year
    long long books = 0;                // paper books (items, not titles), withdrawn excluded
    std::array<long long, 5> by_major_class{};  // 5 大部类: A / B / C–K / N–X / Z (items)
    long long unclassified = 0;         // items without a usable 中图法 class
    int periodical_titles = 0;          // 报刊 (种)
    int reference_titles = 0;           // 工具书、教学参考书 (种)
    long long new_books_this_year = 0;  // items acquired in `year`
    // New books (items, periodical volumes left out) acquired in each of the five years up to and
    // including `year`, oldest first; empty when not known (summaries written before it was kept).
    std::vector<std::pair<int, long long>> new_books_by_year;
    long long weeded_this_year = 0;     // items withdrawn in `year`
    long long local_collection = 0;     // items flagged as local collection (湖湘文化 …)
    long long loans_this_year = 0;
    bool synthetic = false;             // generated demo data, not a real collection
    friend bool operator==(const HoldingsSummary&, const HoldingsSummary&) = default;
};

// JSON form ({"schema_version": 1, ...}); load throws InputError with the JSON pointer.
std::string holdings_to_json_text(const HoldingsSummary& h);
HoldingsSummary holdings_from_json_text(const std::string& text, const std::string& filename);
HoldingsSummary load_holdings(const std::filesystem::path& path);

}  // namespace shuxiang::standards
