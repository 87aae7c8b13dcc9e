// The acquisitions review queue: suggestions by status, and the review, whose reviewer is always
// the session's operator (the four-eyes rule binds to who is logged in, never to a typed name).
#include "app.hpp"

namespace shuxiang::server {

namespace {

json suggestion_json(const circulation::Suggestion& s) {
    return {{"id", s.id},         {"by", s.by},         {"entered_by", s.entered_by}, {"isbn", s.isbn},
            {"title", s.title},   {"publisher", s.publisher}, {"price", s.price},     {"copies", s.copies},
            {"status", s.status}, {"reviewer", s.reviewer},   {"reason", s.reason},   {"note", s.note},
            {"date", s.date},     {"flags", s.flags}};
}

void suggestions(Call& c) {
    std::string status = c.req.has_param("status") ? c.req.get_param_value("status") : "pending";
    static const std::vector<std::string> known = {"pending", "approved", "rejected", "ordered", "received", "all"};
    if (std::find(known.begin(), known.end(), status) == known.end())
        throw HttpError(400, "bad_param", trf("server.error.bad_param", {"status"}));
    json out = json::array();
    for (const auto& s : c.svc().acquisitions().suggestions(status == "all" ? std::string() : status))
        out.push_back(suggestion_json(s));
    c.send_json(out);
}

void review(Call& c) {
    json b = parse_body(c, {{"suggestion", JType::Integer, true},
                            {"approve", JType::Boolean, true},
                            {"reason", JType::String, false},
                            {"note", JType::String, false}});
    std::string reason = str_field(b, "reason");
    bool approve = b["approve"].get<bool>();
    if (!approve && reason.empty()) throw HttpError(400, "missing_field", trf("server.error.missing_field", {"reason"}));
    if (approve) reason.clear();
    send_result(c, c.svc().acquisitions().review(c.ctx(), b["suggestion"].get<long long>(), reason, str_field(b, "note")));
}

}  // namespace

void add_acq_routes(RouteTable& t) {
    t.push_back({"GET", "/api/acq/suggestions", Access::Operator, false, suggestions});
    t.push_back({"POST", "/api/acq/review", Access::Operator, true, review});
}

}  // namespace shuxiang::server
