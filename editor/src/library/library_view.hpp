#pragma once
// The editor's view of the school's library database: the stored shelving assignment turned into the
// books on each shelf (coloured by 中图法 class or by how full the section is), the call-number span
// of each range, and "find a book": catalog search joined with the assignment, the found section's
// place and the walking route to it from the entrance over the simulator's navmesh.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <glm/glm.hpp>

#include "render/scene.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"
#include "shuxiang/shelving/assign.hpp"

namespace shuxiang::editor::library {

enum class ColorMode { Class, Fill };

// One copy that matched a search, with where the assignment put it.
struct FindHit {
    long long record_id = 0;
    long long item_id = 0;
    std::string title, author, barcode, call_number;
    int section = -1;       // index into the assignment's sections; -1 when not on a shelf
    int shelf_level = 0;    // 1 = top
    std::string room;       // the room (or classroom corner) it is in, when placed
};

// A section face in the world: the centre of its front at mid height, its width and height, the
// outward normal of the face and the range's yaw.
struct SectionPlace {
    glm::vec3 center{0.f};
    float width = 0, height = 0;
    glm::vec2 normal{0.f, -1.f};
    float yaw_deg = 0;
};

// The chosen hit: its section (highlighted) and the route from the entrance.
struct Found {
    FindHit hit;
    std::string section_id, furniture_id, level_id;
    SectionPlace place;
    plan::Vec2 start{0, 0}, goal{0, 0};  // the entrance and the standing point in front of the section
    std::vector<plan::Vec2> route;       // navmesh path corners, start to goal; empty when none
    double length = 0;                   // m along the route
    std::string route_error;             // translated reason when there is no route
};

// The first and last call number on one range (furniture piece) in reading order.
struct RangeSpan {
    std::string furniture_id, label, first, last;
};

// Where a section face of `f` is: `face` 1 = front (local -Y), `number` 1.. from the left as a reader
// facing it sees the sections. nullopt when the type holds no such section.
std::optional<SectionPlace> section_place(const plan::Furniture& f, const plan::FurnitureType& t, int face, int number);

class LibraryView {
public:
    // Reads the stored assignment of `db`. On failure (not a library database, newer schema) the
    // previous state stays and the translated message is returned.
    std::optional<std::string> open(const std::filesystem::path& db);
    const std::filesystem::path& db() const { return db_; }
    bool assigned() const { return assignment_.has_value(); }
    const shelving::Assignment* assignment() const { return assignment_ ? &*assignment_ : nullptr; }

    ColorMode mode() const { return mode_; }
    void set_mode(ColorMode m);
    // Changes whenever what the shelves show changes (database opened, colour mode).
    unsigned long version() const { return version_; }
    // The books of each assigned shelf for build_scene(); empty when nothing is assigned.
    ShelfSource shelf_source() const;
    // Count of the books on shelves per class index (0..21), for the legend.
    const std::vector<long long>& class_counts() const { return class_counts_; }

    std::vector<RangeSpan> range_spans() const;
    // True when the plan's shelf sections differ from those the stored assignment was made for
    // (furniture added, removed or changed since `shuxiang shelve`).
    bool stale_for(const plan::Plan& plan, const plan::FurnitureCatalog& catalog) const;

    // Searches the catalog (title, author, ISBN, barcode, call number) and lists every copy of the
    // matching records; the hits replace the previous ones and the found section is cleared.
    std::optional<std::string> find(const std::string& query);
    const std::vector<FindHit>& hits() const { return hits_; }
    // Chooses hit `n` (0-based): its section and the walking route from the plan's entrance on the
    // section's level. Fails for a copy that is not on a shelf or a section missing from the plan.
    std::optional<std::string> select_hit(std::size_t n, const plan::Plan& plan, const plan::FurnitureCatalog& catalog);
    const std::optional<Found>& found() const { return found_; }
    void clear_found() { found_.reset(); }

private:
    void rebuild_shelves();

    std::filesystem::path db_;
    std::optional<shelving::Assignment> assignment_;
    std::unordered_map<long long, std::size_t> placement_of_;  // item id -> index in placed
    std::unordered_map<std::string, ShelfBooks> shelves_;       // "furniture|face|section|level"
    std::vector<long long> class_counts_ = std::vector<long long>(22, 0);
    ColorMode mode_ = ColorMode::Class;
    unsigned long version_ = 0;
    std::vector<FindHit> hits_;
    std::optional<Found> found_;
};

// Triangles of the found section's outline (a frame round its face, brighter as `pulse` goes 0..1)
// and of the route as a ribbon on the floor.
std::vector<FlatVertex> found_overlay(const Found& found, float pulse);

}  // namespace shuxiang::editor::library
