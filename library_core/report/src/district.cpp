#include "shuxiang/report/district.hpp"

#include <algorithm>
#include <array>
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
    if (!p.school_code.empty()) j["school_code"] = p.school_code;
    if (!p.county.empty()) j["county"] = p.county;
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
    for (auto [key, field] : {std::pair{"generated", &p.generated}, std::pair{"school_code", &p.school_code},
                              std::pair{"county", &p.county}}) {
        if (!j.contains(key)) continue;
        if (!j[key].is_string()) throw InputError(file, std::string("/") + key, tr("common.json.expected_string"));
        *field = j[key].get<std::string>();
    }
    return p;
}

Proposal load_proposal(const std::filesystem::path& path) {
    return proposal_from_json_text(read_file(path), path.string());
}

std::string Reason::in(Language lang) const { return key.empty() ? text : trv_in(lang, key, args); }

namespace {

std::string duplicate_key(const Proposal& p) {
    if (!p.school_code.empty()) return "code:" + p.school_code;
    return "name:" + p.plan.school.name + "|" + p.plan.school.region;
}

// Whether `a` is newer than `b` (see summarize_district).
bool newer(const ProposalFile& a, const ProposalFile& b) {
    int ya = a.proposal->holdings ? a.proposal->holdings->year : 0;
    int yb = b.proposal->holdings ? b.proposal->holdings->year : 0;
    if (ya != yb) return ya > yb;
    if (a.proposal->generated != b.proposal->generated) return a.proposal->generated > b.proposal->generated;
    if (a.mtime != b.mtime) return a.mtime > b.mtime;
    return a.file > b.file;
}

// Index of the file kept for each school; the others go to `ignored`.
std::vector<std::size_t> keep_newest(const std::vector<ProposalFile>& files, std::vector<IgnoredFile>& ignored) {
    std::map<std::string, std::size_t> best;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (!files[i].proposal) continue;
        auto [it, fresh] = best.emplace(duplicate_key(*files[i].proposal), i);
        if (!fresh && newer(files[i], files[it->second])) it->second = i;
    }
    std::vector<std::size_t> keep;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (!files[i].proposal) {
            keep.push_back(i);
            continue;
        }
        std::size_t winner = best.at(duplicate_key(*files[i].proposal));
        if (winner == i) keep.push_back(i);
        else ignored.push_back({files[i].file, {"district.reason.duplicate", {files[winner].file}, {}}});
    }
    return keep;
}

DistrictRow invalid_row(const ProposalFile& f, Reason why) {
    DistrictRow row;
    row.file = f.file;
    row.school = f.proposal ? f.proposal->plan.school.name : f.file;
    if (f.proposal) {
        row.code = f.proposal->school_code;
        row.county = f.proposal->county;
        row.type = plan::to_string(f.proposal->plan.school.type);
    }
    row.valid = false;
    row.invalid_reason = std::move(why);
    return row;
}

// Whether the checks meet the profile's 达标 rule: every required check it names passes (or is
// within the warning band when the profile lets 接近 count).
bool meets_book_standard(const standards::Checklist& cl, const standards::Policy& policy) {
    int counted = 0;
    for (auto& c : cl.checks) {
        if (c.recommended || !policy.in_book_standard(c.id, c.group)) continue;
        ++counted;
        bool ok = c.status == Status::Pass || (policy.warning_meets && c.status == Status::Warning);
        if (!ok) return false;
    }
    return counted > 0;
}

DistrictRow assessed_row(const ProposalFile& f, const standards::RuleSet& rules, const plan::FurnitureCatalog& catalog,
                         const standards::Rubric& rubric, int review_year) {
    const Proposal& prop = *f.proposal;
    DistrictRow row = invalid_row(f, {});
    row.valid = true;
    row.students = prop.plan.school.students.total();
    const standards::HoldingsSummary* h = prop.holdings ? &*prop.holdings : nullptr;
    row.checklist = standards::check_all(prop.plan, plan::with_plan_types(catalog, prop.plan), h, rules);
    const auto& cl = row.checklist;
    row.pass = cl.count(Status::Pass);
    row.warning = cl.count(Status::Warning);
    row.fail = cl.count(Status::Fail);
    row.not_assessable = cl.count(Status::NotAssessable);
    for (auto& c : cl.checks)
        if (c.status == Status::Fail && !c.recommended) row.failing.push_back(c.id);
    row.meets_book_standard = meets_book_standard(cl, rules.policy());
    if (h) {
        row.books_per_student = double(h->books) / row.students;
        row.statistics_year = h->year;
        row.stale_year = review_year > 0 && h->year < review_year;
        row.synthetic = h->synthetic;
    }
    row.required_books_per_student = standards::required_books(prop.plan.school, rules).value / row.students;
    row.score_detail = standards::score(cl, rubric);
    row.score = row.score_detail.percent;
    row.profile_zh = rules.name_zh();
    row.profile_en = rules.name_en();
    return row;
}

}  // namespace

