#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "shuxiang/catalog/clc.hpp"
#include "shuxiang/catalog/csv.hpp"
#include "shuxiang/catalog/demo.hpp"
#include "shuxiang/catalog/isbn.hpp"
#include "shuxiang/catalog/search.hpp"
#include "shuxiang/util/fs.hpp"

using namespace shuxiang;
using namespace shuxiang::catalog;

TEST(Search, Tokens) {
    EXPECT_EQ(index_tokens("草房子"), "草 草房 房 房子 子");
    EXPECT_EQ(index_tokens("Harry Potter与魔法石"), "harry potter 与 与魔 魔 魔法 法 法石 石");
    EXPECT_EQ(index_tokens("《论语》译注，第2版"), "论 论语 语 译 译注 注 第 2 版");
    // ASCII runs (read without decoding) and other characters in one word, full-width letters,
    // case, and CJK right after and before ASCII.
    EXPECT_EQ(index_tokens("Café ÀB ＡＢＣ-x2Y 草a房 C++\t\x01OK"), "café Àb abc x2y 草 a 房 c ok");
    EXPECT_EQ(query_tokens("草"), std::vector<std::string>{"草"});
    EXPECT_EQ(query_tokens("草房子"), (std::vector<std::string>{"草房", "房子"}));
    EXPECT_EQ(query_tokens("C++ 编程"), (std::vector<std::string>{"c", "编程"}));
    EXPECT_EQ(fts_match_expression("Python 入门"), "\"python\" \"入门\"");
    EXPECT_EQ(fts_match_expression("\" * ( )"), "");
}

TEST(Csv, HeadersMapToFields) {
    EXPECT_EQ(csv_field_for_header("题名").value(), "title");
    EXPECT_EQ(csv_field_for_header("\xEF\xBB\xBF题名").value(), "title");
    EXPECT_EQ(csv_field_for_header(" ISBN ").value(), "isbn");
    EXPECT_EQ(csv_field_for_header("条码号").value(), "barcode");
    EXPECT_EQ(csv_field_for_header("馆藏地点").value(), "location");
    EXPECT_EQ(csv_field_for_header("索书号").value(), "call_number");
    EXPECT_FALSE(csv_field_for_header("备注").has_value());
}

TEST(Csv, ImportsGoodRowsAndReportsEveryBadLine) {
    std::string data = read_file(std::string(SHUXIANG_TEST_DATA_DIR) + "/catalog_store/holdings.csv");
    auto res = parse_catalog_csv(data, "holdings.csv");
    EXPECT_EQ(res.rows, 10u);
    ASSERT_EQ(res.entries.size(), 4u);  // the row with a wrong ISBN check digit is kept
    const auto& a = res.entries[0];
    EXPECT_EQ(a.record.title, "草房子");
    EXPECT_EQ(a.record.isbns, std::vector<std::string>{"9787020002207"});
    EXPECT_EQ(a.record.call_number, "I287.45/12");
    EXPECT_EQ(a.record.clc_class, "I287.45");
    ASSERT_EQ(a.items.size(), 2u);  // two rows, one record
    EXPECT_EQ(a.items[0].barcode, "T0001");
    EXPECT_EQ(a.items[1].barcode, "T0002");
    EXPECT_EQ(a.items[1].copy_number, 2);
    EXPECT_EQ(a.items[0].location, "二楼书库");
    EXPECT_DOUBLE_EQ(a.record.price.value(), 25.0);
    const auto& b = res.entries[1];
    EXPECT_EQ(b.record.title, "三国演义, 少年版");
    EXPECT_DOUBLE_EQ(b.record.price.value(), 18.5);
    EXPECT_EQ(b.record.publisher, "岳麓书社");
    EXPECT_EQ(b.record.marc.value("200", 'a'), "三国演义, 少年版");
    EXPECT_EQ(b.record.marc.value("905", 'd'), "I242.4");
    EXPECT_EQ(res.entries[2].record.title, "坏ISBN");
    EXPECT_EQ(res.entries[2].items[0].barcode, "T0005");
    EXPECT_EQ(res.entries[3].record.title, "十万个为什么");
    EXPECT_EQ(res.entries[3].items[0].location, "阅览室");

    std::vector<std::string> where;
    for (const auto& e : res.errors) where.push_back(e.where());
    EXPECT_EQ(where, (std::vector<std::string>{"line 6", "line 8", "line 9", "line 10", "line 11"}));
    for (const auto& e : res.errors) EXPECT_EQ(e.file(), "holdings.csv");
    ASSERT_EQ(res.warnings.size(), 1u);
    EXPECT_EQ(res.warnings[0].where(), "line 7");
    EXPECT_NE(std::string(res.warnings[0].what()).find("978-7-02-000220-8"), std::string::npos);
    EXPECT_NE(std::string(res.errors[3].what()).find("T0001"), std::string::npos);
    EXPECT_EQ(res.ignored_columns, std::vector<std::string>{"备注"});
}

