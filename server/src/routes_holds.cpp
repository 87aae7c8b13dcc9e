// Holds beyond placing one: a reader's holds (the desk's card, the reader's own OPAC page),
// cancelling (an operator, or the reader who placed it), and the desk's list of holds to pull.
#include "app.hpp"

namespace shuxiang::server {

json holds_json(Call& c, const std::vector<circulation::Hold>& holds) {
    json out = json::array();
    for (const auto& h : holds) {
        if (h.status != "waiting" && h.status != "ready") continue;
        auto rec = c.svc().catalog().record(h.record_id);
        out.push_back({{"id", h.id},
                       {"record", h.record_id},
                       {"title", rec ? rec->title : std::string()},
                       {"patron", h.patron_id},
                       {"placed", h.placed},
                       {"status", h.status},
                       {"status_text", tr("server.hold." + h.status)},
                       {"barcode", h.barcode}});
    }
    return out;
}

namespace {

long long hold_id(const json& b) { return b["hold"].get<long long>(); }

void my_holds(Call& c) { c.send_json(holds_json(c, c.svc().circulation().patron_holds(c.session->who.id))); }

// The reader cancels one of their own holds; another reader's hold is refused as unknown by the library.
void my_cancel(Call& c) {
    json b = parse_body(c, {{"hold", JType::Integer, true}});
    circulation::Ctx ctx{"", c.day(), c.session->who.id};
    send_result(c, c.svc().circulation().cancel_hold(ctx, hold_id(b)));
}

void cancel(Call& c) {
    json b = parse_body(c, {{"hold", JType::Integer, true}});
    send_result(c, c.svc().circulation().cancel_hold(c.ctx(), hold_id(b)));
}

void patron_holds(Call& c) {
    std::string id = c.req.get_param_value("patron");
    if (id.empty() || id.size() > 64) throw HttpError(400, "bad_param", trf("server.error.bad_param", {"patron"}));
    c.send_json(holds_json(c, c.svc().circulation().patron_holds(id)));
}

void to_pull(Call& c) {
    json out = json::array();
    for (const auto& p : c.svc().circulation().holds_to_pull())
        out.push_back({{"hold", p.hold.id}, {"patron", p.hold.patron_id}, {"placed", p.hold.placed}, {"barcode", p.barcode},
                       {"call_number", p.call_number}, {"location", p.location}, {"title", p.title}});
    c.send_json(out);
}

}  // namespace

void add_hold_routes(RouteTable& t) {
    t.push_back({"GET", "/api/me/holds", Access::Reader, false, my_holds});
    t.push_back({"POST", "/api/me/holds/cancel", Access::Reader, true, my_cancel});
    t.push_back({"POST", "/api/holds/cancel", Access::Operator, true, cancel});
    t.push_back({"GET", "/api/holds/patron", Access::ReaderData, false, patron_holds});
    t.push_back({"GET", "/api/holds/pull", Access::ReaderData, false, to_pull});
}

}  // namespace shuxiang::server
