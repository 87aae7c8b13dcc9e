// Legacy CSV from the systems schools migrate from (tests/data/catalog_store/legacy_school.csv:
// GBK, CRLF, their headers and status words): the documented status table, a wrong ISBN check
// digit kept with a warning, a copy marked on loan with no loan behind it imported as available.
#include <gtest/gtest.h>

#include <map>

#include "shuxiang/catalog/csv.hpp"
#include "shuxiang/util/fs.hpp"

using namespace shuxiang;
using namespace shuxiang::catalog;

namespace {

CsvImport legacy() {
    const std::string data = read_file(std::string(SHUXIANG_TEST_DATA_DIR) + "/catalog_store/legacy_school.csv");
    return parse_catalog_csv(data, "legacy_school.csv");
}

std::map<std::string, ItemStatus> status_by_barcode(const CsvImport& res) {
    std::map<std::string, ItemStatus> out;
    for (const auto& e : res.entries)
        for (const auto& it : e.items) out[it.barcode] = it.status;
    return out;
}

}  // namespace

TEST(CsvLegacy, StatusWordsMapByTheTable) {
    auto res = legacy();
    EXPECT_TRUE(res.errors.empty());
    auto st = status_by_barcode(res);
    ASSERT_EQ(st.size(), 8u);
    EXPECT_EQ(st["B0000101"], ItemStatus::Available);  // 在架
    EXPECT_EQ(st["B0000102"], ItemStatus::Lost);       // 遗失
    EXPECT_EQ(st["B0000103"], ItemStatus::Damaged);    // 修补
    EXPECT_EQ(st["B0000104"], ItemStatus::Withdrawn);  // 剔除
    EXPECT_EQ(st["B0000105"], ItemStatus::Available);  // 在库
    EXPECT_EQ(csv_status(" 报废 "), ItemStatus::Withdrawn);
    EXPECT_EQ(csv_status("in_transit"), ItemStatus::InTransit);
    EXPECT_FALSE(csv_status("借阅中?"));
}

// The table in docs/catalog-import.md is the one the reader uses: every word, with its status.
TEST(CsvLegacy, StatusTableIsDocumented) {
    const std::string doc = read_file(std::string(SHUXIANG_SOURCE_DIR) + "/docs/catalog-import.md");
    for (const auto& w : csv_status_words()) {
        const std::string row = std::string("| ") + w.word + " | `" + to_string(w.status) + "` |";
        EXPECT_NE(doc.find(row), std::string::npos) << row;
    }
}

TEST(CsvLegacy, WrongIsbnCheckDigitKeepsTheRowAndItsCopy) {
    auto res = legacy();
    const ImportEntry* e = nullptr;
    for (const auto& x : res.entries)
        if (x.record.title == "城南旧事") e = &x;
    ASSERT_NE(e, nullptr);
    ASSERT_EQ(e->items.size(), 1u);
    EXPECT_EQ(e->items[0].barcode, "B0000105");
    EXPECT_EQ(e->record.isbns, std::vector<std::string>{"9787020087267"});
    bool warned = false;
    for (const auto& w : res.warnings)
        warned = warned || (w.where() == "line 6" && std::string(w.what()).find("9787020087267") != std::string::npos);
    EXPECT_TRUE(warned);
}

TEST(CsvLegacy, OnLoanWithoutALoanIsImportedAvailable) {
    auto res = legacy();
    EXPECT_EQ(status_by_barcode(res)["B0000106"], ItemStatus::Available);
    bool warned = false;
    for (const auto& w : res.warnings)
        warned = warned || (w.where() == "line 7" && std::string(w.what()).find("B0000106") != std::string::npos);
    EXPECT_TRUE(warned);
    EXPECT_EQ(res.barcode_lines.at("B0000106"), 7u);
}