DistrictSummary summarize_district(const std::vector<ProposalFile>& files, const plan::FurnitureCatalog& catalog,
                                   const std::string& profile_dir, const std::string& profile_id,
                                   const standards::Rubric& rubric, int review_year) {
    DistrictSummary out;
    out.review_year = review_year;
    bool first_profile = true;
    for (std::size_t i : keep_newest(files, out.ignored)) {
        const ProposalFile& f = files[i];
        DistrictRow row;
        if (!f.proposal) {
            row = invalid_row(f, f.error);
        } else if (f.proposal->plan.school.students.total() <= 0) {
            row = invalid_row(f, {"district.reason.no_students", {}, {}});
        } else {
            // The bureau re-runs the checks with its own profile rather than trusting the school's report.
            auto rules = profile_id.empty() ? standards::RuleSet::for_region(profile_dir, f.proposal->plan.school.region)
                                            : standards::RuleSet::load(profile_dir, profile_id);
            out.target = rules.value("district.target_share_compliant", 90);
            if (first_profile) {
                out.warning_meets = rules.policy().warning_meets;
                out.book_standard_checks = rules.policy().book_standard_checks;
                first_profile = false;
            }
            row = assessed_row(f, rules, catalog, rubric, review_year);
        }
        row.input = i;
        out.meeting += row.meets_book_standard;
        out.rows.push_back(std::move(row));
    }
    std::stable_sort(out.rows.begin(), out.rows.end(), [](const DistrictRow& a, const DistrictRow& b) {
        if (a.valid != b.valid) return !a.valid;
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

namespace {
std::string joined(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (auto& i : items) out += (out.empty() ? "" : sep) + i;
    return out;
}

std::string year_text(const DistrictRow& r) { return r.statistics_year > 0 ? std::to_string(r.statistics_year) : ""; }
}  // namespace

std::string district_csv(const DistrictSummary& s) {
    std::ostringstream o;
    // Chinese headers: the bureau opens this in a spreadsheet. UTF-8 with a BOM so Excel reads it.
    o << "\xEF\xBB\xBF" << "学校,学校代码,县市区,类型,在校生,统计年度,统计年度早于评审年度,合成数据,有效,原因,达标,接近,"
      << "不达标,无法评估,达到图书标准,生均藏书,生均藏书要求,评分,不达标项,不达标项编号,报告,文件\n";
    for (auto& r : s.rows) {
        std::vector<std::string> names;
        for (auto& f : r.failing) names.push_back(tr_in(Language::ZhCN, "check." + f));
        std::string type = r.type.empty() ? std::string() : tr_in(Language::ZhCN, "plan.school_type." + r.type);
        o << csv_field(r.school) << "," << csv_field(r.code) << "," << csv_field(r.county) << "," << csv_field(type)
          << "," << r.students << "," << year_text(r) << "," << (r.stale_year ? "是" : "否") << ","
          << (r.synthetic ? "是" : "否") << "," << (r.valid ? "是" : "否") << ","
          << csv_field(r.valid ? std::string() : r.invalid_reason.in(Language::ZhCN)) << "," << r.pass << ","
          << r.warning << "," << r.fail << "," << r.not_assessable << "," << (r.meets_book_standard ? "是" : "否")
          << "," << num(r.books_per_student, 1) << "," << num(r.required_books_per_student, 1) << ","
          << num(r.score, 1) << "," << csv_field(joined(names, ";")) << "," << csv_field(joined(r.failing, ";"))
          << "," << csv_field(r.report) << "," << csv_field(r.file) << "\n";
    }
    return o.str();
}

namespace {
std::string reason_html(const Reason& r) {
    return r.key.empty() ? html_escape(r.text) : html::bi_text(r.in(Language::ZhCN), r.in(Language::En));
}

std::string rule_html(const DistrictSummary& s) {
    // Each entry by name: the collection prefix as words, a check by its title, another prefix as "…*".
    std::string checks;
    for (auto& k : s.book_standard_checks) {
        if (!checks.empty()) checks += "、";
        if (k == "collection.") checks += bi("district.rule.all_collection");
        else if (!k.empty() && k.back() == '.') checks += html_escape(k + "*");
        else checks += bi("check." + k);
    }
    if (checks.empty()) checks = bi("district.rule.all_collection");
    return "<p class=\"source\" id=\"meeting-rule\">" + bi("district.rule") + " " + checks + " · " +
           bi(s.warning_meets ? "district.rule.warning_meets" : "district.rule.strict") + "</p>\n";
}

// The share meeting the standard against the target, overall and by county when proposals carry one.
std::string share_chart(const DistrictSummary& s) {
    std::vector<html::Bar> bars;
    auto bar = [&](const std::string& zh, const std::string& en, int meeting, int total) {
        double share = total > 0 ? 100.0 * meeting / total : 0;
        std::string text = num(share, 1) + " % (" + std::to_string(meeting) + "/" + std::to_string(total) + ")";
        bars.push_back({zh, en, share, s.target, text, share >= s.target});
    };
    bar(tr_in(Language::ZhCN, "district.chart.all"), tr_in(Language::En, "district.chart.all"), s.meeting, int(s.rows.size()));
    std::map<std::string, std::pair<int, int>> counties;
    for (auto& r : s.rows)
        if (!r.county.empty()) {
            counties[r.county].first += r.meets_book_standard ? 1 : 0;
            counties[r.county].second += 1;
        }
    for (auto& [name, c] : counties) bar(name, name, c.first, c.second);
    return html::bar_chart(bars, "chart-share");
}

// How many schools score in each band of 10 points (valid proposals only).
std::string score_chart(const DistrictSummary& s) {
    std::array<int, 10> bins{};
    for (auto& r : s.rows)
        if (r.valid) ++bins[std::clamp(int(r.score / 10), 0, 9)];
    std::vector<html::Bar> bars;
    for (int i = 9; i >= 0; --i) {
        std::string band = std::to_string(i * 10) + "–" + std::to_string(i * 10 + 10);
        bars.push_back({band + " 分", band + " points", double(bins[i]), 0,
                        trf_in(Language::ZhCN, "district.chart.schools", {std::to_string(bins[i])}), true,
                        trf_in(Language::En, bins[i] == 1 ? "district.chart.school" : "district.chart.schools",
                               {std::to_string(bins[i])})});
    }
    return html::bar_chart(bars, "chart-scores");
}

std::string row_html(const DistrictRow& r, int n) {
    std::ostringstream o;
    o << "<tr data-meets=\"" << (r.meets_book_standard ? "yes" : "no") << "\" data-valid=\""
      << (r.valid ? "yes" : "no") << "\"><td>" << n << "</td><td>";
    if (!r.report.empty()) o << "<a href=\"" << html_escape(r.report) << "\">" << html_escape(r.school) << "</a>";
    else o << html_escape(r.school);
    o << "<div class=\"source\">";
    if (!r.type.empty()) o << bi("plan.school_type." + r.type);
    if (!r.code.empty()) o << " · " << html_escape(r.code);
    o << "</div></td><td class=\"num\">" << html::grouped(r.students) << "</td><td class=\"num year\">" << year_text(r);
    if (r.stale_year) o << " <span class=\"pill warning\">" << bi("district.stale_year") << "</span>";
    if (r.synthetic) o << " <span class=\"pill warning synthetic-flag\">" << bi("district.synthetic") << "</span>";
    o << "</td><td class=\"num\">" << num(r.books_per_student, 1) << " / " << num(r.required_books_per_student, 1)
      << "</td><td>" << html::status_pill(r.meets_book_standard ? Status::Pass : Status::Fail) << "</td><td class=\"num\">"
      << r.fail << "</td><td class=\"num\">" << r.warning << "</td><td class=\"num\">" << num(r.score, 1)
      << "</td><td class=\"advice\">";
    if (!r.valid) o << "<b>" << bi("district.invalid") << "</b> " << reason_html(r.invalid_reason);
    for (size_t i = 0; i < r.failing.size(); ++i) o << (i ? "; " : "") << bi("check." + r.failing[i]);
    o << "</td></tr>\n";
    return o.str();
}
}  // namespace

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
    o << rule_html(s);
    o << "<h2>" << bi("district.chart.share_title") << "</h2>\n" << share_chart(s);
    o << "<h2>" << bi("district.chart.score_title") << "</h2>\n" << score_chart(s);
    o << "<table id=\"district\"><thead><tr><th>#</th><th>" << bi("district.col.school") << "</th><th>"
      << bi("district.col.students") << "</th><th>" << bi("district.col.year") << "</th><th>"
      << bi("district.col.books") << "</th><th>" << bi("district.col.meets") << "</th><th>" << bi("status.fail")
      << "</th><th>" << bi("status.warning") << "</th><th>" << bi("district.col.score") << "</th><th>"
      << bi("district.col.failing") << "</th></tr></thead><tbody>\n";
    int n = 0;
    for (auto& r : s.rows) o << row_html(r, ++n);
    o << "</tbody></table>\n";
    if (!s.ignored.empty()) {
        o << "<h2>" << bi("district.ignored") << "</h2><ul id=\"ignored\">";
        for (auto& e : s.ignored) o << "<li>" << html_escape(e.file) << ": " << reason_html(e.reason) << "</li>";
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
