// Reading a class roster (学号, 姓名, 年级, 班级; or 工号, 姓名 for teachers): CSV in UTF-8 or GBK.
#include <map>

#include "shuxiang/circulation/roster.hpp"

#include "internal.hpp"
#include "shuxiang/catalog/charset.hpp"
#include "shuxiang/catalog/csv.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::circulation {

namespace {

// RFC 4180 rows: quoted fields, doubled quotes, CRLF. Returns rows with their 1-based line numbers.
std::vector<std::pair<int, std::vector<std::string>>> csv_rows(std::string_view d) {
    std::vector<std::pair<int, std::vector<std::string>>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, any = false;
    int line = 1, row_line = 1;
    for (std::size_t i = 0; i < d.size(); ++i) {
        char ch = d[i];
        if (quoted) {
            if (ch == '"' && i + 1 < d.size() && d[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (ch == '"') {
                quoted = false;
            } else {
                if (ch == '\n') ++line;
                field += ch;
            }
            continue;
        }
        if (ch == '"') {
            quoted = true;
            any = true;
        } else if (ch == ',') {
            row.push_back(field);
            field.clear();
            any = true;
        } else if (ch == '\r') {
        } else if (ch == '\n') {
            if (any || !field.empty()) {
                row.push_back(field);
                rows.emplace_back(row_line, row);
            }
            row.clear();
            field.clear();
            any = false;
            row_line = ++line;
        } else {
            field += ch;
            any = true;
        }
    }
    if (any || !field.empty()) {
        row.push_back(field);
        rows.emplace_back(row_line, row);
    }
    return rows;
}

}  // namespace

ParsedRoster parse_roster(std::string_view data_in, const std::string& file_name) {
    ParsedRoster out;
    std::string data(data_in);
    if (data.substr(0, 3) == "\xEF\xBB\xBF") data.erase(0, 3);
    // Excel in a Chinese locale saves CSV as GBK.
    if (auto off = catalog::utf8_invalid_offset(data); off != std::string_view::npos) {
        auto conv = catalog::convert_to_utf8(data, "GB18030");
        if (!conv) {
            out.errors.push_back(format_place(file_name, "byte " + std::to_string(off), tr("circ.roster.encoding")));
            return out;
        }
        data = *conv;
    }
    auto rows = csv_rows(data);
        auto fail = [&](int line, const std::string& msg) {
        out.errors.push_back(format_place(file_name, "line " + std::to_string(line), msg));
    };
    if (rows.empty()) {
        fail(1, tr("circ.roster.empty"));
    } else {
        auto& header = rows[0].second;
        std::map<std::string, int> col;
        for (std::size_t i = 0; i < header.size(); ++i) col[trim(header[i])] = static_cast<int>(i);
        bool students = col.count("学号") > 0;
        bool teachers = !students && col.count("工号") > 0;
        std::vector<std::string> need = students ? std::vector<std::string>{"学号", "姓名", "班级"}
                                                 : std::vector<std::string>{"工号", "姓名"};
        if (!students && !teachers) {
            fail(rows[0].first, tr("circ.roster.no_id_column"));
        } else {
            for (auto& n : need)
                if (!col.count(n)) fail(rows[0].first, trf("circ.roster.missing_column", {n}));
        }
        if (out.errors.empty()) {
            auto get = [&](const std::vector<std::string>& r, const char* name) {
                auto i = static_cast<std::size_t>(col[name]);
                return i < r.size() ? trim(r[i]) : std::string();
            };
            std::map<std::string, int> seen;
            for (std::size_t k = 1; k < rows.size(); ++k) {
                auto& [line, r] = rows[k];
                Patron p;
                p.id = get(r, students ? "学号" : "工号");
                p.name = get(r, "姓名");
                if (p.id.empty()) {
                    fail(line, tr("circ.roster.empty_id"));
                    continue;
                }
                if (auto it = seen.find(p.id); it != seen.end()) {
                    fail(line, trf("circ.roster.duplicate", {p.id, std::to_string(it->second)}));
                    continue;
                }
                seen[p.id] = line;
                if (p.name.empty()) fail(line, tr("circ.roster.empty_name"));
                if (students) {
                    p.kind = PatronKind::Student;
                    // 班级 may hold the whole class (三年级（2）班, 3-2, 初一(3)班); 年级 then only confirms it.
                    const std::string grade_text = col.count("年级") ? get(r, "年级") : std::string();
                    const std::string class_text = get(r, "班级");
                    const int given = grade_text.empty() ? 0 : parse_grade(grade_text).value_or(0);
                    int grade = given;
                    if (auto whole = parse_class_key(class_text)) {
                        const int wg = std::stoi(whole->substr(0, whole->find('-')));
                        if (given != 0 && given != wg) {
                            fail(line, trf("circ.roster.grade_mismatch", {grade_text, class_text}));
                            continue;
                        }
                        grade = wg;
                        p.class_no = whole->substr(whole->find('-') + 1);
                    } else {
                        p.class_no = normalize_class(class_text);
                        if (!p.class_no.empty() && p.class_no.find_first_not_of("0123456789") != std::string::npos) {
                            fail(line, trf("circ.roster.bad_class", {class_text}));
                            continue;
                        }
                    }
                    if (grade == 0) {
                        fail(line, trf("circ.roster.bad_grade", {grade_text}));
                        continue;
                    }
                    p.grade = grade;
                    if (p.class_no.empty()) fail(line, tr("circ.roster.empty_class"));
                } else {
                    p.kind = PatronKind::Teacher;
                    if (col.count("类别") && get(r, "类别") == "职工") p.kind = PatronKind::Staff;
                }
                out.patrons.push_back(p);
            }
        }
    }
    return out;
}

}  // namespace shuxiang::circulation
