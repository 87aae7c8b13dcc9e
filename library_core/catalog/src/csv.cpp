#include "shuxiang/catalog/csv.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <functional>
#include <unordered_map>

#include "shuxiang/catalog/charset.hpp"
#include "shuxiang/catalog/clc.hpp"
#include "shuxiang/catalog/isbn.hpp"
#include "shuxiang/catalog/mapping.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::catalog {

namespace {

struct Alias {
    const char* header;
    const char* field;
};

// Headers seen in exports of Chinese school library systems, and the English field names.
constexpr Alias kAliases[] = {
    {"题名", "title"}, {"书名", "title"}, {"正题名", "title"}, {"title", "title"},
    {"其他题名", "other_title"}, {"副题名", "other_title"}, {"other_title", "other_title"},
    {"责任者", "responsibility"}, {"作者", "responsibility"}, {"著者", "responsibility"}, {"责任说明", "responsibility"},
    {"author", "responsibility"}, {"responsibility", "responsibility"},
    {"isbn", "isbn"}, {"国际标准书号", "isbn"}, {"标准编号", "isbn"}, {"isbn号", "isbn"},
    {"索书号", "call_number"}, {"索取号", "call_number"}, {"call_number", "call_number"}, {"callno", "call_number"},
    {"分类号", "clc_class"}, {"中图分类号", "clc_class"}, {"clc", "clc_class"}, {"clc_class", "clc_class"},
    {"出版社", "publisher"}, {"出版者", "publisher"}, {"publisher", "publisher"},
    {"出版地", "place"}, {"place", "place"},
    {"出版年", "year"}, {"出版日期", "year"}, {"出版时间", "year"}, {"year", "year"},
    {"价格", "price"}, {"定价", "price"}, {"单价", "price"}, {"price", "price"},
    {"条码号", "barcode"}, {"条形码", "barcode"}, {"条码", "barcode"}, {"登录号", "barcode"}, {"barcode", "barcode"},
    {"馆藏地点", "location"}, {"馆藏地", "location"}, {"馆藏位置", "location"}, {"location", "location"},
    {"版次", "edition"}, {"edition", "edition"},
    {"丛书名", "series"}, {"丛编", "series"}, {"series", "series"},
    {"主题词", "subjects"}, {"subjects", "subjects"},
    {"页数", "pages"}, {"页码", "pages"}, {"pages", "pages"},
    {"语种", "language"}, {"language", "language"},
    {"摘要", "summary"}, {"提要", "summary"}, {"summary", "summary"},
    {"控制号", "control_number"}, {"记录号", "control_number"}, {"control_number", "control_number"},
    {"复本号", "copy_number"}, {"册次", "copy_number"}, {"copy_number", "copy_number"},
    {"状态", "status"}, {"流通状态", "status"}, {"status", "status"},
    {"入藏日期", "acquired"}, {"登录日期", "acquired"}, {"acquired", "acquired"},
    {"来源", "source"}, {"source", "source"},
};

std::string fold_header(std::string_view h) {
    std::string s(h);
    if (s.rfind("\xEF\xBB\xBF", 0) == 0) s.erase(0, 3);
    std::string out;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

std::string trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

// Prices as written in Chinese exports: "25.00", "¥25", "CNY25.00", "25元", "25.00元".
std::optional<double> parse_csv_price(std::string_view text) {
    std::string s = trim(text);
    if (s.rfind("CNY", 0) == 0 || s.rfind("cny", 0) == 0) s.erase(0, 3);
    if (s.rfind("\xC2\xA5", 0) == 0) s.erase(0, 2);          // ¥
    if (s.rfind("\xEF\xBF\xA5", 0) == 0) s.erase(0, 3);      // ￥
    if (s.size() >= 3 && s.compare(s.size() - 3, 3, "\xE5\x85\x83") == 0) s.erase(s.size() - 3);  // 元
    s = trim(s);
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || v < 0 || v > 1e7) return std::nullopt;
    return v;
}

// Status words of the school library systems schools migrate from (their exports and manuals).
const std::vector<StatusWord> kStatusWords = {
    {"在架", ItemStatus::Available},       {"在馆", ItemStatus::Available},      {"可借", ItemStatus::Available},
    {"正常", ItemStatus::Available},       {"在库", ItemStatus::Available},      {"借出", ItemStatus::OnLoan},
    {"已借出", ItemStatus::OnLoan},        {"外借", ItemStatus::OnLoan},         {"遗失", ItemStatus::Lost},
    {"丢失", ItemStatus::Lost},            {"已丢失", ItemStatus::Lost},         {"剔除", ItemStatus::Withdrawn},
    {"已剔除", ItemStatus::Withdrawn},     {"注销", ItemStatus::Withdrawn},      {"报废", ItemStatus::Withdrawn},
    {"修补", ItemStatus::Damaged},         {"修补中", ItemStatus::Damaged},      {"待修", ItemStatus::Damaged},
    {"损坏", ItemStatus::Damaged},         {"破损", ItemStatus::Damaged},        {"在途", ItemStatus::InTransit},
    {"调拨中", ItemStatus::InTransit},     {"编目中", ItemStatus::InProcessing}, {"加工中", ItemStatus::InProcessing},
    {"验收", ItemStatus::InProcessing},    {"新书", ItemStatus::InProcessing},
};

// The ISBN cell of a row: a valid ISBN normalised; a wrong check digit or a cell that is no ISBN
// kept out of the normalised form with a warning, never dropping the row and its copy.
void add_isbn(const std::string& cell, BibRecord& rec, const std::function<void(const std::string&)>& warn) {
    if (auto n = isbn_normalize(cell)) {
        rec.isbns.push_back(*n);
        return;
    }
    auto bare = isbn_strip(cell);
    if (!bare) {
        warn(trf("catalog.csv.isbn_not_isbn", {cell}));
        return;
    }
    const bool ten = bare->size() == 10;
    const char check = ten ? isbn10_check_digit(bare->substr(0, 9)) : isbn13_check_digit(bare->substr(0, 12));
    rec.isbns.push_back(*bare);
    warn(trf("catalog.csv.isbn_check_digit", {cell, std::string(1, check)}));
}

struct Row {
    std::size_t line = 0;
    std::vector<std::string> cells;
};

// RFC 4180 with the usual tolerances: CRLF or LF, quotes doubled inside quoted cells.
std::vector<Row> split_rows(std::string_view d, char delim, const std::string& file) {
    std::vector<Row> rows;
    std::size_t line = 1;
    std::size_t i = 0;
    while (i < d.size()) {
        Row row;
        row.line = line;
        std::string cell;
        bool done = false;
        while (!done) {
            if (i < d.size() && d[i] == '"') {
                std::size_t start_line = line;
                ++i;
                for (;;) {
                    if (i >= d.size())
                        throw InputError(file, "line " + std::to_string(start_line), tr("catalog.csv.unterminated_quote"));
                    if (d[i] == '"') {
                        if (i + 1 < d.size() && d[i + 1] == '"') {
                            cell += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (d[i] == '\n') ++line;
                    cell += d[i++];
                }
            }
            while (i < d.size() && d[i] != delim && d[i] != '\n') cell += d[i++];
            if (!cell.empty() && cell.back() == '\r') cell.pop_back();
            row.cells.push_back(std::move(cell));
            cell.clear();
            if (i >= d.size()) {
                done = true;
            } else if (d[i] == delim) {
                ++i;
            } else {  // '\n'
                ++i;
                ++line;
                done = true;
            }
        }
        bool blank = std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& c) { return trim(c).empty(); });
        if (!blank) rows.push_back(std::move(row));
    }
    return rows;
}

std::string csv_cell(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string format_price(double p) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", p);
    return buf;
}

}  // namespace

