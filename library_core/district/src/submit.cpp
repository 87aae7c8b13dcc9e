#include "shuxiang/district/submit.hpp"

#include <algorithm>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/standards/profile.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::district {
namespace {

report::DistrictSummary summarize(const std::vector<report::ProposalFile>& files, const standards::Rubric& rubric,
                                  int year) {
    return report::summarize_district(files, plan::FurnitureCatalog::builtin(), standards::builtin_profile_dir().string(),
                                      "", rubric, year);
}

// The stored verdict fields from the bureau's row.
void take_verdict(Submission& s, const report::DistrictRow& row, const standards::Rubric& rubric) {
    s.valid = row.valid;
    s.meets = row.meets_book_standard;
    s.score = row.score;
    s.excellent = row.valid && row.score >= rubric.threshold;
    s.books_per_student = row.books_per_student;
    s.required_books_per_student = row.required_books_per_student;
    s.pass = row.pass;
    s.warning = row.warning;
    s.fail = row.fail;
    s.failing = row.failing;
    s.invalid_reason = row.valid ? "" : row.invalid_reason.in(Language::ZhCN);
}

}  // namespace

bool valid_school_code(std::string_view code) {
    if (code.empty() || code.size() > 64) return false;
    return std::all_of(code.begin(), code.end(), [](char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' ||
               ch == '.' || ch == '-';
    });
}

void check_school_code(std::string_view code, const std::string& file, const std::string& place) {
    if (code.empty()) throw InputError(file, place, tr("district.error.no_school_code"));
    if (!valid_school_code(code)) throw InputError(file, place, trf("district.error.bad_school_code", {std::string(code)}));
}

int proposal_year(const report::Proposal& p, int fallback) {
    if (p.generated.size() >= 4 && std::isdigit(static_cast<unsigned char>(p.generated[0])))
        return std::stoi(p.generated.substr(0, 4));
    return fallback;
}

Submission assess(const report::Proposal& p, const std::string& file, const std::string& text,
                  const standards::Rubric& rubric, int year) {
    check_school_code(p.school_code, file, "/school_code");
    std::vector<report::ProposalFile> files(1);
    files[0].file = file;
    files[0].proposal = p;
    auto summary = summarize(files, rubric, year);
    Submission s;
    s.school = p.school_code;
    s.name = p.plan.school.name;
    s.county = p.county;
    s.file = file;
    s.year = year;
    s.proposal_json = text;
    take_verdict(s, summary.rows.at(0), rubric);
    return s;
}

Submission submit_file(DistrictStore& d, const std::filesystem::path& file, const standards::Rubric& rubric,
                       int fallback_year) {
    const std::string text = read_file(file);
    const std::string name = file.filename().string();
    auto p = report::proposal_from_json_text(text, file.string());
    auto s = assess(p, name, text, rubric, proposal_year(p, fallback_year));
    d.put_submission(s);
    return s;
}

std::string submission_report_html(const Submission& s, const standards::Rubric& rubric) {
    std::vector<report::ProposalFile> files(1);
    files[0].file = s.file;
    files[0].proposal = report::proposal_from_json_text(s.proposal_json, s.file);
    auto summary = summarize(files, rubric, s.year);
    const auto& row = summary.rows.at(0);
    const auto& prop = *files[0].proposal;
    if (!row.valid) throw InputError(s.file, "", row.invalid_reason.in(language()));
    const auto catalog = plan::with_plan_types(plan::FurnitureCatalog::builtin(), prop.plan);
    const auto rules = standards::RuleSet::for_region(standards::builtin_profile_dir(), prop.plan.school.region);
    report::ReportInput in{&prop.plan, &catalog, &row.checklist, prop.holdings ? &*prop.holdings : nullptr,
                           row.profile_zh, row.profile_en, std::nullopt, prop.generated, &row.score_detail,
                           rubric.threshold, &rules};
    return report::render_html(in);
}

report::DistrictSummary review_year(DistrictStore& d, int year, const standards::Rubric& rubric) {
    auto subs = d.submissions(year, "");
    std::vector<report::ProposalFile> files(subs.size());
    for (std::size_t k = 0; k < subs.size(); ++k) {
        files[k].file = subs[k].school + "/" + subs[k].file;
        try {
            files[k].proposal = report::proposal_from_json_text(subs[k].proposal_json, files[k].file);
        } catch (const InputError& e) {
            files[k].error.text = e.what();
        }
    }
    auto summary = summarize(files, rubric, year);
    for (const auto& row : summary.rows) {
        Submission& s = subs[row.input];
        take_verdict(s, row, rubric);
        d.set_verdict(s);
    }
    return summary;
}

}  // namespace shuxiang::district
