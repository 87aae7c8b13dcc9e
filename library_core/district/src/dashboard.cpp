#include "shuxiang/district/dashboard.hpp"

#include <algorithm>
#include <map>

#include "shuxiang/standards/profile.hpp"

namespace shuxiang::district {
namespace {

double percent(int part, int whole) { return whole > 0 ? 100.0 * part / whole : 0; }

double target_share() {
    auto rules = standards::RuleSet::load(standards::builtin_profile_dir(), "cn-national");
    return rules.value("district.target_share_compliant", 90);
}

}  // namespace

Dashboard dashboard(DistrictStore& d, int year) {
    Dashboard out;
    out.year = year;
    out.target = target_share();
    auto subs = d.submissions(year, "");
    std::map<std::string, const Submission*> by_school;
    for (const auto& s : subs) by_school[s.school] = &s;
    std::map<std::string, CountyFigures> counties;
    for (const auto& school : d.schools()) {
        auto it = by_school.find(school.code);
        auto& c = counties[school.county];
        c.county = school.county;
        ++c.schools;
        ++out.schools;
        if (it == by_school.end()) {
            out.missing.push_back(school);
            continue;
        }
        ++c.submitted;
        ++out.submitted;
        c.meeting += it->second->meets;
        out.meeting += it->second->meets;
    }
    for (auto& [name, c] : counties) {
        c.share = percent(c.meeting, c.schools);
        out.counties.push_back(c);
    }
    out.share = percent(out.meeting, out.schools);
    for (const auto& s : subs)
        if (s.valid) out.ranking.push_back(s);
    std::stable_sort(out.ranking.begin(), out.ranking.end(), [](auto& a, auto& b) { return a.score > b.score; });
    return out;
}

}  // namespace shuxiang::district
