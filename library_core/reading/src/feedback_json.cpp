// Readers' feedback statistics as JSON (`shuxiang stats`, `shuxiang feedback stats`, the web API).
#include <nlohmann/json.hpp>

#include "shuxiang/reading/feedback.hpp"

namespace shuxiang::reading {

using nlohmann::json;

json feedback_stats_json(const FeedbackStats& st) {
    json rec = json::array(), rated = json::array(), grades = json::array(), classes = json::array();
    for (auto& r : st.most_recommended)
        rec.push_back({{"record", r.record_id}, {"title", r.title}, {"author", r.author}, {"held", r.record_id != 0},
                       {"recommendations", r.recommendations}, {"by_kind", r.by_kind}});
    for (auto& r : st.best_rated)
        rated.push_back({{"record", r.record_id}, {"title", r.title}, {"ratings", r.ratings}, {"average", r.average}});
    auto cells = [](const std::vector<FeedbackStats::Cell>& v, json& out, const char* name) {
        for (auto& c : v) {
            json j = {{name, c.key}, {"students", c.students}, {"suppressed", c.suppressed}};
            if (!c.suppressed) j.update({{"readers", c.readers}, {"loans", c.loans}, {"loans_per_student", c.loans_per_student}});
            out.push_back(j);
        }
    };
    cells(st.by_grade, grades, "grade");
    cells(st.by_class, classes, "class");
    return {{"year", st.year}, {"min_cell_students", kMinCellStudents}, {"min_ratings", kMinRatings},
            {"most_recommended", rec}, {"best_rated", rated}, {"titles_rated", st.titles_rated},
            {"loans_by_grade", grades}, {"loans_by_class", classes}};
}

}  // namespace shuxiang::reading
