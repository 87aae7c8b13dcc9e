#include <gtest/gtest.h>

#include <algorithm>

#include "shuxiang/catalog/clc.hpp"

using namespace shuxiang::catalog;

namespace {

int cmp(const char* a, const char* b) {
    auto x = parse_call_number(a);
    auto y = parse_call_number(b);
    EXPECT_TRUE(x.has_value()) << a;
    EXPECT_TRUE(y.has_value()) << b;
    if (!x || !y) return 99;
    return compare_call_numbers(*x, *y);
}

// A shelf list in the order a librarian shelves it.
const std::vector<std::string> kShelf = {
    "A1/1",
    "A12/3",
    "B82/5",
    "B821/2",
    "B821-49/1",
    "B821.1/3",
    "I",
    "I-61/2",
    "I0/5",
    "I206.7/1",
    "I206.7(2)/1",
    "I209/4",
    "I247.5/9",
    "I247.5/10",
    "I247.5/10:2",
    "I247.5/10:2#2",
    "I247.5/10:2 c.3",
    "I247.5/10:10",
    "I247.5/10-2",
    "I247.5/100",
    "I247.57/1",
    "I247.6/1",
    "I287.5/123",
    "I287.5/123:2",
    "K825.6/8",
    "K825.6-49/2",
    "K825.6(2)/1",
    "K825.6(7)/1",
    "K825.6(71)/1",
    "K825.6=7/5",
    "K825.6\"45\"/1",
    "K825.6<1>/1",
    "K825.61/1",
    "O4-44/2",
    "O41/1",
    "T-61/1",
    "TB1/1",
    "TN91/1",
    "TP3/1",
    "TP312/2",
    "TP312C/5",
    "TP312JA/1",
    "TP312.1/1",
    "TP39/1",
    "TS97/1",
    "U4/1",
    "Z228.1/3",
    "Z228.1/L45",
    "Z228.1/L451",
    "Z228.1/W5",
};

}  // namespace

TEST(Clc, ParsesParts) {
    auto cn = parse_call_number("I287.5/123:2");
    ASSERT_TRUE(cn);
    EXPECT_EQ(cn->class_number, "I287.5");
    EXPECT_EQ(cn->class_letters, "I");
    EXPECT_EQ(cn->book_number, "123");
    EXPECT_EQ(cn->volume, 2);
    EXPECT_EQ(cn->copy, 0);

    cn = parse_call_number("tp312-62/l45-2/3 c.4");
    ASSERT_TRUE(cn);
    EXPECT_EQ(cn->class_number, "TP312-62");
    EXPECT_EQ(cn->class_letters, "TP");
    EXPECT_EQ(cn->book_number, "L45-2");
    EXPECT_EQ(cn->volume, 3);
    EXPECT_EQ(cn->copy, 4);

    cn = parse_call_number("I247.57");
    ASSERT_TRUE(cn);
    EXPECT_EQ(cn->class_number, "I247.57");
    EXPECT_TRUE(cn->book_number.empty());

    cn = parse_call_number("K825.6=7/5#2");
    ASSERT_TRUE(cn);
    EXPECT_EQ(cn->class_number, "K825.6=7");
    EXPECT_EQ(cn->book_number, "5");
    EXPECT_EQ(cn->copy, 2);

    // 上/中/下 volumes.
    cn = parse_call_number("I242.4/12\xE4\xB8\x8B");  // 下
    ASSERT_TRUE(cn);
    EXPECT_EQ(cn->book_number, "12");
    EXPECT_EQ(cn->volume, 3);
    cn = parse_call_number("I242.4/12:\xE4\xB8\x8A");  // :上
    ASSERT_TRUE(cn);
    EXPECT_EQ(cn->volume, 1);
}

TEST(Clc, FullWidthAndQuotes) {
    auto a = parse_call_number("\xEF\xBC\xA9\xEF\xBC\x92\xEF\xBC\x94\xEF\xBC\x97\xEF\xBC\x8E\xEF\xBC\x95\xEF\xBC\x8F\xEF\xBC\x99");  // Ｉ２４７．５／９
    ASSERT_TRUE(a);
    EXPECT_EQ(a->text, "I247.5/9");
    EXPECT_EQ(cmp("I247.5/9", "  I247.5/9  "), 0);
    auto q = parse_call_number("K825.6\xE2\x80\x9C" "45\xE2\x80\x9D/1");  // Chinese quotes
    ASSERT_TRUE(q);
    EXPECT_EQ(q->class_number, "K825.6\"45\"");
}