TEST(Csv, StrictStopsAtFirstBadRow) {
    std::string data = read_file(std::string(SHUXIANG_TEST_DATA_DIR) + "/catalog_store/holdings.csv");
    CsvOptions o;
    o.strict = true;
    try {
        parse_catalog_csv(data, "h.csv", o);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "line 6");
    }
}

TEST(Csv, FileLevelErrors) {
    EXPECT_THROW(parse_catalog_csv("", "e.csv"), InputError);
    try {
        parse_catalog_csv("作者,ISBN\n某,\n", "n.csv");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "line 1");
    }
    try {
        parse_catalog_csv("题名,条码号\n好书,1\n\"坏书,2\n", "q.csv");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "line 3");
    }
}

TEST(Csv, TabsCustomColumnsAndGbk) {
    CsvOptions o;
    o.columns["书目名称"] = "title";
    auto res = parse_catalog_csv("书目名称\t条码号\n童年\tX1\n", "t.tsv", o);
    ASSERT_EQ(res.entries.size(), 1u);
    EXPECT_EQ(res.entries[0].record.title, "童年");
    EXPECT_EQ(res.entries[0].items[0].barcode, "X1");
    // "题名,条码号\n童年,X1\n" in GBK: 题 CCE2 名 C3FB 条 CCF5 码 C2EB 号 BAC5 童 CDAF 年 C4EA
    std::string gbk = "\xCC\xE2\xC3\xFB,\xCC\xF5\xC2\xEB\xBA\xC5\n\xCD\xAF\xC4\xEA,X1\n";
    auto g = parse_catalog_csv(gbk, "g.csv");
    ASSERT_EQ(g.entries.size(), 1u);
    EXPECT_EQ(g.entries[0].record.title, "童年");
    CsvOptions u;
    u.encoding = "utf-8";
    EXPECT_THROW(parse_catalog_csv(gbk, "g.csv", u), InputError);
}

TEST(Csv, ExportRowsReadBack) {
    BibRecord r;
    r.title = "书, \"引号\"";
    r.call_number = "I247.5/3";
    r.isbns = {"9787020002207"};
    Item it;
    it.barcode = "Z9";
    it.status = ItemStatus::Lost;
    Item lent;
    lent.barcode = "Z10";
    lent.status = ItemStatus::OnLoan;
    std::string csv = catalog_csv_header() + catalog_csv_rows(r, {it, lent});
    auto res = parse_catalog_csv(csv, "x.csv");
    ASSERT_EQ(res.entries.size(), 1u);
    EXPECT_TRUE(res.errors.empty());
    EXPECT_EQ(res.entries[0].record.title, "书, \"引号\"");
    EXPECT_EQ(res.entries[0].items[0].status, ItemStatus::Lost);
    // A catalogue file carries no loans: read back, the lent copy is available, with a warning.
    EXPECT_EQ(res.entries[0].items[1].status, ItemStatus::Available);
    EXPECT_EQ(res.warnings.size(), 1u);
}

