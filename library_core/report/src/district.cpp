#include "shuxiang/report/district.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "html.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::report {

using html::bi;
using html::num;
using nlohmann::ordered_json;
using standards::Status;

std::string proposal_to_json_text(const Proposal& p) {
    ordered_json j;
    j["schema_version"] = 1;
    j["kind"] = "shuxiang-proposal";
    j["generated"] = p.generated;
    j["plan"] = ordered_json::parse(plan::plan_to_json_text(p.plan));
    if (p.holdings) j["holdings"] = ordered_json::parse(standards::holdings_to_json_text(*p.holdings));
    j["report"] = p.report;
    return j.dump(2) + "\n";
}

Proposal proposal_from_json_text(const std::string& text, const std::string& file) {
    ordered_json j;
    try {
        j = ordered_json::parse(text);
    } catch (const ordered_json::parse_error& e) {
        throw InputError(file, "byte " + std::to_string(e.byte), tr("common.json.invalid"));
    }
    if (!j.is_object() || j.value("kind", "") != "shuxiang-proposal")
        throw InputError(file, "/kind", tr("report.proposal.not_proposal"));
    if (!j.contains("schema_version") || !j["schema_version"].is_number_integer())
        throw InputError(file, "/schema_version", tr("common.json.expected_integer"));
    if (int v = j["schema_version"].get<int>(); v > 1)
        throw InputError(file, "/schema_version", trf("common.json.newer_schema", {std::to_string(v), "1"}));
    if (!j.contains("plan") || !j["plan"].is_object()) throw InputError(file, "/plan", tr("report.proposal.no_plan"));
    Proposal p;
    try {
        p.plan = plan::plan_from_json_text(j["plan"].dump(), file);
    } catch (const InputError& e) {
        throw InputError(file, "/plan" + e.where(), e.message());
    }
    if (j.contains("holdings")) {
        try {
            p.holdings = standards::holdings_from_json_text(j["holdings"].dump(), file);
        } catch (const InputError& e) {
            throw InputError(file, "/holdings" + e.where(), e.message());
        }
    }
    if (j.contains("report")) p.report = j["report"];
    p.generated = j.value("generated", "");
    return p;
}

Proposal load_proposal(const std::filesystem::path& path) {
    return proposal_from_json_text(read_file(path), path.string());
}

DistrictSummary summarize_district(const std::vector<std::pair<std::string, Proposal>>& proposals,
                                   const plan::FurnitureCatalog& catalog, const std::string& profile_dir,
                                   const std::string& profile_id, const standards::Rubric& rubric) {
    DistrictSummary out;
    for (auto& [file, prop] : proposals) {
        // The bureau re-runs the checks with its own profile rather than trusting the school's report.
        auto rules = profile_id.empty() ? standards::RuleSet::for_region(profile_dir, prop.plan.school.region)
                                        : standards::RuleSet::load(profile_dir, profile_id);
        out.target = rules.value("district.target_share_compliant", 90);
        const standards::HoldingsSummary* h = prop.holdings ? &*prop.holdings : nullptr;
        auto cl = standards::check_all(prop.plan, plan::with_plan_types(catalog, prop.plan), h, rules);
        DistrictRow row;
        row.file = file;
        row.school = prop.plan.school.name;
        row.type = plan::to_string(prop.plan.school.type);
        row.students = prop.plan.school.students.total();
        row.pass = cl.count(Status::Pass);
        row.warning = cl.count(Status::Warning);
        row.fail = cl.count(Status::Fail);
        row.not_assessable = cl.count(Status::NotAssessable);
        bool collection_fail = false, collection_assessed = false;
        for (auto& c : cl.checks) {
            if (c.status == Status::Fail) row.failing.push_back(c.id);
            if (c.group == "collection") {
                collection_fail |= c.status == Status::Fail;
                collection_assessed |= c.status != Status::NotAssessable;
            }
        }
        row.meets_book_standard = collection_assessed && !collection_fail;
        if (row.students > 0) {
            if (h) row.books_per_student = double(h->books) / row.students;
            row.required_books_per_student = standards::required_books(prop.plan.school, rules).value / row.students;
        }
        row.score = standards::score(cl, rubric).percent;
        out.meeting += row.meets_book_standard;
        out.rows.push_back(std::move(row));
    }
    std::stable_sort(out.rows.begin(), out.rows.end(), [](const DistrictRow& a, const DistrictRow& b) {
        if (a.meets_book_standard != b.meets_book_standard) return !a.meets_book_standard;
        if (a.fail != b.fail) return a.fail > b.fail;
        double ra = a.required_books_per_student > 0 ? a.books_per_student / a.required_books_per_student : 0;
        double rb = b.required_books_per_student > 0 ? b.books_per_student / b.required_books_per_student : 0;
        return ra < rb;
    });
    out.share_meeting = out.rows.empty() ? 0 : 100.0 * out.meeting / double(out.rows.size());
    return out;
}