TEST(Clc, RejectsBadInput) {
    std::string err;
    EXPECT_FALSE(parse_call_number("", &err));
    EXPECT_EQ(err, "catalog.callno.empty");
    EXPECT_FALSE(parse_call_number("L123/4", &err));  // L is not a 中图法 class
    EXPECT_EQ(err, "catalog.callno.bad_class");
    EXPECT_FALSE(parse_call_number("IP12/4", &err));  // only T has two-letter classes
    EXPECT_EQ(err, "catalog.callno.bad_class");
    EXPECT_FALSE(parse_call_number("TA12/4", &err));  // TA is not a T subclass
    EXPECT_EQ(err, "catalog.callno.bad_class");
    EXPECT_FALSE(parse_call_number("I24(7/1", &err));
    EXPECT_EQ(err, "catalog.callno.unbalanced");
    EXPECT_FALSE(parse_call_number("K825.6\"45/1", &err));
    EXPECT_EQ(err, "catalog.callno.unbalanced");
    EXPECT_FALSE(parse_call_number("I247*5/1", &err));
    EXPECT_EQ(err, "catalog.callno.bad_char");
    EXPECT_FALSE(parse_call_number("I247/", &err));
    EXPECT_EQ(err, "catalog.callno.bad_book_number");
    EXPECT_FALSE(parse_call_number("I247/12:x", &err));
    EXPECT_EQ(err, "catalog.callno.bad_volume");
}

TEST(Clc, PairwiseHardCases) {
    EXPECT_LT(cmp("I247.5", "I247.57"), 0);
    EXPECT_LT(cmp("I247.57", "I247.6"), 0);
    EXPECT_LT(cmp("I247.5/99", "I247.57/1"), 0);  // class before book number
    EXPECT_LT(cmp("TN91", "TP1"), 0);
    EXPECT_LT(cmp("T", "TB"), 0);
    EXPECT_LT(cmp("T9", "TB1"), 0);                // letters decide before digits
    EXPECT_LT(cmp("TV1", "U1"), 0);
    EXPECT_LT(cmp("I2/2", "I2/10"), 0);            // 种次号 numerically, not "10" < "2"
    EXPECT_LT(cmp("I2/10:2", "I2/10:10"), 0);      // volumes numerically
    EXPECT_LT(cmp("I2/10", "I2/10:1"), 0);         // no volume first
    EXPECT_LT(cmp("I2/10#2", "I2/10#11"), 0);      // copies numerically
    EXPECT_LT(cmp("I2", "I2/1"), 0);               // bare class first
    EXPECT_LT(cmp("G2", "G2-61"), 0);              // 总论复分 after the plain class
    EXPECT_LT(cmp("G2-61", "G20"), 0);             // ... but before further digits
    EXPECT_LT(cmp("G2-61", "G2(2)"), 0);           // - before ()
    EXPECT_LT(cmp("G2(2)", "G2=4"), 0);            // () before =
    EXPECT_LT(cmp("G2=4", "G2\"1\""), 0);          // = before ""
    EXPECT_LT(cmp("G2\"1\"", "G2<1>"), 0);         // "" before <>
    EXPECT_LT(cmp("D9(7)", "D9(71)"), 0);          // group closes before more digits
    EXPECT_LT(cmp("D9(71)", "D9(8)"), 0);
    EXPECT_LT(cmp("D9(71)", "D9(71)-6"), 0);
    EXPECT_LT(cmp("I287.5/12", "I287.5/L3"), 0);   // numeric book numbers before author numbers
    EXPECT_LT(cmp("Z1/L4", "Z1/LI2"), 0);
    EXPECT_EQ(cmp("I247.5/12", "i247.5/12"), 0);   // case
    EXPECT_EQ(cmp("I2475/12", "I247.5/12"), 0);    // '.' is only a separator
    EXPECT_GT(cmp("Z228", "A811"), 0);
}

