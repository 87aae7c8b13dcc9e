// The circulation desk's API: readers, items, loans, returns, renewals, lost/damaged, holds, overdue.
#include "app.hpp"

namespace shuxiang::server {

using namespace circulation;

json patron_json(const Patron& p) {
    json j = {{"id", p.id}, {"kind", to_string(p.kind)}, {"kind_text", tr(std::string("server.kind.") + to_string(p.kind))},
              {"name", p.name}, {"status", to_string(p.status)}};
    if (p.kind == PatronKind::Student) j["class"] = class_key(p.grade, p.class_no);
    return j;
}

json loans_json(Call& c, const std::string& patron_id) {
    json out = json::array();
    for (const auto& l : c.svc().circulation().open_loans(patron_id)) {
        auto rec = c.svc().catalog().record(l.record_id);
        out.push_back({{"barcode", l.barcode},
                       {"record", l.record_id},
                       {"title", rec ? rec->title : std::string()},
                       {"out", l.out_date},
                       {"due", l.due_date},
                       {"renewals", l.renewals},
                       {"overdue", l.due_date < c.day()}});
    }
    return out;
}

namespace {

std::string param(const Call& c, const char* name, std::size_t max = 200) {
    std::string v = c.req.get_param_value(name);
    if (v.size() > max) throw HttpError(400, "bad_param", trf("server.error.bad_param", {name}));
    return v;
}

void patrons(Call& c) {
    PatronQuery q;
    std::string text = param(c, "q");
    if (auto key = parse_class_key(text)) q.class_key = *key;
    else q.text = text;
    q.limit = 50;
    json out = json::array();
    for (const auto& p : c.svc().patrons().list(q)) out.push_back(patron_json(p));
    c.send_json(out);
}

// The reader's card at the desk: who, loans with titles, the loan limit.
void patron_card(Call& c) {
    std::string id = param(c, "id", 64);
    auto p = c.svc().patrons().find(id);
    if (!p) throw HttpError(404, "unknown_patron", tr("server.error.unknown_patron"));
    json j = patron_json(*p);
    j["loans"] = loans_json(c, p->id);
    j["holds"] = holds_json(c, c.svc().circulation().patron_holds(p->id));
    auto pol = c.svc().circulation().policy_for(*p);
    j["max_items"] = pol.max_items;
    j["overdue"] = std::count_if(j["loans"].begin(), j["loans"].end(), [](const json& l) { return l["overdue"].get<bool>(); });
    c.send_json(j);
}

void item(Call& c) {
    const std::string barcode = c.req.matches[1];
    auto it = c.svc().catalog().item_by_barcode(barcode);
    if (!it) throw HttpError(404, "unknown_barcode", tr("server.error.unknown_barcode"));
    json j = item_json(c, *it);
    auto rec = c.svc().catalog().record(it->record_id);
    j["record"] = it->record_id;
    j["title"] = rec ? rec->title : std::string();
    c.send_json(j);
}

void checkout(Call& c) {
    json b = parse_body(c, {{"patron", JType::String, true}, {"item", JType::String, true}});
    send_result(c, c.svc().circulation().checkout(c.ctx(), str_field(b, "patron"), str_field(b, "item")));
}

// The calls that take one barcode.
using ItemOp = Result (CirculationService::*)(const Ctx&, std::string_view);
RouteTable::value_type item_route(const char* path, ItemOp op) {
    return {"POST", path, Access::Operator, true, [op](Call& c) {
                json b = parse_body(c, {{"item", JType::String, true}});
                send_result(c, (c.svc().circulation().*op)(c.ctx(), str_field(b, "item")));
            }};
}

void place_hold(Call& c) {
    json b = parse_body(c, {{"record", JType::Integer, true}, {"patron", JType::String, true}});
    send_result(c, c.svc().circulation().place_hold(c.ctx(), str_field(b, "patron"), b["record"].get<long long>()));
}

void holds_of_record(Call& c) {
    std::string id = param(c, "record", 15);
    if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos)
        throw HttpError(400, "bad_param", trf("server.error.bad_param", {"record"}));
    json out = json::array();
    for (const auto& h : c.svc().circulation().holds(std::stoll(id)))
        out.push_back({{"id", h.id}, {"patron", h.patron_id}, {"placed", h.placed}, {"status", h.status},
                       {"status_text", tr("server.hold." + h.status)}, {"barcode", h.barcode}});
    c.send_json(out);
}

void overdue(Call& c) {
    std::string cls = param(c, "class", 40);
    if (!cls.empty()) {
        auto key = parse_class_key(cls);
        if (!key) throw HttpError(400, "bad_param", trf("server.error.bad_class", {cls}));
        cls = *key;
    }
    json out = json::array();
    for (const auto& e : c.svc().circulation().overdue(c.day(), cls))
        out.push_back({{"class", e.class_key}, {"patron", e.patron_id}, {"name", e.patron_name}, {"barcode", e.barcode},
                       {"title", e.title}, {"due", e.due_date}, {"days", e.days_overdue}, {"corner", e.corner}});
    c.send_json(out);
}

}  // namespace

void add_circ_routes(RouteTable& t) {
    t.push_back({"GET", "/api/patrons", Access::ReaderData, false, patrons});
    t.push_back({"GET", "/api/patron", Access::ReaderData, false, patron_card});
    t.push_back({"GET", R"(/api/items/([^/]{1,64}))", Access::Operator, false, item});
    t.push_back({"POST", "/api/circ/checkout", Access::Operator, true, checkout});
    t.push_back(item_route("/api/circ/return", &CirculationService::checkin));
    t.push_back(item_route("/api/circ/renew", &CirculationService::renew));
    t.push_back(item_route("/api/circ/lost", &CirculationService::mark_lost));
    t.push_back(item_route("/api/circ/damaged", &CirculationService::mark_damaged));
    t.push_back({"POST", "/api/holds", Access::Operator, true, place_hold});
    t.push_back({"GET", "/api/holds", Access::ReaderData, false, holds_of_record});
    t.push_back({"GET", "/api/circ/overdue", Access::ReaderData, false, overdue});
}

}  // namespace shuxiang::server
