// A grade's progress in a reading programme: the class totals of each class of the grade, summed.
#include <algorithm>
#include <set>

#include "shuxiang/circulation/services.hpp"
#include "shuxiang/reading/programmes.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::reading {

using namespace shuxiang::circulation;

namespace {

// The class numbers of a grade's active students, numbers in numeric order.
std::vector<std::string> classes_of_grade(Repository& repo, int grade) {
    std::set<std::string> seen;
    for (auto& p : repo.read()->patrons())
        if (p.kind == PatronKind::Student && p.status == PatronStatus::Active && p.grade == grade) seen.insert(p.class_no);
    std::vector<std::string> out(seen.begin(), seen.end());
    std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
        return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
    return out;
}

}  // namespace

Result grade_progress(ReadingService& svc, Repository& repo, const Ctx& c, std::string_view name, std::string_view grade_text,
                      const std::string& from, const std::string& to, GradeProgress& out) {
    auto grade = parse_grade(grade_text);
    if (!grade) return Result{false, "bad_grade", trf("reading.refuse.bad_grade", {std::string(grade_text)}), 0, {}};
    out = GradeProgress{*grade, from, to, {}, {}};
    out.total.class_key = std::to_string(*grade);
    for (auto& cls : classes_of_grade(repo, *grade)) {
        ClassProgress p;
        Result r = svc.class_progress(c, name, class_key(*grade, cls), from, to, p);
        if (!r.ok) return r;  // not permitted, unknown list, bad period: the same for every class
        out.from = p.from;
        out.to = p.to;
        out.total.list_titles = p.list_titles;
        out.total.readers += p.readers;
        out.total.titles_read += p.titles_read;
        out.total.readers_reading += p.readers_reading;
        out.classes.push_back(std::move(p));
    }
    if (out.classes.empty()) {
        // No class to ask: the list, the period and the operator's right are still checked once.
        ClassProgress p;
        Result r = svc.class_progress(c, name, class_key(*grade, "1"), from, to, p);
        if (!r.ok) return r;
        out.from = p.from;
        out.to = p.to;
        out.total.list_titles = p.list_titles;
    }
    out.total.from = out.from;
    out.total.to = out.to;
    out.total.average = out.total.readers ? static_cast<double>(out.total.titles_read) / static_cast<double>(out.total.readers) : 0;
    return Result{true, "", trf("reading.ok.grade_progress", {std::to_string(*grade), std::to_string(out.classes.size())}), 0, {}};
}

}  // namespace shuxiang::reading
