#pragma once
// The compliance engine: a plan and a holdings summary measured against a resolved standards
// profile, giving a checklist that the report, the editor's checks panel and the bureau read.
#include <optional>
#include <string>
#include <vector>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/plan/model.hpp"
#include "shuxiang/standards/holdings.hpp"
#include "shuxiang/standards/profile.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::standards {

enum class Status { Pass, Warning, Fail, NotAssessable };
const char* to_string(Status s);

// A place in the plan a check points at (drawn on the report's top view).
struct Marker {
    std::string level;
    double x = 0, y = 0;
    std::string object;  // id of the room / furniture / opening concerned, if any
};

// One figure a requirement rests on (a stage row of a table), for the report's provenance.
struct SourceRef {
    std::string key;  // e.g. "collection.books_per_student.junior"
    double value = 0;
    std::string unit;
    std::string source, source_en;
    Confidence confidence = Confidence::Unconfirmed;
    double part = 0;  // the share of the requirement this row gives (books: its stage's students × norm)
};

// One line of the checklist.
struct Check {
    std::string id;             // stable id, e.g. "collection.books_per_student"
    std::string group;          // "collection", "space", "safety", "service"
    Status status = Status::NotAssessable;
    double measured = 0;
    double required = 0;
    std::string unit;
    std::string comparison;     // ">=", "<=", "≈" (share within tolerance), "present"
    std::string source;         // of the required figure (Chinese)
    std::string source_en;      // its English text where it differs (empty: the same)
    Confidence confidence = Confidence::Unconfirmed;
    bool derived = false;       // the required value is computed (e.g. the weighted 一贯制 rule)
    std::string rule_key;       // translation key of the rule that combined several rows (derived)
    // Every figure the requirement rests on; `confidence` is the weakest of them.
    std::vector<SourceRef> sources;
    // A city-encouraged item (the notice's "积极打造" spaces, the 藏借阅研休 layout): shown as a
    // recommendation, left out of the pass/fail counts and verdicts unless the profile requires it.
    bool recommended = false;
    std::string title_key;      // translation key of the check's name
    std::string advice_key;     // translation key of what to change (empty when passing)
    // Arguments of the advice text. An argument "@key" is itself translated; "@a|@b" is a list.
    std::vector<std::string> advice_args;
    std::string note;           // why it is not assessable, or how the value was derived (English)
    std::vector<Marker> markers;
};

struct Checklist {
    std::string profile;  // resolved profile id
    std::vector<Check> checks;
    // Required checks with this status (recommendations are not counted).
    int count(Status s) const;
    // Recommendations that are not met (any status but Pass).
    int recommendations_open() const;
    const Check* find(const std::string& id) const;
};

// Student-weighted requirement for a school type (一贯制 schools mix the stage norms by their
// students). `key_prefix` like "collection.periodicals"; returns the required value and whether
// it was derived from several stages.
struct Requirement {
    double value = 0;
    bool derived = false;
    const Figure* figure = nullptr;  // the figure of the first stage involved (source, confidence)
    std::vector<const Figure*> figures;  // every stage row used
    std::vector<double> parts;           // what each row adds to `value` (books only)
    std::string rule;                    // how the rows were combined (a Policy rule name) when derived
    std::vector<std::string> missing;  // figure keys the profile lacks for this school's stages
};
// Marks a check not assessable because the profile lacks `missing` figures (never a requirement
// of 0 that passes); the reason is the check's advice.
void not_assessable_missing(Check& c, const std::vector<std::string>& missing, const RuleSet& rules);
// Cites every figure of a requirement: the check's sources, its first source and the weakest confidence.
void cite(Check& c, const std::vector<const Figure*>& figures);
// Share of primary pupils among the students (1 for a primary school, 0 for a secondary one), for
// the norms that differ between primary and secondary stages.
double primary_share(const plan::School& s);
// Total books required: Σ students_in_stage × books_per_student(stage).
Requirement required_books(const plan::School& s, const RuleSet& rules);
// Titles required (periodicals, reference works) by the profile's mixed-school rule: the
// student-weighted mean of the stage norms (default), the highest stage's norm, or their sum.
Requirement required_titles(const plan::School& s, const RuleSet& rules, const std::string& key_prefix);
// Required share (%) of each 大部类, student-weighted between the primary and secondary tables.
std::array<Requirement, 5> required_shares(const plan::School& s, const RuleSet& rules);

