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
    std::string generated;          // date of the proposal, YYYY-MM-DD
    std::string school_code;        // the school's code (学校标识码), used to find duplicates
    std::string county;             // 县市区, for the district summary's breakdown
};

inline constexpr const char* kProposalExtension = ".sxproposal.json";

std::string proposal_to_json_text(const Proposal& p);
// Throws InputError naming the file and JSON pointer (the embedded plan's pointers are prefixed
// with /plan).
Proposal proposal_from_json_text(const std::string& text, const std::string& filename);
Proposal load_proposal(const std::filesystem::path& path);

// A reason shown to the reviewer: a translation key with arguments, or a text already in the
// user's language (an InputError's message).
struct Reason {
    std::string key;
    std::vector<std::string> args;
    std::string text;
    std::string in(Language lang) const;
};

// One file `review` found: a proposal, or why it could not be read.
struct ProposalFile {
    std::string file;                  // as shown to the reviewer (relative to the review folder)
    std::optional<Proposal> proposal;  // empty when unreadable
    Reason error;                      // why it could not be read
    long long mtime = 0;               // seconds since the epoch; breaks ties between duplicates
};

// A file left out of the summary, and why (a duplicate, not a proposal, ...).
struct IgnoredFile {
    std::string file;
    Reason reason;
};

// One school's line in the district summary, from checks re-run by the bureau.
struct DistrictRow {
    std::string file;
    std::string school;
    std::string code;
    std::string county;
    std::string type;
    int students = 0;
    // False for an unreadable or invalid proposal: it stays in the denominator as not meeting.
    bool valid = true;
    Reason invalid_reason;
    int pass = 0, warning = 0, fail = 0, not_assessable = 0;
    bool meets_book_standard = false;  // every check of the profile's 达标 rule passes
    double books_per_student = 0;      // 0 when no holdings
    double required_books_per_student = 0;
    double score = 0;                  // rubric percent
    int statistics_year = 0;           // year of the holdings; 0 when none
    bool stale_year = false;           // holdings from an earlier year than the review
    bool synthetic = false;            // generated demo holdings
    std::vector<std::string> failing;  // ids of failing required checks
    std::string report;                // link to the school's own report (set by the caller)
    std::size_t input = 0;             // index of the ProposalFile it came from
    standards::Checklist checklist;    // the bureau's run (empty when invalid)
    standards::Score score_detail;
    std::string profile_zh, profile_en;
};

struct DistrictSummary {
    std::vector<DistrictRow> rows;      // worst first: invalid, then most failures, lowest books ratio
    std::vector<IgnoredFile> ignored;   // duplicates and files that are not proposals
    int meeting = 0;
    double share_meeting = 0;           // % of schools (rows, invalid ones included) meeting
    double target = 90;                 // % from the profile
    int review_year = 0;
    bool warning_meets = false;         // the 达标 rule in use (of the first profile)
    std::vector<std::string> book_standard_checks;
};

// Duplicates (same school code, else same name and region) keep the newest: the later statistics
// year, then the later proposal date, then the later file time, then the later file name.
DistrictSummary summarize_district(const std::vector<ProposalFile>& files, const plan::FurnitureCatalog& catalog,
                                   const std::string& profile_dir, const std::string& profile_id,
                                   const standards::Rubric& rubric, int review_year);
std::string district_csv(const DistrictSummary& s);
std::string district_html(const DistrictSummary& s, const std::string& generated);

// Side by side: the same checks on several plans (before, after, ...).
std::string compare_html(const std::vector<std::string>& names, const std::vector<const plan::Plan*>& plans,
                         const std::vector<standards::Checklist>& checklists, const std::string& generated);
nlohmann::ordered_json compare_json(const std::vector<std::string>& names,
                                    const std::vector<standards::Checklist>& checklists);

}  // namespace shuxiang::report
