// test_district_seed URL: the district browser test's database. Bureau operators (boss: admin,
// rev: reviewer, insp1/insp2: inspectors; password Bureau-Pass-2026), twelve schools in four
// counties with submissions for 2025 and 2026 (some meeting the standard, some not, two not
// submitted in 2026).
#include <cstdio>

#include "school_fixture.hpp"
#include "shuxiang/district/auth.hpp"
#include "shuxiang/district/submit.hpp"

using namespace sxd;

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    try {
        auto d = district::open_district(argv[1]);
        const std::pair<const char*, district::BureauRole> ops[] = {{"boss", district::BureauRole::Admin},
                                                                    {"rev", district::BureauRole::Reviewer},
                                                                    {"insp1", district::BureauRole::Inspector},
                                                                    {"insp2", district::BureauRole::Inspector}};
        const char* names[] = {"王局长", "李科长", "张督学", "赵督学"};
        for (std::size_t k = 0; k < 4; ++k)
            if (!district::set_operator(*d, {ops[k].first, names[k], ops[k].second, false}, "Bureau-Pass-2026", 1000).empty())
                return 1;
        auto rubric = standards::Rubric::load_file(standards::builtin_rubric_path());
        const char* counties[] = {"芙蓉区", "天心区", "岳麓区", "开福区"};
        const char* schools[] = {"育英小学", "东风路小学", "实验中学", "城南小学", "枫林中学", "湘江小学",
                                 "麓山小学", "北辰中学", "清水塘小学", "<i>新河</i>小学", "雨花小学", "星沙中学"};
        for (int k = 0; k < 12; ++k) {
            const std::string code = "S" + std::to_string(101 + k);
            const int students = 400 + 80 * k;
            for (int year : {2025, 2026}) {
                if (year == 2026 && (k == 4 || k == 9)) {  // not submitted this year
                    d->upsert_school({code, schools[k], counties[k % 4], "", ""});
                    continue;
                }
                // Books per student from 12 to 42: the lower ones miss the standard.
                const long long books = static_cast<long long>(students) * (12 + (k * 7 + year) % 31);
                auto p = proposal_for(code, counties[k % 4], students, holdings(students, books, year),
                                      std::to_string(year) + "-11-0" + std::to_string(1 + k % 9));
                p.plan.school.name = schools[k];
                d->put_submission(district::assess(p, code + ".sxproposal.json", report::proposal_to_json_text(p), rubric, year));
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
