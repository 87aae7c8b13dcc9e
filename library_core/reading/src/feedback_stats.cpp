// The anonymous statistics of readers' feedback: most recommended and best rated titles, loans by
// grade and class with small cells suppressed. No reader id or name goes into them.
#include <algorithm>

#include "feedback_internal.hpp"

namespace shuxiang::reading {

using namespace shuxiang::circulation;

namespace {

bool in_year(const std::string& day, int year) { return day.size() >= 4 && day.compare(0, 4, std::to_string(year)) == 0; }

std::vector<FeedbackStats::Recommended> most_recommended(const std::vector<Recommendation>& recs, int year) {
    // Held titles by record; titles not held by their title and author as compared everywhere.
    std::map<std::string, FeedbackStats::Recommended> by_title;
    for (auto& r : recs) {
        if (!in_year(r.day, year)) continue;
        const std::string key = r.record_id ? "#" + std::to_string(r.record_id) : match_key(r.title) + "/" + match_key(r.author);
        auto& row = by_title[key];
        if (row.title.empty()) row = {r.record_id, r.title, r.author, 0, {}};
        ++row.recommendations;
        ++row.by_kind[r.by_kind];
    }
    std::vector<FeedbackStats::Recommended> out;
    for (auto& [k, v] : by_title) out.push_back(v);
    std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.recommendations > b.recommendations; });
    if (out.size() > 10) out.resize(10);
    return out;
}

std::vector<FeedbackStats::Rated> best_rated(UnitOfWork& u, int year, long long& titles_rated) {
    std::map<long long, FeedbackStats::Rated> by_record;
    for (auto& r : u.feedback().reviews("approved", "", 0)) {
        if (!in_year(r.moderated_day, year)) continue;
        auto& row = by_record[r.record_id];
        row.record_id = r.record_id;
        ++row.ratings;
        row.average += r.stars;
    }
    titles_rated = static_cast<long long>(by_record.size());
    std::vector<FeedbackStats::Rated> out;
    for (auto& [id, row] : by_record) {
        if (row.ratings < kMinRatings) continue;
        row.average /= static_cast<double>(row.ratings);
        auto rec = u.catalog().record(id);
        row.title = rec ? rec->title : std::string();
        out.push_back(row);
    }
    std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) {
        return a.average != b.average ? a.average > b.average : a.ratings > b.ratings;
    });
    if (out.size() > 10) out.resize(10);
    return out;
}

FeedbackStats::Cell cell(std::string key, long long students, long long readers, long long loans) {
    FeedbackStats::Cell c{std::move(key), students, students < kMinCellStudents, 0, 0, 0};
    if (c.suppressed) return c;
    c.readers = readers;
    c.loans = loans;
    c.loans_per_student = students ? static_cast<double>(loans) / static_cast<double>(students) : 0;
    return c;
}

}  // namespace

FeedbackStats FeedbackService::stats(int year) {
    auto u = repo_.read();
    FeedbackStats st;
    st.year = year;
    st.most_recommended = most_recommended(u->feedback().recommendations(""), year);
    st.best_rated = best_rated(*u, year, st.titles_rated);
    const std::string y = std::to_string(year);
    std::map<int, ClassReading> grades;
    for (auto& k : u->feedback().class_reading(y + "-01-01", y + "-12-31")) {
        st.by_class.push_back(cell(class_key(k.grade, k.class_no), k.students, k.readers, k.loans));
        auto& g = grades[k.grade];
        g.students += k.students;
        g.readers += k.readers;
        g.loans += k.loans;
    }
    for (auto& [grade, g] : grades) st.by_grade.push_back(cell(std::to_string(grade), g.students, g.readers, g.loans));
    return st;
}

}  // namespace shuxiang::reading
