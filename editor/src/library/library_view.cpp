#include "library/library_view.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <glm/gtc/matrix_transform.hpp>

#include "library/palette.hpp"
#include "shuxiang/catalog/store.hpp"
#include "shuxiang/route/shelf_route.hpp"
#include "shuxiang/shelving/db.hpp"
#include "shuxiang/shelving/layout.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor::library {
namespace {

std::string shelf_key(const std::string& furniture, int face, int section, int level) {
    return furniture + "|" + std::to_string(face) + "|" + std::to_string(section) + "|" + std::to_string(level);
}

}  // namespace

namespace {

SectionPlace to_place(const route::SectionFace& f) {
    SectionPlace p;
    p.center = {static_cast<float>(f.center.x), static_cast<float>(f.center.y), static_cast<float>(f.z)};
    p.width = static_cast<float>(f.width);
    p.height = static_cast<float>(f.height);
    p.normal = {static_cast<float>(f.normal.x), static_cast<float>(f.normal.y)};
    p.yaw_deg = static_cast<float>(f.yaw_deg);
    return p;
}

}  // namespace

std::optional<SectionPlace> section_place(const plan::Furniture& f, const plan::FurnitureType& t, int face, int number) {
    auto sf = route::section_face(f, t, face, number);
    if (!sf) return std::nullopt;
    return to_place(*sf);
}

std::optional<std::string> LibraryView::open(const std::filesystem::path& db) {
    if (!std::filesystem::exists(db)) return trf("editor.library.err.no_db", {db.string()});
    std::optional<shelving::Assignment> a;
    try {
        a = shelving::load_assignment(db);
    } catch (const InputError& e) {
        return format_place(e.file(), e.where(), e.message());
    } catch (const std::exception& e) {
        return db.string() + ": " + e.what();
    }
    db_ = db;
    assignment_ = std::move(a);
    placement_of_.clear();
    if (assignment_)
        for (std::size_t i = 0; i < assignment_->placed.size(); ++i) placement_of_[assignment_->placed[i].item_id] = i;
    hits_.clear();
    found_.reset();
    rebuild_shelves();
    return std::nullopt;
}

void LibraryView::set_mode(ColorMode m) {
    if (m == mode_) return;
    mode_ = m;
    rebuild_shelves();
}

void LibraryView::rebuild_shelves() {
    shelves_.clear();
    std::fill(class_counts_.begin(), class_counts_.end(), 0);
    ++version_;
    if (!assignment_) return;
    const auto& secs = assignment_->sections;
    // Every level of every assigned section gets an entry, so that an empty one shows no spines.
    std::vector<std::vector<ShelfBooks*>> levels(secs.size());
    for (std::size_t i = 0; i < secs.size(); ++i) {
        const auto& s = secs[i];
        for (int l = 1; l <= s.levels; ++l) {
            ShelfBooks& b = shelves_[shelf_key(s.furniture_id, s.face, s.number, l)];
            b.thickness = static_cast<float>(shelving::book_thickness(s.kind));
            levels[i].push_back(&b);
        }
    }
    for (const auto& p : assignment_->placed) {
        if (p.section < 0 || static_cast<std::size_t>(p.section) >= secs.size()) continue;
        const auto& s = secs[static_cast<std::size_t>(p.section)];
        if (p.level < 1 || p.level > s.levels) continue;
        const int cls = class_index(p.call_number);
        if (cls >= 0) ++class_counts_[static_cast<std::size_t>(cls)];
        const double fill = s.capacity > 0 ? static_cast<double>(assignment_->fills[static_cast<std::size_t>(p.section)].count) / s.capacity : 0;
        levels[static_cast<std::size_t>(p.section)][static_cast<std::size_t>(p.level - 1)]->colors.push_back(
            mode_ == ColorMode::Class ? class_color(cls) : fill_color(fill));
    }
}

ShelfSource LibraryView::shelf_source() const {
    if (!assignment_) return {};
    return [this](const std::string& furniture, int face, int section, int level) -> const ShelfBooks* {
        auto it = shelves_.find(shelf_key(furniture, face, section, level));
        return it == shelves_.end() ? nullptr : &it->second;
    };
}

std::vector<RangeSpan> LibraryView::range_spans() const {
    std::vector<RangeSpan> out;
    if (!assignment_) return out;
    std::map<std::string, std::size_t> at;
    for (std::size_t i = 0; i < assignment_->sections.size(); ++i) {
        const auto& s = assignment_->sections[i];
        const auto& f = assignment_->fills[i];
        if (f.count == 0) continue;
        auto [it, fresh] = at.try_emplace(s.furniture_id, out.size());
        if (fresh) out.push_back({s.furniture_id, s.label, f.first_call, f.last_call});
        else out[it->second].last = f.last_call;  // sections come in reading order
    }
    return out;
}

