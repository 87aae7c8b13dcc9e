#pragma once
// Assignment of a collection to shelf sections: items in 中图法 shelf order laid along the reading
// order within each section's working fill, with growth space per 大部类, and special collections
// (picture books, periodicals, reference, local collection, classroom corners) where the plan puts them.
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "shuxiang/shelving/layout.hpp"

namespace shuxiang::shelving {

// One held copy as the assignment sees it (withdrawn and lost copies are left out by the caller).
struct ShelfItem {
    long long id = 0;
    std::string call_number;
    std::string location;  // where it is now: a section id, furniture id or room id, or ""
    // The collection it belongs to: General, Reference, Local, PictureBook or Periodical.
    SectionKind kind = SectionKind::General;
    std::string acquired;  // YYYY-MM-DD (a longer timestamp is cut to its day); "" when unknown
};

// The facts about a title that decide its collection.
struct ItemFacts {
    std::string call_number;
    std::string clc_class;
    std::vector<std::string> subjects;
    bool preschool_audience = false;  // CNMARC/MARC21 audience coded pre-school
    bool local_collection = false;
    bool serial = false;  // MARC leader/07 = 's'
};
// Periodical when serial; local when flagged; picture book when for pre-school readers, in a
// 图画故事 class (I287.8, or a foreign literature class I3xx-I7xx ending in .85) or with a 绘本 /
// 图画书 / 图画故事 subject; reference when in class Z or carrying the -61 (dictionaries,
// encyclopaedias) auxiliary; general otherwise.
SectionKind classify(const ItemFacts& facts);

struct AssignOptions {
    // Room ids that are classroom corners: copies located there (or on furniture there) stay.
    std::set<std::string> corner_rooms;
    // The previous place of each copy (item id -> section id). When given, the layout keeps the
    // shelf order and only shifts section boundaries, keeping as many copies in their old section
    // as the new targets allow (sections that are new stay empty unless needed); growth space then
    // stays where it was. Without it, growth space is spread per 大部类 (see assign()).
    const std::unordered_map<long long, std::string>* previous = nullptr;
    // New-books display (新书展示): copies acquired from new_since to new_until (YYYY-MM-DD, both
    // inclusive; new_since "" = no display) go to the plan's new-books displays, most recent first
    // (ties in shelf order), each display up to its capacity, displays in reading order. The rest,
    // and every copy when the plan has no display, stay in the shelf order of their collection.
    // Periodicals, classroom-corner copies and copies whose call number does not parse are not shown.
    std::string new_since, new_until;
};

struct Placement {
    long long item_id = 0;
    int section = -1;  // index into Assignment::sections; -1 for a corner without shelving
    int level = 0;     // 1 = top shelf; 0 when section is -1
    std::string room;  // the section's room, or the corner room
    std::string call_number;
};

struct Unplaced {
    long long item_id = 0;
    std::string call_number;
    std::string reason;  // translation key: shelving.reason.*
};

struct SectionFill {
    int count = 0;
    std::string first_call;
    std::string last_call;
};

struct Assignment {
    std::vector<Section> sections;   // in reading order
    std::vector<SectionFill> fills;  // one per section
    std::vector<Placement> placed;   // in reading order (sections), corner copies without shelving last
    std::vector<Unplaced> unplaced;
};

// Lays `items` out over `sections` (from build_sections, in reading order). Items with a call
// number that does not parse, copies of a full corner, and copies beyond the working fill of their
// collection's sections are reported in `unplaced` with the reason; everything else is placed.
Assignment assign(std::vector<Section> sections, const std::vector<ShelfItem>& items, const AssignOptions& options = {});

}  // namespace shuxiang::shelving
