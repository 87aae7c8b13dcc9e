#pragma once
// Proposals a school sends to the bureau, plan comparisons, and the district summary over many
// proposals (which schools meet the standard, against the 90 % target, worst gaps first).
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "shuxiang/plan/model.hpp"
#include "shuxiang/report/report.hpp"
#include "shuxiang/standards/compliance.hpp"
#include "shuxiang/standards/holdings.hpp"
#include "shuxiang/standards/rubric.hpp"

namespace shuxiang::report {

// One file a school sends: the plan, the anonymous holdings summary, the report. No patron data.
struct Proposal {
    plan::Plan plan;
    std::optional<standards::HoldingsSummary> holdings;
    nlohmann::ordered_json report;  // render_json() of the school's own run
    std::string generated;
};

inline constexpr const char* kProposalExtension = ".sxproposal.json";

std::string proposal_to_json_text(const Proposal& p);
// Throws InputError naming the file and JSON pointer (the embedded plan's pointers are prefixed
// with /plan).
Proposal proposal_from_json_text(const std::string& text, const std::string& filename);
Proposal load_proposal(const std::filesystem::path& path);

// One school's line in the district summary, from checks re-run by the bureau.
struct DistrictRow {
    std::string file;
    std::string school;
    std::string type;
    int students = 0;
    int pass = 0, warning = 0, fail = 0, not_assessable = 0;
    bool meets_book_standard = false;  // no failing collection check and the collection assessed
    double books_per_student = 0;      // 0 when no holdings
    double required_books_per_student = 0;
    double score = 0;                  // rubric percent
    std::vector<std::string> failing;  // ids of failing checks
};

struct DistrictSummary {
    std::vector<DistrictRow> rows;   // worst first: most failures, then the lowest books ratio
    std::vector<std::string> errors; // files that could not be read, with the reason
    int meeting = 0;
    double share_meeting = 0;        // % of schools meeting the book standard
    double target = 90;              // % from the profile
};

DistrictSummary summarize_district(const std::vector<std::pair<std::string, Proposal>>& proposals,
                                   const plan::FurnitureCatalog& catalog, const std::string& profile_dir,
                                   const std::string& profile_id, const standards::Rubric& rubric);
std::string district_csv(const DistrictSummary& s);
std::string district_html(const DistrictSummary& s, const std::string& generated);

// Side by side: the same checks on several plans (before, after, ...).
std::string compare_html(const std::vector<std::string>& names, const std::vector<const plan::Plan*>& plans,
                         const std::vector<standards::Checklist>& checklists, const std::string& generated);
nlohmann::ordered_json compare_json(const std::vector<std::string>& names,
                                    const std::vector<standards::Checklist>& checklists);

}  // namespace shuxiang::report
