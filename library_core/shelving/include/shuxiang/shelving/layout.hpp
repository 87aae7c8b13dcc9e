#pragma once
// Shelf sections of a plan in reading order: every book-holding piece of furniture cut into
// sections (one per face and bay), each with a capacity in books from its geometry.
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"

namespace shuxiang::shelving {

// What a section is for; picks the average book thickness and which items may go there.
enum class SectionKind {
    General,      // the main 中图法 sequence
    Reference,    // a range labelled 工具书 / reference
    Local,        // a range labelled 湖湘 / 地方 / local (the local collection)
    PictureBook,  // picture_book_bin furniture
    Periodical,   // periodical_rack furniture
    Corner,       // classroom_cabinet furniture, or any shelving in a classroom-corner room
    NewBooks,     // the new-books display (新书展示): display furniture for new books, see new_books_display()
};
const char* to_string(SectionKind k);

// Average thickness of one book on the shelf, metres (documented in docs/shelving.md):
// general 25 mm, reference 40 mm, local 25 mm, picture books 10 mm, periodicals 6 mm, corner 25 mm.
double book_thickness(SectionKind k);

// A new-books display (新书展示): display-case furniture whose type id contains "new_book", whose
// Chinese name or label contains 新书. It holds books face up, one per 0.15 × 0.22 m (a 大32开 cover,
// 140 × 203 mm, with a small gap), so a 1.2 × 0.6 m table shows ⌊1.2 / 0.15⌋ × ⌊0.6 / 0.22⌋ = 16.
bool new_books_display(const plan::Furniture& f, const plan::FurnitureType& t);
int new_books_display_capacity(const plan::FurnitureType& t);

// One section: one bay of one face of a range. Levels are numbered 1 (top) .. levels.
struct Section {
    std::string id;            // "<furniture id>/<face>/<section>", face and section from 1
    std::string furniture_id;
    std::string label;         // the range's label ("A1"), may be empty
    std::string level_id;
    std::string room_id;       // "" when the furniture stands outside every room
    std::string room_name;
    int face = 1;              // 1: the front (local -Y side), 2: the back
    int number = 1;            // 1.. left to right as seen by a reader facing this face
    int levels = 1;
    double width = 0;          // m
    SectionKind kind = SectionKind::General;
    int capacity = 0;          // books when full: floor(width × levels / thickness)
    int target = 0;            // working fill: floor(capacity × fill)
};

struct LayoutOptions {
    double fill = 0.75;  // working fill target, (0, 1]
    // Rooms in this order first (by room id); the rest in plan order (levels, then rooms).
    std::vector<std::string> room_order;
    // Workrooms (采编) hold no public collection unless listed here.
    bool include_workrooms = false;
};

// The sections of a plan in reading order: rooms in the chosen order; in a room, ranges in a
// serpentine (rows front to back along the ranges' normal, alternating direction along each row);
// in a range, face 1 left to right then face 2 left to right (for a double-faced range that walks
// round its end). A new-books display is one section (id "<furniture id>/1/1", one level, target =
// capacity) after the room's ranges, so it leaves their order as it was. Furniture of unknown types
// or holding no books is skipped.
std::vector<Section> build_sections(const plan::Plan& plan, const plan::FurnitureCatalog& catalog,
                                    const LayoutOptions& options = {});

// Splits a section id into furniture id, face and section number; false when it is not one.
bool parse_section_id(std::string_view id, std::string* furniture, int* face, int* number);

}  // namespace shuxiang::shelving
