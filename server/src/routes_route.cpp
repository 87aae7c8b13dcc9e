// The OPAC's walking routes (no login, no patron data): the way from the entrance of the plan given
// to `shuxiang serve --plan` to the shelf section of a copy. GET /api/route gives the path's corners
// and length; the page /opac/route draws it on the plan's top view.
#include <iomanip>
#include <sstream>

#include "app.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/server/html.hpp"
#include "shuxiang/util/fs.hpp"

namespace shuxiang::server {

void send_page(Call& c, const std::string& title_key, const std::string& body, const std::string& script);
std::string route_svg(const plan::Level& level, const plan::FurnitureCatalog& cat, const route::ShelfRoute& r,
                      const std::string& room_id, const std::string& caption);

std::unique_ptr<route::RoutePlanner> load_routes(const std::filesystem::path& plan_path) {
    plan::Plan p = plan::load_plan(plan_path);  // InputError naming the file and place
    plan::FurnitureCatalog cat = plan::with_plan_types(plan::FurnitureCatalog::builtin(), p);
    auto planner = std::make_unique<route::RoutePlanner>(std::move(p), std::move(cat));
    planner->build_all();
    return planner;
}

const shelving::Section* ShelfIndex::section_of(long long item_id, int* shelf_level) const {
    auto it = placed.find(item_id);
    if (!assignment || it == placed.end()) return nullptr;
    const shelving::Placement& pl = assignment->placed[it->second];
    if (pl.section < 0) return nullptr;
    if (shelf_level) *shelf_level = pl.level;
    return &assignment->sections[static_cast<std::size_t>(pl.section)];
}

std::string route_href(const Call& c, const catalog::Item& it) {
    if (!c.app.routes || !c.app.shelves.section_of(it.id)) return {};
    return "/opac/route?item=" + httplib::detail::encode_query_param(it.barcode);
}

namespace {

constexpr std::size_t kMaxParam = 64;

// What a route request names: a copy (by barcode) on a section, or a section by its id.
struct Target {
    const shelving::Section* section = nullptr;
    std::optional<catalog::Item> item;
    int shelf_level = 0;
};

std::string param(const Call& c, const char* name) {
    std::string v = c.req.get_param_value(name);
    if (v.size() > kMaxParam) throw HttpError(400, "bad_param", trf("server.error.bad_param", {name}));
    return v;
}

Target item_target(Call& c, const std::string& barcode) {
    Target t;
    t.item = c.svc().catalog().item_by_barcode(barcode);
    if (!t.item) throw HttpError(404, "unknown_item", trf("server.error.route_unknown_item", {barcode}));
    t.section = c.app.shelves.section_of(t.item->id, &t.shelf_level);
    if (!t.section) throw HttpError(404, "not_on_shelf", trf("server.error.not_on_shelf", {barcode}));
    return t;
}

Target find_target(Call& c) {
    if (!c.app.routes) throw HttpError(404, "no_plan", tr("server.error.no_plan"));
    if (!c.app.shelves.assignment) throw HttpError(404, "not_shelved", tr("server.error.not_shelved"));
    const std::string item = param(c, "item"), section = param(c, "section");
    if (!item.empty()) return item_target(c, item);
    if (section.empty()) throw HttpError(400, "bad_param", trf("server.error.bad_param", {"item"}));
    for (const auto& s : c.app.shelves.assignment->sections)
        if (s.id == section) return Target{&s, std::nullopt, 0};
    throw HttpError(404, "unknown_section", trf("server.error.unknown_section", {section}));
}

route::ShelfRoute route_of(Call& c, const shelving::Section& s) {
    std::optional<route::ShelfRoute> r = c.app.routes->route(s);
    if (!r) throw HttpError(409, "section_missing", trf("server.error.section_missing", {s.id}));
    return *r;
}

json point_json(plan::Vec2 p) { return {{"x", p.x}, {"y", p.y}}; }

void api_route(Call& c) {
    const Target t = find_target(c);
    const route::ShelfRoute r = route_of(c, *t.section);
    json corners = json::array();
    for (const auto& p : r.corners) corners.push_back(point_json(p));
    json j = {{"section", r.section_id},  {"label", t.section->label},  {"room", t.section->room_name},
              {"level", r.level_id},      {"face", t.section->face},    {"number", t.section->number},
              {"start", point_json(r.start)}, {"goal", point_json(r.goal)}, {"corners", corners},
              {"length", r.length},       {"reachable", !r.corners.empty()}, {"error", r.error()}};
    if (t.item) {
        j["barcode"] = t.item->barcode;
        j["shelf_level"] = t.shelf_level;
    }
    c.send_json(j);
}

const plan::Level& level_of(const route::RoutePlanner& planner, const std::string& id) {
    for (const auto& l : planner.plan().levels)
        if (l.id == id) return l;
    throw HttpError(409, "section_missing", trf("server.error.section_missing", {id}));
}

std::string length_text(const route::ShelfRoute& r) {
    if (r.corners.empty()) return {};
    std::ostringstream o;
    o << std::fixed << std::setprecision(1) << r.length;
    return trf("web.route.length", {o.str()});
}

void route_page(Call& c) {
    const std::string barcode = param(c, "item");
    if (barcode.empty()) throw HttpError(400, "bad_param", trf("server.error.bad_param", {"item"}));
    const Target t = find_target(c);
    const route::ShelfRoute r = route_of(c, *t.section);
    const auto rec = c.svc().catalog().record(t.item->record_id);
    const std::string title = rec ? rec->title : std::string();
    const std::string caption = trf("web.route.caption", {title, c.app.shelves.describe(t.item->id)});
    std::map<std::string, std::string> v = {
        {"title", title},
        {"call", t.item->call_number.empty() && rec ? rec->call_number : t.item->call_number},
        {"barcode", t.item->barcode},
        {"location", c.app.shelves.describe(t.item->id)},
        {"length", length_text(r)},
        {"error", r.error()},
        {"error_class", r.error().empty() ? "d-none" : ""},
        {"svg", route_svg(level_of(*c.app.routes, r.level_id), c.app.routes->catalog(), r, t.section->room_id, caption)}};
    send_page(c, "web.title.route", fill_template(read_file(c.app.web_dir / "route.html"), v), "opac.js");
}

}  // namespace

void add_route_routes(RouteTable& t) {
    t.push_back({"GET", "/api/route", Access::Public, false, api_route});
    t.push_back({"GET", "/opac/route", Access::Public, false, route_page});
}

}  // namespace shuxiang::server
