#include "shuxiang/standards/holdings.hpp"

#include <nlohmann/json.hpp>

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::standards {

using nlohmann::ordered_json;

std::string holdings_to_json_text(const HoldingsSummary& h) {
    ordered_json j;
    j["schema_version"] = 1;
    j["year"] = h.year;
    j["books"] = h.books;
    j["by_major_class"] = h.by_major_class;
    j["unclassified"] = h.unclassified;
    j["periodical_titles"] = h.periodical_titles;
    j["reference_titles"] = h.reference_titles;
    j["new_books_this_year"] = h.new_books_this_year;
    if (!h.new_books_by_year.empty()) {
        ordered_json by_year = ordered_json::array();
        for (const auto& [y, n] : h.new_books_by_year) by_year.push_back({{"year", y}, {"books", n}});
        j["new_books_by_year"] = by_year;
    }
    j["weeded_this_year"] = h.weeded_this_year;
    j["local_collection"] = h.local_collection;
    j["loans_this_year"] = h.loans_this_year;
    j["synthetic"] = h.synthetic;
    return j.dump(2) + "\n";
}

namespace {
template <typename T>
void read_count(const ordered_json& j, const char* key, T& out, const std::string& file) {
    if (!j.contains(key)) throw InputError(file, std::string("/") + key, tr("common.json.missing"));
    const auto& v = j[key];
    if (!v.is_number_integer() || v.get<long long>() < 0)
        throw InputError(file, std::string("/") + key, tr("common.json.expected_nonneg_integer"));
    out = static_cast<T>(v.get<long long>());
}
}  // namespace

HoldingsSummary holdings_from_json_text(const std::string& text, const std::string& file) {
    ordered_json j;
    try {
        j = ordered_json::parse(text);
    } catch (const ordered_json::parse_error& e) {
        throw InputError(file, "byte " + std::to_string(e.byte), tr("common.json.invalid"));
    }
    if (!j.is_object()) throw InputError(file, "", tr("common.json.expected_object"));
    int version = 0;
    read_count(j, "schema_version", version, file);
    if (version > 1)
        throw InputError(file, "/schema_version", trf("common.json.newer_schema", {std::to_string(version), "1"}));
    HoldingsSummary h;
    read_count(j, "year", h.year, file);
    read_count(j, "books", h.books, file);
    if (!j.contains("by_major_class") || !j["by_major_class"].is_array() || j["by_major_class"].size() != 5)
        throw InputError(file, "/by_major_class", tr("standards.error.major_classes"));
    for (size_t i = 0; i < 5; ++i) {
        const auto& v = j["by_major_class"][i];
        if (!v.is_number_integer() || v.get<long long>() < 0)
            throw InputError(file, "/by_major_class/" + std::to_string(i), tr("common.json.expected_nonneg_integer"));
        h.by_major_class[i] = v.get<long long>();
    }
    read_count(j, "unclassified", h.unclassified, file);
    read_count(j, "periodical_titles", h.periodical_titles, file);
    read_count(j, "reference_titles", h.reference_titles, file);
    read_count(j, "new_books_this_year", h.new_books_this_year, file);
    read_count(j, "weeded_this_year", h.weeded_this_year, file);
    if (j.contains("new_books_by_year")) {
        const auto& a = j["new_books_by_year"];
        if (!a.is_array()) throw InputError(file, "/new_books_by_year", tr("standards.error.new_books_by_year"));
        for (std::size_t i = 0; i < a.size(); ++i) {
            const auto& e = a[i];
            const std::string at = "/new_books_by_year/" + std::to_string(i);
            if (!e.is_object() || !e.contains("year") || !e["year"].is_number_integer() || !e.contains("books") ||
                !e["books"].is_number_integer() || e["books"].get<long long>() < 0 ||
                (!h.new_books_by_year.empty() && e["year"].get<int>() <= h.new_books_by_year.back().first))
                throw InputError(file, at, tr("standards.error.new_books_by_year"));
            h.new_books_by_year.emplace_back(e["year"].get<int>(), e["books"].get<long long>());
        }
    }
    read_count(j, "local_collection", h.local_collection, file);
    read_count(j, "loans_this_year", h.loans_this_year, file);
    if (j.contains("synthetic")) {
        if (!j["synthetic"].is_boolean()) throw InputError(file, "/synthetic", tr("common.json.expected_bool"));
        h.synthetic = j["synthetic"].get<bool>();
    }
    long long sum = h.unclassified;
    for (auto c : h.by_major_class) sum += c;
    if (sum != h.books)
        throw InputError(file, "/by_major_class",
                         trf("standards.error.books_sum", {std::to_string(sum), std::to_string(h.books)}));
    return h;
}

HoldingsSummary load_holdings(const std::filesystem::path& path) {
    return holdings_from_json_text(read_file(path), path.string());
}

}  // namespace shuxiang::standards
