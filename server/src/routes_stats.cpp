// Reading statistics for the charts: loans by month, by 大部类, classes ranked by loans per student, top titles.
#include "app.hpp"

namespace shuxiang::server {

namespace {

void stats(Call& c) {
    int year = std::stoi(c.day().substr(0, 4));
    if (c.req.has_param("year")) {
        std::string y = c.req.get_param_value("year");
        if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos)
            throw HttpError(400, "bad_param", trf("server.error.bad_param", {"year"}));
        year = std::stoi(y);
    }
    auto s = c.svc().stats().reading_stats(year, 30, c.day());
    static const char* majors[] = {"A", "B", "C-K", "N-X", "Z"};
    json by_major = json::array();
    for (std::size_t i = 0; i < 5; ++i)
        by_major.push_back({{"class", majors[i]}, {"label", tr(std::string("server.major.") + majors[i])},
                            {"loans", s.loans_by_major_class[i]}});
    json classes = json::array();
    for (const auto& r : s.class_ranking)
        classes.push_back({{"class", r.class_key}, {"students", r.students}, {"loans", r.loans},
                           {"per_student", r.loans_per_student}});
    json by_month = json::array();
    for (std::size_t m = 0; m < 12; ++m) by_month.push_back({{"month", m + 1}, {"loans", s.loans_by_month[m]}});
    json titles = json::array();
    for (const auto& t : s.top_titles) titles.push_back({{"record", t.record_id}, {"title", t.title}, {"loans", t.loans}});
    c.send_json({{"year", year},
                  {"students", s.students},
                  {"held_items", s.held_items},
                  {"loans", s.loans_this_year},
                  {"loans_per_student", s.loans_per_student},
                  {"by_major_class", by_major},
                  {"by_month", by_month},
                  {"classes", classes},
                  {"top_titles", titles}});
}

}  // namespace

void add_stats_routes(RouteTable& t) { t.push_back({"GET", "/api/stats", Access::Operator, false, stats}); }

}  // namespace shuxiang::server
