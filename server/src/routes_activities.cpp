// The activities page: the library's calendar of reading activities with the plan's room each books
// (class visits, book talks, reading weeks), booking and cancelling for librarians and teachers.
#include <algorithm>
#include <sstream>

#include "app.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/reading/activities.hpp"
#include "shuxiang/server/html.hpp"

namespace shuxiang::server {

void send_page(Call& c, const std::string& title_key, const std::string& body, const std::string& script);

namespace {

using reading::ActivityService;
using reading::ReadingActivity;

// The rooms of the server's plan ("" without --plan). The plan is read per request: bookings are rare.
std::vector<reading::PlanRoom> rooms_of(const Call& c) {
    if (c.app.opts.plan.empty()) return {};
    return reading::plan_rooms(plan::load_plan(c.app.opts.plan));
}

std::string day_param(const Call& c, const char* name) {
    std::string v = c.req.get_param_value(name);
    if (!v.empty() && !circulation::valid_date(v)) throw HttpError(400, "bad_param", trf("server.error.bad_param", {name}));
    return v;
}

json activity_json(const ReadingActivity& a) {
    return {{"id", a.id}, {"kind", a.kind}, {"title", a.title}, {"room", a.room_id}, {"room_label", a.room_label},
            {"first_day", a.first_day}, {"last_day", a.last_day}, {"start", a.start_time}, {"end", a.end_time},
            {"class", a.class_key}, {"participants", a.participants}, {"status", a.status}};
}

std::string activity_row(const ReadingActivity& a, bool may_cancel) {
    std::string cancel;
    if (may_cancel && a.status == "booked")
        cancel = fill_template("<form class=\"sx-api-form d-inline\" data-api=\"/api/activities/cancel\" data-int=\"id\">"
                               "<input type=\"hidden\" name=\"id\" value=\"{{id}}\"><button class=\"btn btn-sm btn-outline-danger sx-cancel\">"
                               "{{t:web.activities.cancel}}</button></form>",
                               {{"id", std::to_string(a.id)}});
    const std::string days = a.first_day == a.last_day ? a.first_day : a.first_day + " ~ " + a.last_day;
    return fill_template("<tr class=\"sx-activity {{cls}}\" data-id=\"{{id}}\" data-room=\"{{room}}\"><td>{{days}}</td><td>{{time}}</td><td>{{kind}}</td>"
                         "<td class=\"sx-activity-title\">{{title}}</td><td>{{label}}</td><td>{{class}}</td><td>{{people}}</td><td>{{status}}</td><td>{{{cancel}}}</td></tr>",
                         {{"cls", a.status == "booked" ? "" : "text-muted"}, {"id", std::to_string(a.id)}, {"room", a.room_id},
                          {"days", days}, {"time", a.start_time + "-" + a.end_time}, {"kind", tr("reading.activity.kind." + a.kind)},
                          {"title", a.title}, {"label", a.room_label.empty() ? a.room_id : a.room_label}, {"class", a.class_key},
                          {"people", a.participants > 0 ? std::to_string(a.participants) : std::string()},
                          {"status", tr("reading.activity.status." + a.status)}, {"cancel", cancel}});
}

std::string booking_form(const std::vector<reading::PlanRoom>& rooms) {
    std::ostringstream kinds, opts;
    for (auto& k : reading::activity_kinds())
        kinds << fill_template("<option value=\"{{k}}\">{{label}}</option>", {{"k", k}, {"label", tr("reading.activity.kind." + k)}});
    for (auto& r : rooms)
        opts << fill_template("<option value=\"{{id}}\">{{label}} · {{level}}</option>", {{"id", r.id}, {"label", r.label.empty() ? r.id : r.label}, {"level", r.level}});
    return fill_template(
        "<form class=\"sx-api-form row g-2 align-items-end mb-3\" data-api=\"/api/activities\" data-int=\"people\" id=\"sx-book\">"
        "<div class=\"col-md-2\"><label class=\"form-label\" for=\"ac-kind\">{{t:web.activities.kind}}</label><select class=\"form-select\" id=\"ac-kind\" name=\"kind\">{{{kinds}}}</select></div>"
        "<div class=\"col-md-3\"><label class=\"form-label\" for=\"ac-title\">{{t:web.activities.title}}</label><input class=\"form-control\" id=\"ac-title\" name=\"title\" required maxlength=\"100\"></div>"
        "<div class=\"col-md-3\"><label class=\"form-label\" for=\"ac-room\">{{t:web.activities.room}}</label><select class=\"form-select\" id=\"ac-room\" name=\"room\">{{{rooms}}}</select></div>"
        "<div class=\"col-md-2\"><label class=\"form-label\" for=\"ac-day\">{{t:web.activities.day}}</label><input class=\"form-control\" type=\"date\" id=\"ac-day\" name=\"day\" required></div>"
        "<div class=\"col-md-2\"><label class=\"form-label\" for=\"ac-last\">{{t:web.activities.last_day}}</label><input class=\"form-control\" type=\"date\" id=\"ac-last\" name=\"last_day\"></div>"
        "<div class=\"col-md-1\"><label class=\"form-label\" for=\"ac-start\">{{t:web.activities.start}}</label><input class=\"form-control\" id=\"ac-start\" name=\"start\" placeholder=\"09:00\" required maxlength=\"5\"></div>"
        "<div class=\"col-md-1\"><label class=\"form-label\" for=\"ac-end\">{{t:web.activities.end}}</label><input class=\"form-control\" id=\"ac-end\" name=\"end\" placeholder=\"09:40\" required maxlength=\"5\"></div>"
        "<div class=\"col-md-2\"><label class=\"form-label\" for=\"ac-class\">{{t:web.reading.class}}</label><input class=\"form-control\" id=\"ac-class\" name=\"class\" maxlength=\"20\"></div>"
        "<div class=\"col-md-1\"><label class=\"form-label\" for=\"ac-people\">{{t:web.activities.people}}</label><input class=\"form-control\" type=\"number\" min=\"0\" id=\"ac-people\" name=\"people\"></div>"
        "<div class=\"col-md-2\"><button class=\"btn btn-success\" id=\"ac-book\">{{t:web.activities.book}}</button></div></form>",
        {{"kinds", kinds.str()}, {"rooms", opts.str()}});
}

void activities_page(Call& c) {
    const std::string from = day_param(c, "from"), to = day_param(c, "to");
    const bool may_edit = c.is_operator() && c.operator_may(circulation::Action::EditLists);
    std::string body = fill_template("<h1 class=\"h4\">{{t:web.activities.title_page}}</h1>", {}) +
                       "<div id=\"sx-message\" class=\"alert d-none\" role=\"status\"></div>";
    if (may_edit) {
        auto rooms = rooms_of(c);
        body += rooms.empty() ? fill_template("<p class=\"text-muted\" id=\"sx-no-plan\">{{t:web.activities.no_plan}}</p>", {}) : booking_form(rooms);
    }
    std::ostringstream rows;
    for (auto& a : ActivityService(c.svc().repository()).list(from.empty() ? c.day() : from, to, false)) rows << activity_row(a, may_edit);
    std::string list = rows.str();
    if (list.empty()) list = fill_template("<tr><td colspan=\"9\">{{t:web.js.none}}</td></tr>", {});
    body += fill_template("<table class=\"table table-sm\" id=\"sx-activities\"><thead><tr><th>{{t:web.activities.day}}</th><th>{{t:web.activities.time}}</th>"
                          "<th>{{t:web.activities.kind}}</th><th>{{t:web.activities.title}}</th><th>{{t:web.activities.room}}</th><th>{{t:web.reading.class}}</th>"
                          "<th>{{t:web.activities.people}}</th><th>{{t:web.activities.status}}</th><th></th></tr></thead><tbody>",
                          {}) +
            list + "</tbody></table>";
    send_page(c, "web.activities.title_page", body, "reading.js");
}

void activities_json(Call& c) {
    json out = json::array();
    for (auto& a : ActivityService(c.svc().repository()).list(day_param(c, "from"), day_param(c, "to"), c.req.has_param("all")))
        out.push_back(activity_json(a));
    c.send_json(out);
}

void book(Call& c) {
    json b = parse_body(c, {{"kind", JType::String, true}, {"title", JType::String, true}, {"room", JType::String, true},
                            {"day", JType::String, true}, {"last_day", JType::String, false}, {"start", JType::String, true},
                            {"end", JType::String, true}, {"class", JType::String, false}, {"people", JType::Integer, false},
                            {"note", JType::String, false}});
    ReadingActivity a;
    a.kind = str_field(b, "kind");
    a.title = str_field(b, "title");
    a.first_day = str_field(b, "day");
    a.last_day = str_field(b, "last_day").empty() ? a.first_day : str_field(b, "last_day");
    a.start_time = str_field(b, "start");
    a.end_time = str_field(b, "end");
    a.class_key = str_field(b, "class");
    a.participants = b.contains("people") ? static_cast<int>(std::clamp(b["people"].get<long long>(), -1LL, 100000LL)) : 0;
    a.note = str_field(b, "note");
    auto rooms = rooms_of(c);
    if (rooms.empty()) throw HttpError(409, "no_plan", tr("web.activities.no_plan"));
    send_result(c, ActivityService(c.svc().repository()).book(c.ctx(), a, rooms, str_field(b, "room")));
}

void cancel(Call& c) {
    json b = parse_body(c, {{"id", JType::Integer, true}});
    send_result(c, ActivityService(c.svc().repository()).cancel(c.ctx(), b["id"].get<long long>()));
}

}  // namespace

void add_activity_routes(RouteTable& t) {
    t.push_back({"GET", "/activities", Access::Public, false, activities_page});
    t.push_back({"GET", "/api/activities", Access::Public, false, activities_json});
    t.push_back({"POST", "/api/activities", Access::Operator, true, book});
    t.push_back({"POST", "/api/activities/cancel", Access::Operator, true, cancel});
}

}  // namespace shuxiang::server
