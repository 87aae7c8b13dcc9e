// libFuzzer target: the CSV catalogue reader (parse_catalog_csv) with the delimiter, encoding and
// strictness picked by the first byte. A file is either refused as a whole (InputError) or gives
// entries that keep the reader's promises: every record has a title, every barcode is imported
// once and its line is known, and the rows written back read back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

#include "shuxiang/catalog/csv.hpp"
#include "shuxiang/util/error.hpp"

using namespace shuxiang::catalog;

namespace {

void check(const CsvImport& res) {
    std::set<std::string> barcodes;
    for (const auto& e : res.entries) {
        if (e.record.title.empty()) std::abort();
        for (const auto& it : e.items) {
            if (!barcodes.insert(it.barcode).second) std::abort();
            if (!res.barcode_lines.count(it.barcode)) std::abort();
            if (it.status == ItemStatus::OnLoan) std::abort();  // no loan stands behind a CSV copy
        }
    }
    for (const auto& e : res.errors) (void)e.what();
    for (const auto& w : res.warnings) (void)w.what();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    CsvOptions opt;
    static const char delims[] = {0, ',', '\t', ';'};
    static const char* encodings[] = {"", "utf-8", "gbk", "gb18030"};
    opt.delimiter = delims[data[0] & 3];
    opt.encoding = encodings[(data[0] >> 2) & 3];
    opt.strict = (data[0] & 16) != 0;
    if (data[0] & 32) opt.columns["备注"] = "summary";
    try {
        const CsvImport res = parse_catalog_csv(bytes, "fuzz.csv", opt);
        check(res);
        // What the reader took, written as CSV, is read back without a file-level error.
        std::string again = catalog_csv_header();
        for (const auto& e : res.entries) again += catalog_csv_rows(e.record, e.items);
        check(parse_catalog_csv(again, "again.csv"));
    } catch (const shuxiang::InputError&) {
    }
    return 0;
}
