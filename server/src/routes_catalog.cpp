// The catalogue for readers (no login): search with availability and shelf location, one record.
#include "app.hpp"
#include "shuxiang/reading/digital.hpp"
#include "shuxiang/shelving/db.hpp"

namespace shuxiang::server {

std::string ShelfIndex::describe(long long item_id) const {
    if (!assignment) return {};
    auto it = placed.find(item_id);
    if (it == placed.end()) {
        auto u = unplaced.find(item_id);
        return u == unplaced.end() ? std::string() : tr(u->second);  // why it has no place (as `shuxiang locate`)
    }
    const shelving::Placement& pl = assignment->placed[it->second];
    if (pl.section < 0) return trf("shelving.msg.in_corner", {pl.room});
    const shelving::Section& s = assignment->sections[static_cast<std::size_t>(pl.section)];
    return trf("shelving.msg.located", {s.room_name.empty() ? s.room_id : s.room_name,
                                        s.label.empty() ? s.furniture_id : s.label, std::to_string(s.face),
                                        std::to_string(s.number), std::to_string(pl.level)});
}

ShelfIndex load_shelf_index(const std::filesystem::path& db) {
    ShelfIndex idx;
    idx.assignment = shelving::load_assignment(db);
    if (!idx.assignment) return idx;
    for (std::size_t i = 0; i < idx.assignment->placed.size(); ++i) idx.placed[idx.assignment->placed[i].item_id] = i;
    for (const auto& u : idx.assignment->unplaced) idx.unplaced[u.item_id] = u.reason;
    return idx;
}

json item_json(Call& c, const catalog::Item& it) {
    std::string status = catalog::to_string(it.status);
    return {{"barcode", it.barcode},
            {"call_number", it.call_number},
            {"status", status},
            {"status_text", tr("circ.status." + status)},
            {"location", c.app.shelves.describe(it.id)},
            {"route", route_href(c, it)}};
}

json record_summary(Call& c, long long record_id) {
    auto& store = c.svc().catalog();
    auto rec = store.record(record_id);
    if (!rec) return nullptr;
    json items = json::array();
    int available = 0;
    for (const auto& it : store.items_of(record_id)) {
        if (it.status == catalog::ItemStatus::Withdrawn) continue;
        if (it.status == catalog::ItemStatus::Available) ++available;
        items.push_back(item_json(c, it));
    }
    // Access links of digital resources (856 $u); `linkable`: whether a page may make it a link.
    json links = json::array();
    for (const auto& l : reading::access_links(rec->marc))
        links.push_back({{"url", l.url}, {"label", l.label}, {"linkable", reading::linkable_url(l.url)}});
    return {{"id", rec->id},           {"title", rec->title},       {"responsibility", rec->responsibility},
            {"publisher", rec->publisher}, {"year", rec->year},     {"isbns", rec->isbns},
            {"call_number", rec->call_number}, {"subjects", rec->subjects}, {"summary", rec->summary},
            {"available", available},  {"copies", items.size()},    {"items", items},
            {"access_links", links}, {"digital", items.empty() && !links.empty()}};
}

namespace {

constexpr std::size_t kMaxQuery = 200;

std::size_t limit_param(const Call& c, std::size_t fallback, std::size_t max) {
    if (!c.req.has_param("limit")) return fallback;
    const std::string v = c.req.get_param_value("limit");
    if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos)
        throw HttpError(400, "bad_param", trf("server.error.bad_param", {"limit"}));
    return std::clamp<std::size_t>(std::stoul(v), 1, max);
}

void search(Call& c) {
    std::string q = c.req.get_param_value("q");
    if (q.size() > kMaxQuery) throw HttpError(400, "bad_param", trf("server.error.bad_param", {"q"}));
    std::size_t limit = limit_param(c, 20, 100);
    SearchSlot slot(c.app);
    json hits = json::array();
    for (const auto& h : c.svc().catalog().search(q, limit)) {
        json r = record_summary(c, h.record_id);
        if (r.is_null()) continue;
        r["match"] = catalog::to_string(h.match);
        hits.push_back(std::move(r));
    }
    c.send_json({{"query", q}, {"hits", hits}});
}

void record(Call& c) {
    const std::string id = c.req.matches[1];
    json r = id.size() > 15 ? json(nullptr) : record_summary(c, std::stoll(id));
    if (r.is_null()) throw HttpError(404, "unknown_record", trf("server.error.unknown_record", {id}));
    c.send_json(r);
}

}  // namespace

void add_catalog_routes(RouteTable& t) {
    t.push_back({"GET", "/api/search", Access::Public, false, search});
    t.push_back({"GET", R"(/api/records/(\d+))", Access::Public, false, record});
}

}  // namespace shuxiang::server