namespace {
std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}
}  // namespace

std::string district_csv(const DistrictSummary& s) {
    std::ostringstream o;
    // Chinese headers: the bureau opens this in a spreadsheet. UTF-8 with a BOM so Excel reads it.
    o << "\xEF\xBB\xBF" << "学校,类型,在校生,达标,接近,不达标,无法评估,达到图书标准,生均藏书,生均藏书要求,评分,不达标项,文件\n";
    for (auto& r : s.rows) {
        std::string failing;
        for (auto& f : r.failing) failing += (failing.empty() ? "" : ";") + f;
        o << csv_field(r.school) << "," << csv_field(tr_in(Language::ZhCN, "plan.school_type." + r.type)) << ","
          << r.students << "," << r.pass << "," << r.warning << "," << r.fail << "," << r.not_assessable << ","
          << (r.meets_book_standard ? "是" : "否") << "," << num(r.books_per_student, 1) << ","
          << num(r.required_books_per_student, 1) << "," << num(r.score, 1) << "," << csv_field(failing) << ","
          << csv_field(r.file) << "\n";
    }
    return o.str();
}

std::string district_html(const DistrictSummary& s, const std::string& generated) {
    std::ostringstream o;
    o << html::page_begin(tr_in(Language::ZhCN, "district.title"));
    o << "<h1>" << bi("district.title") << "</h1>\n<div class=\"meta\">" << bi("report.generated") << " "
      << html_escape(generated) << "</div>\n";
    const bool on_target = s.share_meeting >= s.target;
    o << "<div class=\"summary\"><div class=\"" << (on_target ? "s-pass" : "s-fail") << "\"><b id=\"share-meeting\">"
      << num(s.share_meeting, 1) << " %</b>" << bi("district.share_meeting") << "</div><div class=\"s-na\"><b>"
      << num(s.target, 0) << " %</b>" << bi("district.target") << "</div><div class=\"s-pass\"><b id=\"meeting\">"
      << s.meeting << " / " << s.rows.size() << "</b>" << bi("district.schools_meeting") << "</div></div>\n";
    o << "<table id=\"district\"><thead><tr><th>#</th><th>" << bi("district.col.school") << "</th><th>"
      << bi("district.col.students") << "</th><th>" << bi("district.col.books") << "</th><th>"
      << bi("district.col.meets") << "</th><th>" << bi("status.fail") << "</th><th>" << bi("status.warning")
      << "</th><th>" << bi("district.col.score") << "</th><th>" << bi("district.col.failing") << "</th></tr></thead><tbody>\n";
    int n = 0;
    for (auto& r : s.rows) {
        o << "<tr data-meets=\"" << (r.meets_book_standard ? "yes" : "no") << "\"><td>" << ++n << "</td><td>"
          << html_escape(r.school) << "<div class=\"source\">" << bi("plan.school_type." + r.type) << "</div></td><td class=\"num\">"
          << r.students << "</td><td class=\"num\">" << num(r.books_per_student, 1) << " / "
          << num(r.required_books_per_student, 1) << "</td><td>"
          << html::status_pill(r.meets_book_standard ? Status::Pass : Status::Fail) << "</td><td class=\"num\">"
          << r.fail << "</td><td class=\"num\">" << r.warning << "</td><td class=\"num\">" << num(r.score, 1)
          << "</td><td class=\"advice\">";
        for (size_t i = 0; i < r.failing.size(); ++i)
            o << (i ? "; " : "") << bi("check." + r.failing[i]);
        o << "</td></tr>\n";
    }
    o << "</tbody></table>\n";
    if (!s.errors.empty()) {
        o << "<h2>" << bi("district.errors") << "</h2><ul>";
        for (auto& e : s.errors) o << "<li>" << html_escape(e) << "</li>";
        o << "</ul>\n";
    }
    o << html::page_end();
    return o.str();
}