std::optional<std::string> convert_to_utf8(std::string_view data, const std::string& from) {
    iconv_t cd = iconv_open("UTF-8", from.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out(data.size() * 2 + 16, '\0');
    char* in = const_cast<char*>(data.data());
    std::size_t in_left = data.size();
    std::size_t out_pos = 0;
    bool ok = true;
    while (in_left > 0) {
        char* o = out.data() + out_pos;
        std::size_t out_left = out.size() - out_pos;
        std::size_t rc = iconv(cd, &in, &in_left, &o, &out_left);
        out_pos = out.size() - out_left;
        if (rc == static_cast<std::size_t>(-1)) {
            if (errno == E2BIG) {
                out.resize(out.size() * 2);
                continue;
            }
            ok = false;
            break;
        }
    }
    iconv_close(cd);
    if (!ok) return std::nullopt;
    out.resize(out_pos);
    return out;
}

const std::vector<StatusWord>& csv_status_words() { return kStatusWords; }

std::optional<ItemStatus> csv_status(std::string_view cell) {
    const std::string w = trim(cell);
    for (const auto& sw : kStatusWords)
        if (w == sw.word) return sw.status;
    return parse_item_status(w);
}

std::optional<std::string> csv_field_for_header(std::string_view header) {
    std::string h = fold_header(header);
    for (const auto& a : kAliases)
        if (h == a.header) return std::string(a.field);
    return std::nullopt;
}

CsvImport parse_catalog_csv(std::string_view raw, const std::string& file, const CsvOptions& opt) {
    std::string text;
    std::string enc = fold_header(opt.encoding);
    if (enc.empty() || enc == "auto" || enc == "utf-8" || enc == "utf8") {
        if (is_valid_utf8(raw)) {
            text = std::string(raw);
        } else if (enc == "utf-8" || enc == "utf8") {
            throw InputError(file, "", tr("catalog.csv.not_utf8"));
        } else if (auto t = convert_to_utf8(raw, "GB18030")) {
            text = std::move(*t);
        } else {
            throw InputError(file, "", tr("catalog.csv.bad_encoding"));
        }
    } else {
        std::string from = enc == "gbk" ? "GBK" : enc == "gb2312" ? "GB2312" : enc == "gb18030" ? "GB18030" : opt.encoding;
        auto t = convert_to_utf8(raw, from);
        if (!t) throw InputError(file, "", trf("catalog.csv.cannot_decode", {opt.encoding}));
        text = std::move(*t);
    }
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);

    char delim = opt.delimiter;
    if (delim == 0) {
        std::string first = text.substr(0, text.find('\n'));
        auto count = [&](char c) { return std::count(first.begin(), first.end(), c); };
        delim = ',';
        if (count('\t') > count(delim)) delim = '\t';
        if (count(';') > count(delim)) delim = ';';
    }
    auto rows = split_rows(text, delim, file);
    CsvImport out;
    if (rows.empty()) throw InputError(file, "line 1", tr("catalog.csv.no_header"));

    // Header -> field index.
    std::vector<std::string> field_of;
    for (const auto& h : rows[0].cells) {
        std::string f;
        auto it = opt.columns.find(trim(h));
        if (it != opt.columns.end()) f = it->second;
        else if (auto m = csv_field_for_header(h)) f = *m;
        if (f.empty() && !trim(h).empty()) out.ignored_columns.push_back(trim(h));
        field_of.push_back(f);
    }
    out.fields = field_of;
    if (std::find(field_of.begin(), field_of.end(), "title") == field_of.end())
        throw InputError(file, "line 1", tr("catalog.csv.no_title_column"));

    std::unordered_map<std::string, std::size_t> entry_of;
    std::unordered_map<std::string, std::size_t> barcode_line;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const Row& row = rows[r];
        ++out.rows;
        std::string where = "line " + std::to_string(row.line);
        auto bad = [&](const std::string& msg) {
            InputError e(file, where, msg);
            if (opt.strict) throw e;
            out.errors.push_back(std::move(e));
        };
        if (row.cells.size() != field_of.size()) {
            bad(trf("catalog.csv.column_count", {std::to_string(row.cells.size()), std::to_string(field_of.size())}));
            continue;
        }
        std::map<std::string, std::string> v;
        for (std::size_t c = 0; c < field_of.size(); ++c)
            if (!field_of[c].empty()) v[field_of[c]] = trim(row.cells[c]);

        BibRecord rec;
        Item item;
        rec.title = v["title"];
        if (rec.title.empty()) {
            bad(tr("catalog.csv.no_title"));
            continue;
        }
        rec.other_title = v["other_title"];
        rec.responsibility = v["responsibility"];
        rec.publisher = v["publisher"];
        rec.place = v["place"];
        rec.year = v["year"];
        rec.edition = v["edition"];
        rec.series = v["series"];
        rec.language = v["language"].empty() ? "chi" : v["language"];
        rec.summary = v["summary"];
        rec.control_number = v["control_number"];
        if (!v["subjects"].empty()) {
            std::string s = v["subjects"];
            // Full-width semicolons and 、 separate subjects too.
            for (const char* sep : {"\xEF\xBC\x9B", "\xE3\x80\x81"})
                for (auto p = s.find(sep); p != std::string::npos; p = s.find(sep)) s.replace(p, 3, ";");
            std::size_t b = 0;
            for (;;) {
                auto e = s.find(';', b);
                std::string part = trim(s.substr(b, e == std::string::npos ? std::string::npos : e - b));
                if (!part.empty()) rec.subjects.push_back(part);
                if (e == std::string::npos) break;
                b = e + 1;
            }
        }
        auto warn = [&](const std::string& msg) { out.warnings.emplace_back(file, where, msg); };
        if (!v["isbn"].empty()) add_isbn(v["isbn"], rec, warn);
        if (!v["price"].empty()) {
            auto p = parse_csv_price(v["price"]);
            if (!p) {
                bad(trf("catalog.csv.bad_price", {v["price"]}));
                continue;
            }
            rec.price = p;
            item.price = p;
        }
        if (!v["pages"].empty()) {
            char* end = nullptr;
            long p = std::strtol(v["pages"].c_str(), &end, 10);
            if (p > 0 && p < 100000) rec.pages = static_cast<int>(p);
        }
        if (!v["call_number"].empty()) {
            std::string key;
            auto cn = parse_call_number(v["call_number"], &key);
            if (!cn) {
                bad(trf("catalog.csv.bad_call_number", {v["call_number"], tr(key)}));
                continue;
            }
            rec.call_number = cn->text;
            rec.clc_class = cn->class_number;
        }
        if (!v["clc_class"].empty()) {
            if (clc_top_class(v["clc_class"]).empty()) {
                bad(trf("catalog.csv.bad_class", {v["clc_class"]}));
                continue;
            }
            rec.clc_class = v["clc_class"];
        }
        item.barcode = v["barcode"];
        if (!item.barcode.empty()) {
            auto [it, fresh] = barcode_line.emplace(item.barcode, row.line);
            if (!fresh) {
                bad(trf("catalog.csv.duplicate_barcode", {item.barcode, std::to_string(it->second)}));
                continue;
            }
        }
        if (!v["status"].empty()) {
            auto s = csv_status(v["status"]);
            if (!s) {
                bad(trf("catalog.csv.bad_status", {v["status"]}));
                continue;
            }
            item.status = *s;
            // A catalogue file carries no loans: a copy it marks on loan has no borrower or due
            // date behind it here, and circulation could never check it in.
            if (item.status == ItemStatus::OnLoan) {
                item.status = ItemStatus::Available;
                warn(trf("catalog.csv.on_loan_without_loan", {item.barcode.empty() ? "-" : item.barcode, v["status"]}));
            }
        }
        if (!v["copy_number"].empty()) {
            char* end = nullptr;
            long c = std::strtol(v["copy_number"].c_str(), &end, 10);
            if (*end != '\0' || c < 1 || c > 100000) {
                bad(trf("catalog.csv.bad_copy", {v["copy_number"]}));
                continue;
            }
            item.copy_number = static_cast<int>(c);
        }
        item.location = v["location"];
        item.acquired = v["acquired"];
        item.source = v["source"];
        item.call_number = rec.call_number;

        std::string key = dedupe_key(rec);
        auto [eit, fresh] = entry_of.emplace(key, out.entries.size());
        if (fresh) {
            rec.marc = synthesize_cnmarc(rec);
            out.entries.push_back({std::move(rec), {}, {}});
        }
        auto& entry = out.entries[eit->second];
        if (!item.barcode.empty()) {
            out.barcode_lines[item.barcode] = row.line;
            if (v["copy_number"].empty()) item.copy_number = static_cast<int>(entry.items.size()) + 1;
            entry.items.push_back(std::move(item));
        }
    }
    return out;
}

