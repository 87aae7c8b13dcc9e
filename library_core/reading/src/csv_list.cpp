// A reading list's CSV file: the catalogue's CSV reader (encodings, quoting, Chinese and English
// headers) with the list's own required columns.
#include <algorithm>

#include "shuxiang/catalog/csv.hpp"
#include "shuxiang/reading/lists.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::reading {

std::vector<ReadingListEntry> parse_list_csv(std::string_view data, const std::string& file_name) {
    catalog::CsvOptions opt;
    opt.strict = true;  // the first bad row stops the import: nothing is written
    catalog::CsvImport parsed = catalog::parse_catalog_csv(data, file_name, opt);
    const std::pair<const char*, const char*> required[] = {{"title", "题名"}, {"responsibility", "责任者"}, {"isbn", "ISBN"}};
    for (auto& [field, header] : required)
        if (std::find(parsed.fields.begin(), parsed.fields.end(), field) == parsed.fields.end())
            throw InputError(file_name, "line 1", trf("reading.csv.missing_column", {header}));
    if (parsed.entries.empty()) throw InputError(file_name, "line 2", tr("reading.csv.no_titles"));
    std::vector<ReadingListEntry> out;
    for (auto& e : parsed.entries) {
        const auto& r = e.record;
        // The ISBN as the file wrote it (normalised when valid): matching normalises it again.
        out.push_back({r.title, r.responsibility, r.isbns.empty() ? std::string() : r.isbns.front(), r.price});
    }
    return out;
}

}  // namespace shuxiang::reading