TEST(Clc, SortsShelfList) {
    auto lines = kShelf;
    std::reverse(lines.begin(), lines.end());
    sort_shelf_order(lines);
    EXPECT_EQ(lines, kShelf);

    lines = kShelf;
    // A fixed shuffle: odd positions first, then even ones reversed.
    std::vector<std::string> mixed;
    for (std::size_t i = 1; i < lines.size(); i += 2) mixed.push_back(lines[i]);
    for (std::size_t i = lines.size(); i-- > 0;)
        if (i % 2 == 0) mixed.push_back(lines[i]);
    sort_shelf_order(mixed);
    EXPECT_EQ(mixed, kShelf);
}

TEST(Clc, BadLinesGoLast) {
    std::vector<std::string> lines = {"zz", "I2/1", "L1", "A1", "I24(7"};
    sort_shelf_order(lines);
    std::vector<std::string> want = {"A1", "I2/1", "I24(7", "L1", "zz"};
    EXPECT_EQ(lines, want);
}

TEST(Clc, ClassTable) {
    const auto& t = ClcTable::get();
    ASSERT_EQ(t.classes.size(), 22u);
    ASSERT_EQ(t.parts.size(), 5u);
    EXPECT_EQ(t.t_subclasses.size(), 16u);
    std::size_t n = 0;
    for (const auto& p : t.parts) n += p.classes.size();
    EXPECT_EQ(n, 22u);
    EXPECT_EQ(t.find_class("I")->zh, "文学");
    EXPECT_EQ(t.find_class("TP")->zh, "自动化技术、计算机技术");
    EXPECT_EQ(t.find_part(5)->zh, "综合性图书");
    EXPECT_EQ(t.parts[2].classes.front(), "C");
    EXPECT_EQ(t.parts[2].classes.back(), "K");
}

TEST(Clc, TopClassAndPart) {
    EXPECT_EQ(clc_top_class("TP312/5"), "T");
    EXPECT_EQ(clc_subclass("TP312/5"), "TP");
    EXPECT_EQ(clc_subclass("T-61"), "T");
    EXPECT_EQ(clc_subclass("I247"), "I");
    EXPECT_EQ(clc_top_class("L12"), "");
    EXPECT_EQ(clc_top_class("i247"), "I");
    EXPECT_EQ(clc_part("A81"), 1);
    EXPECT_EQ(clc_part("B82"), 2);
    EXPECT_EQ(clc_part("C91"), 3);
    EXPECT_EQ(clc_part("K825.6"), 3);
    EXPECT_EQ(clc_part("N49"), 4);
    EXPECT_EQ(clc_part("TP3"), 4);
    EXPECT_EQ(clc_part("X5"), 4);
    EXPECT_EQ(clc_part("Z228"), 5);
    EXPECT_EQ(clc_part("M1"), 0);
    EXPECT_EQ(clc_part(""), 0);
}

TEST(Clc, ShelfKeyByteOrderIsShelfOrder) {
    std::vector<std::string> keys;
    for (const auto& l : kShelf) keys.push_back(shelf_key(*parse_call_number(l)));
    for (std::size_t i = 0; i < keys.size(); ++i)
        for (std::size_t j = 0; j < keys.size(); ++j) {
            int want = i < j ? -1 : i > j ? 1 : 0;
            int got = keys[i] < keys[j] ? -1 : keys[i] > keys[j] ? 1 : 0;
            ASSERT_EQ(got, want) << kShelf[i] << " vs " << kShelf[j];
        }
    auto i287 = shelf_key_class_prefix("I287").value();
    auto has = [&](const char* cn) { return shelf_key(*parse_call_number(cn)).rfind(i287, 0) == 0; };
    EXPECT_TRUE(has("I287.5/123:2"));
    EXPECT_TRUE(has("I287"));
    EXPECT_TRUE(has("I287-61/1"));
    EXPECT_FALSE(has("I28/1"));
    EXPECT_FALSE(has("I288/1"));
    auto t = shelf_key_class_prefix("T").value();
    EXPECT_EQ(shelf_key(*parse_call_number("T-61/1")).rfind(t, 0), 0u);
    EXPECT_NE(shelf_key(*parse_call_number("TP3/1")).rfind(t, 0), 0u);  // T does not cover TP
    EXPECT_FALSE(shelf_key_class_prefix("I287/12").has_value());
    EXPECT_FALSE(shelf_key_class_prefix("hello").has_value());
}
