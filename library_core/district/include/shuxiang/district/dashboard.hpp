#pragma once
// What the reviewers' pages show, computed from the stored verdicts: schools meeting the
// standard against the target by county, the excellent-library ranking, who has not submitted.
#include <string>
#include <vector>

#include "shuxiang/district/store.hpp"

namespace shuxiang::district {

struct CountyFigures {
    std::string county;  // "" for schools without one
    int schools = 0, submitted = 0, meeting = 0;
    double share = 0;  // % of the county's schools meeting (not submitting counts as not meeting)
};

struct Dashboard {
    int year = 0;
    double target = 90;  // % from the national profile (district.target_share_compliant)
    int schools = 0, submitted = 0, meeting = 0;
    double share = 0;
    std::vector<CountyFigures> counties;  // by county name
    std::vector<Submission> ranking;      // valid submissions, highest rubric score first
    std::vector<SchoolInfo> missing;      // registered schools without a submission this year
};

Dashboard dashboard(DistrictStore& d, int year);

}  // namespace shuxiang::district