std::string compare_html(const std::vector<std::string>& names, const std::vector<const plan::Plan*>& plans,
                         const std::vector<standards::Checklist>& checklists, const std::string& generated) {
    std::ostringstream o;
    std::string school = plans.empty() ? std::string() : plans.front()->school.name;
    o << html::page_begin(school + " – " + tr_in(Language::ZhCN, "compare.title"));
    o << "<h1>" << html_escape(school) << "</h1>\n<div class=\"meta\">" << bi("compare.title") << " · "
      << bi("report.generated") << " " << html_escape(generated) << "</div>\n";
    o << "<div class=\"summary\">";
    for (size_t i = 0; i < names.size(); ++i)
        o << "<div class=\"s-na\"><b>" << checklists[i].count(Status::Fail) << "</b>" << html_escape(names[i]) << " · "
          << bi("status.fail") << "</div>";
    o << "</div>\n<table id=\"compare\"><thead><tr><th>" << bi("report.col.check") << "</th>";
    for (auto& n : names) o << "<th>" << html_escape(n) << "</th>";
    o << "<th>" << bi("compare.change") << "</th></tr></thead><tbody>\n";
    if (!checklists.empty()) {
        for (auto& first : checklists.front().checks) {
            o << "<tr data-check=\"" << html_escape(first.id) << "\"><td>" << bi(first.title_key) << "</td>";
            const standards::Check* last = nullptr;
            for (auto& cl : checklists) {
                const standards::Check* c = cl.find(first.id);
                last = c;
                o << "<td>";
                if (c) {
                    o << html::status_pill(c->status);
                    if (c->status != Status::NotAssessable) o << " " << num(c->measured, c->unit == "m" ? 2 : 1);
                }
                o << "</td>";
            }
            std::string change;
            if (last && last->status != first.status) {
                bool better = static_cast<int>(last->status) < static_cast<int>(first.status);
                change = bi(better ? "compare.better" : "compare.worse");
            }
            o << "<td>" << change << "</td></tr>\n";
        }
    }
    o << "</tbody></table>\n" << html::page_end();
    return o.str();
}

ordered_json compare_json(const std::vector<std::string>& names, const std::vector<standards::Checklist>& checklists) {
    ordered_json j;
    j["plans"] = names;
    auto& rows = j["checks"] = ordered_json::array();
    if (checklists.empty()) return j;
    for (auto& first : checklists.front().checks) {
        ordered_json row;
        row["id"] = first.id;
        auto& vals = row["values"] = ordered_json::array();
        for (auto& cl : checklists) {
            const standards::Check* c = cl.find(first.id);
            ordered_json v;
            if (c) {
                v["status"] = standards::to_string(c->status);
                if (c->status != Status::NotAssessable) v["measured"] = c->measured;
                v["required"] = c->required;
            }
            vals.push_back(v);
        }
        const standards::Check* last = checklists.back().find(first.id);
        row["changed"] = last && last->status != first.status;
        rows.push_back(row);
    }
    return j;
}

}  // namespace shuxiang::report
