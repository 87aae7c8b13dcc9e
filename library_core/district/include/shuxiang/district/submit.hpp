#pragma once
// Submissions: a school's .sxproposal.json checked by the bureau with the same verdict rules as
// `shuxiang review` (report::summarize_district), kept per school and year.
#include <filesystem>
#include <string>
#include <vector>

#include "shuxiang/district/store.hpp"
#include "shuxiang/report/district.hpp"
#include "shuxiang/standards/rubric.hpp"

namespace shuxiang::district {

// Whether a school code (学校标识码) is 1-64 of A-Z a-z 0-9 _ . - (the district's pages and API
// address schools by it); check_school_code throws InputError naming `file` and `place` otherwise.
bool valid_school_code(std::string_view code);
void check_school_code(std::string_view code, const std::string& file, const std::string& place);

// The year a proposal counts for: its date's year, else `fallback`.
int proposal_year(const report::Proposal& p, int fallback);

// The verdict on one proposal (text as sent, named `file`), for its school and year. Throws
// InputError naming the file when it has no school code (学校标识码): the district keys by it.
Submission assess(const report::Proposal& p, const std::string& file, const std::string& text,
                  const standards::Rubric& rubric, int year);

// Reads, checks and stores one file; throws InputError naming the file when it is not a proposal.
Submission submit_file(DistrictStore& d, const std::filesystem::path& file, const standards::Rubric& rubric,
                       int fallback_year);

// The bureau's report on a stored submission (report::render_html of the bureau's own run of the
// checks on the proposal as sent): the same page `review` writes per school. Throws InputError when
// the stored proposal cannot be read (it could when it was stored).
std::string submission_report_html(const Submission& s, const standards::Rubric& rubric);

// Every stored submission of `year` checked again together (the annual review: rules or profiles
// may have changed since they came in); verdicts are stored back. Returns the district summary.
report::DistrictSummary review_year(DistrictStore& d, int year, const standards::Rubric& rubric);

}  // namespace shuxiang::district
