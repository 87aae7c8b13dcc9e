// Shelf capacity of a plan and the year each 大部类 runs out of space under collection growth.
#pragma once

#include <shuxiang/plan/furniture.hpp>
#include <shuxiang/plan/model.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace shuxiang::capacity {

// What a shelf section holds; the average thickness differs (figures in docs/scenario-format.md).
enum class BookKind { General, PictureBook, Periodical, Reference };

const char* to_string(BookKind k);
// Average thickness of one item of that kind on the shelf (m).
double thickness_m(BookKind k);
// Kind of a book-holding furniture item: picture-book bins, periodical racks, shelving labelled as
// reference ("ref…", "工具书", "参考"), else general books.
BookKind kind_of(const plan::Furniture& f, const plan::FurnitureType& t);

// One section (one face) of a range.
struct SectionCapacity {
    std::string level;
    std::string furniture;
    int face = 1;
    int section = 1;
    BookKind kind = BookKind::General;
    double width = 0;   // m
    int levels = 0;     // shelves
    long long books = 0;  // floor(width × levels / thickness)
};

struct Options {
    double fill_target = 0.75;            // working fill of the shelves
    int years = 30;                       // horizon
    int start_year = 2026;
    int students = 0;
    double new_per_student = 1.0;         // new books per student per year (at least 1)
    double weeding_rate = 0.0;            // share of the stock withdrawn per year
    std::array<double, 5> shares{0.2, 0.2, 0.2, 0.2, 0.2};  // of the 5 大部类, summing to 1
    std::array<long long, 5> current{};   // items on the shelves now
};

// The outlook of one 大部类 (A / B / C–K / N–X / Z).
struct ClassOutlook {
    long long working_capacity = 0;  // its share of the book shelves at the fill target
    long long current = 0;
    double added_per_year = 0;
    std::optional<int> full_year;    // first year whose stock exceeds the working capacity
};

struct Report {
    std::vector<SectionCapacity> sections;
    long long book_capacity = 0;        // books (general, picture books, reference) at 100 %
    long long periodical_capacity = 0;  // periodical items at 100 %
    long long working_capacity = 0;     // books at the fill target
    std::array<ClassOutlook, 5> classes;
};

// Sections of every level; the growth runs year by year: stock(y+1) = stock(y)·(1 − weeding) +
// students × new_per_student × share.
Report compute(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, const Options& o);

}  // namespace shuxiang::capacity