TEST(Demo, ReproducibleSizeAndMix) {
    DemoOptions o;
    o.students = 1000;
    o.type = SchoolType::Primary;
    o.seed = 42;
    std::vector<ImportEntry> all;
    generate_demo(o, 1000, [&](std::vector<ImportEntry>& b) {
        for (auto& e : b) all.push_back(e);
    });
    long long items = 0, periodicals = 0;
    std::map<int, long long> by_part;
    for (const auto& e : all) {
        if (e.record.marc.leader.at(7) == 's') {  // 报刊 subscriptions are not books
            ++periodicals;
            EXPECT_EQ(e.items.size(), 1u);
            continue;
        }
        items += static_cast<long long>(e.items.size());
        by_part[clc_part(e.record.call_number)] += static_cast<long long>(e.items.size());
        ASSERT_TRUE(parse_call_number(e.record.call_number)) << e.record.call_number;
        ASSERT_TRUE(isbn13_valid(e.record.isbns.at(0)));
        EXPECT_EQ(e.record.summary, kSyntheticNote);
    }
    EXPECT_EQ(items, 25000);  // 25 books per primary student
    EXPECT_GE(periodicals, 60);  // the primary norm is 60 periodical titles
    EXPECT_EQ(by_part[0], 0);
    // 附表二 primary shares 1.5 / 1.5 / 64 / 28 / 5 %, within sampling noise.
    EXPECT_NEAR(by_part[1] / 25000.0, 0.015, 0.004);
    EXPECT_NEAR(by_part[2] / 25000.0, 0.015, 0.004);
    EXPECT_NEAR(by_part[3] / 25000.0, 0.64, 0.02);
    EXPECT_NEAR(by_part[4] / 25000.0, 0.28, 0.02);
    EXPECT_NEAR(by_part[5] / 25000.0, 0.05, 0.01);

    std::vector<ImportEntry> again;
    generate_demo(o, 333, [&](std::vector<ImportEntry>& b) {
        for (auto& e : b) again.push_back(e);
    });
    ASSERT_EQ(again.size(), all.size());
    for (std::size_t k = 0; k < all.size(); k += 97) {
        EXPECT_EQ(again[k].record.title, all[k].record.title);
        EXPECT_EQ(again[k].record.call_number, all[k].record.call_number);
        EXPECT_EQ(again[k].items.size(), all[k].items.size());
    }
    o.seed = 43;
    std::vector<std::string> other;
    generate_demo(o, 1000, [&](std::vector<ImportEntry>& b) {
        for (auto& e : b) other.push_back(e.record.title + e.record.responsibility);
    });
    int same = 0;
    for (std::size_t k = 0; k < 100; ++k) same += other[k] == all[k].record.title + all[k].record.responsibility;
    EXPECT_LT(same, 20);
}

TEST(Demo, JuniorNorm) {
    EXPECT_EQ(books_per_student(SchoolType::Junior), 35);
    EXPECT_EQ(parse_school_type("junior"), SchoolType::Junior);
    EXPECT_FALSE(parse_school_type("college").has_value());
    DemoOptions o;
    o.students = 100;
    o.type = SchoolType::Junior;
    long long items = 0;
    generate_demo(o, 50, [&](std::vector<ImportEntry>& b) {
        for (auto& e : b)
            if (e.record.marc.leader.at(7) != 's') items += static_cast<long long>(e.items.size());
    });
    EXPECT_EQ(items, 3500);
}

TEST(Demo, NineYearSchoolIsGeneratedStageByStage) {
    EXPECT_EQ(parse_school_type("nine_year"), SchoolType::NineYear);
    EXPECT_EQ(parse_school_type("十二年一贯制"), SchoolType::TwelveYear);
    auto stages = demo_stages(SchoolType::NineYear, 1800);
    ASSERT_EQ(stages.size(), 2u);
    EXPECT_EQ(stages[0], std::make_pair(SchoolType::Primary, 1200LL));
    EXPECT_EQ(stages[1], std::make_pair(SchoolType::Junior, 600LL));
    // 1200 × 25 + 600 × 35 = 51000 books, 28.33 per student.
    EXPECT_NEAR(books_per_student(SchoolType::NineYear), 51000.0 / 1800, 1e-9);
    DemoOptions o;
    o.students = 180;  // 120 primary, 60 junior: 3000 + 2100 = 5100 items
    o.type = SchoolType::NineYear;
    long long items = 0, primary_records = 0, junior_records = 0, latest = 0;
    std::set<std::string> barcodes, control;
    generate_demo(o, 100, [&](std::vector<ImportEntry>& b) {
        for (auto& e : b) {
            EXPECT_TRUE(control.insert(e.record.control_number).second);
            for (auto& it : e.items) EXPECT_TRUE(barcodes.insert(it.barcode).second);
            if (e.record.marc.leader.at(7) == 's') continue;  // periodicals
            items += static_cast<long long>(e.items.size());
            (e.record.audience == Audience::Primary ? primary_records : junior_records) += 1;
            for (auto& it : e.items) latest += it.acquired.rfind("2026", 0) == 0;
        }
    });
    EXPECT_EQ(items, 5100);
    EXPECT_GT(primary_records, junior_records);
    EXPECT_GT(junior_records, 0);
    // At least one new book per student in the latest year, as a demo school should have.
    EXPECT_GE(latest, 180);
}