// The reading area the standard asks for, from the school's stages: the required student seats × the
// m² per seat of its stages, plus the required teacher seats × the teachers' m² per seat.
struct ReadingArea {
    double student_seats = 0, teacher_seats = 0;
    double student_m2_per_seat = 0, teacher_m2_per_seat = 0;
    double area = 0;                   // m²
    std::vector<std::string> missing;  // figures the profile lacks (then area is not meaningful)
};
ReadingArea required_reading_area(const plan::School& s, const RuleSet& rules);

// Books a placed piece of furniture holds when full: sections × faces × ⌊section width × shelf levels ÷
// book thickness⌋, the shelving module's rule, with the profile's thickness (`stacks.book_thickness.*`:
// `picture` for picture-book bins, `reference` for ranges labelled 工具书, else `general`). Periodical
// racks and furniture without shelves hold none. A thickness the profile lacks goes to `missing`.
struct BookPlaces {
    double books = 0;
    double metres = 0;  // of shelf
};
BookPlaces book_places(const plan::Furniture& f, const plan::FurnitureType& t, const RuleSet& rules,
                       std::vector<std::string>& missing);

// The profile figure of the books per m² a stack room of this arrangement is planned for
// ("stacks.books_per_m2.open", ".closed", ".compact"; GB 50099-2011 5.13.3-4).
std::string stack_density_key(plan::StackArrangement a);

// One stack room with shelving: the books its shelving holds when full per m² of its floor (inner
// faces of the walls), and the density its arrangement is planned for.
struct StackDensity {
    const plan::Level* level = nullptr;
    const plan::Room* room = nullptr;
    double area = 0;     // m²
    double books = 0;    // places on its shelving (furniture counted in the room by plan::room_of)
    double per_m2 = 0;   // books / area
    const Figure* figure = nullptr;  // the arrangement's books per m² (null: the profile lacks it)
};
// Every stack room of the plan that has shelving, in plan order. Missing thickness or density
// figures go to `missing` (sorted, once each).
std::vector<StackDensity> stack_densities(const plan::Plan& plan, const plan::FurnitureCatalog& catalog,
                                          const RuleSet& rules, std::vector<std::string>& missing);

// Aisles of plan::aisles() that the aisle checks judge: those between two ranges standing in the same
// compact-shelving room are left out (mobile shelving opens its aisle where it is needed).
std::vector<plan::Aisle> fixed_aisles(const plan::Plan& plan, const plan::FurnitureCatalog& catalog);

// Collection checks from the holdings summary (or all not assessable without one).
void check_collection(const plan::School& school, const HoldingsSummary* holdings, const RuleSet& rules,
                      Checklist& out);

// Checks that need the plan: the five functions, seats, area per seat, stack capacity, lending
// area, ubiquitous reading spaces, aisles, exits and evacuation width, clear height, overlaps,
// reachability, opening hours. `holdings` (may be null) sizes the stack-capacity checks.
void check_plan(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, const HoldingsSummary* holdings,
                const RuleSet& rules, Checklist& out);

// The whole checklist: collection checks then plan checks.
Checklist check_all(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, const HoldingsSummary* holdings,
                    const RuleSet& rules);

// A check's unit for display: words translated ("books" → 册), symbols kept ("m", "%").
std::string unit_text(const std::string& unit, Language lang);

// The advice of a check in a language, its arguments translated ("" when there is none).
std::string advice_text(const Check& c, Language lang);

// Status of "measured ≥ required" with the profile's warning band.
Status at_least(double measured, double required, const RuleSet& rules);

}  // namespace shuxiang::standards