MarcRecord synthesize_cnmarc(const BibRecord& r) { return to_marc(r, MarcFlavor::Cnmarc); }

std::string catalog_csv_header() {
    return "控制号,题名,责任者,ISBN,索书号,分类号,出版社,出版地,出版年,价格,页数,丛书名,主题词,条码号,复本号,状态,馆藏地点,入藏日期,来源\n";
}

std::string catalog_csv_rows(const BibRecord& r, const std::vector<Item>& items) {
    std::string subjects;
    for (std::size_t k = 0; k < r.subjects.size(); ++k) subjects += (k ? ";" : "") + r.subjects[k];
    std::string head = csv_cell(r.control_number) + "," + csv_cell(r.title) + "," + csv_cell(r.responsibility) + "," +
                       csv_cell(r.isbns.empty() ? "" : r.isbns.front()) + "," + csv_cell(r.call_number) + "," +
                       csv_cell(r.clc_class) + "," + csv_cell(r.publisher) + "," + csv_cell(r.place) + "," +
                       csv_cell(r.year) + ",";
    std::string out;
    auto tail = [&](const std::string& price) {
        return price + "," + (r.pages ? std::to_string(*r.pages) : "") + "," + csv_cell(r.series) + "," +
               csv_cell(subjects) + ",";
    };
    if (items.empty()) return head + tail(r.price ? format_price(*r.price) : "") + ",,,,,\n";
    for (const auto& it : items) {
        auto price = it.price ? it.price : r.price;
        out += head + tail(price ? format_price(*price) : "") + csv_cell(it.barcode) + "," +
               std::to_string(it.copy_number) + "," + to_string(it.status) + "," + csv_cell(it.location) + "," +
               csv_cell(it.acquired) + "," + csv_cell(it.source) + "\n";
    }
    return out;
}

}  // namespace shuxiang::catalog