bool LibraryView::stale_for(const plan::Plan& plan, const plan::FurnitureCatalog& catalog) const {
    if (!assignment_) return false;
    std::set<std::string> now, stored;
    for (const auto& s : shelving::build_sections(plan, catalog)) now.insert(s.id);
    for (const auto& s : assignment_->sections) stored.insert(s.id);
    return now != stored;
}

std::optional<std::string> LibraryView::find(const std::string& query) {
    hits_.clear();
    found_.reset();
    if (db_.empty()) return tr("editor.library.err.no_db_open");
    try {
        auto store = catalog::open_store(db_);
        for (const auto& h : store->search(query, 20)) {
            for (const auto& it : store->items_of(h.record_id)) {
                FindHit hit;
                hit.record_id = h.record_id;
                hit.item_id = it.id;
                hit.title = h.title;
                hit.author = h.responsibility;
                hit.barcode = it.barcode;
                hit.call_number = it.call_number.empty() ? h.call_number : it.call_number;
                if (auto p = placement_of_.find(it.id); p != placement_of_.end()) {
                    const auto& pl = assignment_->placed[p->second];
                    hit.section = pl.section;
                    hit.shelf_level = pl.level;
                    hit.room = pl.room;
                }
                hits_.push_back(std::move(hit));
            }
        }
    } catch (const InputError& e) {
        return format_place(e.file(), e.where(), e.message());
    } catch (const std::exception& e) {
        return db_.string() + ": " + e.what();
    }
    if (hits_.empty()) return trf("editor.library.err.no_hits", {query});
    return std::nullopt;
}

std::optional<std::string> LibraryView::select_hit(std::size_t n, const plan::Plan& plan, const plan::FurnitureCatalog& catalog) {
    if (n >= hits_.size()) return trf("editor.library.err.no_hit", {std::to_string(n)});
    const FindHit& hit = hits_[n];
    if (hit.section < 0 || !assignment_) return trf("editor.library.err.not_on_shelf", {hit.barcode});
    const shelving::Section& sec = assignment_->sections[static_cast<std::size_t>(hit.section)];
    // The route from the first entrance of the section's level over the simulator's navmesh (the
    // same computation as the OPAC's); the plan may have changed since the last one, so a fresh planner.
    route::RoutePlanner planner(plan, catalog);
    const std::optional<route::ShelfRoute> r = planner.route(sec);
    if (!r) return trf("editor.library.err.section_missing", {sec.id});
    Found fd;
    fd.hit = hit;
    fd.section_id = sec.id;
    fd.furniture_id = sec.furniture_id;
    fd.level_id = sec.level_id;
    fd.place = to_place(r->face);
    fd.start = r->start;
    fd.goal = r->goal;
    fd.route = r->corners;
    fd.length = r->length;
    fd.route_error = r->error();
    found_ = std::move(fd);
    return std::nullopt;
}

std::vector<FlatVertex> found_overlay(const Found& found, float pulse) {
    std::vector<FlatVertex> v;
    auto quad = [&](glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 d, glm::vec4 col) {
        for (const glm::vec3& p : {a, b, c, a, c, d}) v.push_back({p, col});
    };
    // A frame of 4 cm bars just in front of the section face.
    const SectionPlace& p = found.place;
    const glm::vec4 frame_col = glm::mix(glm::vec4(0.0f, 0.55f, 0.75f, 1.f), glm::vec4(0.2f, 0.95f, 1.0f, 1.f), pulse);
    const glm::vec3 n(p.normal, 0.f);
    const glm::vec3 along(-p.normal.y, p.normal.x, 0.f);
    const glm::vec3 up(0, 0, 1);
    const glm::vec3 c = p.center + n * 0.03f;
    const float hw = p.width / 2, hh = p.height / 2, b = 0.04f;
    auto bar = [&](glm::vec3 center, glm::vec3 u, float hu, glm::vec3 w, float hwid) {
        quad(center - u * hu - w * hwid, center + u * hu - w * hwid, center + u * hu + w * hwid, center - u * hu + w * hwid, frame_col);
    };
    bar(c + up * hh, along, hw + b, up, b);
    bar(c - up * (hh - b), along, hw + b, up, b);
    bar(c + along * hw, up, hh, along, b);
    bar(c - along * hw, up, hh, along, b);
    // The route: a 12 cm ribbon 3 cm above the floor.
    const glm::vec4 route_col(0.95f, 0.25f, 0.55f, 1.f);
    for (std::size_t i = 0; i + 1 < found.route.size(); ++i) {
        const glm::vec3 a(static_cast<float>(found.route[i].x), static_cast<float>(found.route[i].y), 0.03f);
        const glm::vec3 e(static_cast<float>(found.route[i + 1].x), static_cast<float>(found.route[i + 1].y), 0.03f);
        const glm::vec3 d = e - a;
        if (glm::length(d) < 1e-5f) continue;
        const glm::vec3 side = glm::normalize(glm::vec3(-d.y, d.x, 0.f)) * 0.06f;
        quad(a - side, e - side, e + side, a + side, route_col);
    }
    return v;
}

}  // namespace shuxiang::editor::library
