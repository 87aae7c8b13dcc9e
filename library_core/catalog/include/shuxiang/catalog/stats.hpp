#pragma once
// Holdings statistics by the 22 中图法 classes and the 5 大部类 (records = titles, items = copies).
#include <array>
#include <string>
#include <vector>

namespace shuxiang::catalog {

struct ClassCount {
    std::string code;  // "A".."Z"; for parts "1".."5"
    long long records = 0;
    long long items = 0;
};

// Items counted are those held: every status except lost and withdrawn.
struct CollectionStats {
    std::vector<ClassCount> classes;  // the 22 classes in table order, zeros included
    std::vector<ClassCount> parts;    // the 5 大部类 in order
    ClassCount unclassified{"", 0, 0};  // no or unknown class
    long long total_records = 0;
    long long total_items = 0;

    // Share of held items in 大部类 `part` (1..5), 0..1; 0 when there are no items.
    double item_share(int part) const;
};

// Builds the 22 + 5 rows from per-top-class counts (code "" or unknown = unclassified).
CollectionStats make_stats(const std::vector<ClassCount>& by_top_class);

}  // namespace shuxiang::catalog
