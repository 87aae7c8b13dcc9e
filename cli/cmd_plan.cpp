// `shuxiang plan validate`, `shuxiang plan info` and `shuxiang plan check`: check a plan file, summarise
// it, and list its layout problems (`shuxiang plan export` is in cmd_plan_export.cpp).
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "cmd_plan_export.hpp"
#include "registry.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/standards/layout_checks.hpp"
#include "shuxiang/standards/profile.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {
namespace {

using nlohmann::json;
using namespace shuxiang::plan;

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// Numbers in JSON output carry micrometre precision, so that 1.08 does not print as 1.0799999999999998.
double round6(double v) { return std::round(v * 1e6) / 1e6; }

struct PlanOptions {
    std::string file;
    std::string catalog_dir;
    bool json = false;
};

// The catalogue the plan's furniture types refer to: a folder given on the command line, or the
// bundled one. Kept alive for the whole command.
const FurnitureCatalog& catalog_for(const PlanOptions& o, std::optional<FurnitureCatalog>& storage) {
    if (o.catalog_dir.empty()) return FurnitureCatalog::builtin();
    storage = FurnitureCatalog::load_dir(o.catalog_dir);
    return *storage;
}

int run_validate(const PlanOptions& o) {
    const std::string text = read_file(o.file);  // InputError → exit 2 for a missing or unreadable file
    std::optional<FurnitureCatalog> storage;
    const FurnitureCatalog& catalog = catalog_for(o, storage);
    const std::vector<Problem> problems = validate_plan_text(text, catalog);
    bool broken = false;
    for (const Problem& p : problems)
        if (p.key == "plan_io.json_syntax") broken = true;
    if (o.json) {
        json out{{"file", o.file}, {"valid", problems.empty()}, {"problems", json::array()}};
        for (const Problem& p : problems)
            out["problems"].push_back({{"pointer", p.pointer}, {"message", p.message}, {"key", p.key},
                                       {"text", localized_message(p)}});
        std::cout << out.dump(2) << "\n";
    } else if (problems.empty()) {
        std::cout << trf("plan_geom.valid", {o.file}) << "\n";
    } else {
        std::cout << trf("plan_geom.invalid", {o.file, std::to_string(problems.size())}) << "\n";
        for (const Problem& p : problems)
            std::cout << "  " << (p.pointer.empty() ? std::string("/") : p.pointer) << ": "
                      << localized_message(p) << "\n";
    }
    if (broken) return 2;
    return problems.empty() ? 0 : 1;
}

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

json summary_json(const std::string& file, const PlanSummary& s) {
    json school{{"name", s.school.name},
                {"type", to_string(s.school.type)},
                {"students",
                 {{"primary", s.school.students.primary},
                  {"junior", s.school.students.junior},
                  {"senior", s.school.students.senior},
                  {"total", s.school.students.total()}}},
                {"teachers", s.school.teachers},
                {"classes", s.school.classes}};
    json rooms = json::array();
    for (const RoomStats& r : s.rooms) {
        json counts = json::object();
        for (const auto& [cat, n] : r.counts) counts[to_string(cat)] = n;
        rooms.push_back({{"level", r.level},
                         {"id", r.room},
                         {"name", r.name},
                         {"kind", to_string(r.kind)},
                         {"area", round6(r.area)},
                         {"seats", r.seats},
                         {"shelf_metres", round6(r.shelf_metres)},
                         {"furniture", r.furniture},
                         {"counts", counts},
                         {"inside", r.inside.empty() ? json(nullptr) : json(r.inside)}});
    }
    json aisles = json::array();
    for (const Aisle& a : s.aisles)
        aisles.push_back({{"level", a.level},
                          {"a", a.a},
                          {"b", a.b},
                          {"b_is_wall", a.b_is_wall},
                          {"width", round6(a.width)},
                          {"length", round6(a.length)},
                          {"midpoint", {round6(a.midpoint.x), round6(a.midpoint.y)}},
                          {"direction", {round6(a.direction.x), round6(a.direction.y)}}});
    json overlaps = json::array();
    for (const Overlap& o : s.overlaps)
        overlaps.push_back({{"level", o.level}, {"a", o.a}, {"b", o.b}, {"depth", round6(o.depth)}});
    auto refs = [](const std::vector<RoomRef>& v) {
        json a = json::array();
        for (const RoomRef& r : v) a.push_back({{"level", r.level}, {"room", r.room}});
        return a;
    };
    return {{"file", file},
            {"school", school},
            {"levels", s.levels},
            {"total_area", round6(s.total_area)},
            {"total_seats", s.total_seats},
            {"total_shelf_metres", round6(s.total_shelf_metres)},
            {"furniture", s.furniture},
            {"furniture_outside_rooms", s.furniture_outside_rooms},
            {"rooms", rooms},
            {"aisles", {{"min_width", s.min_aisle_width ? json(round6(*s.min_aisle_width)) : json(nullptr)},
                        {"list", aisles}}},
            {"overlaps", overlaps},
            {"reachable", refs(s.reach.reachable)},
            {"unreachable", refs(s.reach.unreachable)},
            {"levels_without_entrance", s.reach.levels_without_entrance},
            {"unknown_types", s.unknown_types}};
}

void print_summary(const PlanSummary& s) {
    std::cout << trf("plan_geom.info.school",
                     {s.school.name, tr(display_key(s.school.type)), std::to_string(s.school.students.total()),
                      std::to_string(s.school.teachers), std::to_string(s.school.classes)})
              << "\n";
    std::cout << trf("plan_geom.info.totals",
                     {std::to_string(s.levels), std::to_string(s.rooms.size()), fixed(s.total_area, 1),
                      std::to_string(s.total_seats), fixed(s.total_shelf_metres, 1), std::to_string(s.furniture)})
              << "\n";
    std::cout << tr("plan_geom.info.rooms") << "\n";
    for (const RoomStats& r : s.rooms)
        std::cout << trf("plan_geom.info.room", {r.level, r.room, r.name, tr(display_key(r.kind)), fixed(r.area, 1),
                                                 std::to_string(r.seats), fixed(r.shelf_metres, 1)})
                  << "\n";
    if (s.aisles.empty()) {
        std::cout << tr("plan_geom.info.no_aisles") << "\n";
    } else {
        std::cout << trf("plan_geom.info.aisles", {std::to_string(s.aisles.size()), fixed(*s.min_aisle_width, 2)})
                  << "\n";
        for (const Aisle& a : s.aisles)
            std::cout << trf("plan_geom.info.aisle",
                             {a.a, a.b_is_wall ? trf("plan_geom.info.wall", {a.b}) : a.b, fixed(a.width, 2),
                              fixed(a.length, 2), fixed(a.midpoint.x, 2), fixed(a.midpoint.y, 2)})
                      << "\n";
    }
    if (s.overlaps.empty()) {
        std::cout << tr("plan_geom.info.no_overlaps") << "\n";
    } else {
        std::cout << trf("plan_geom.info.overlaps", {std::to_string(s.overlaps.size())}) << "\n";
        for (const Overlap& o : s.overlaps)
            std::cout << trf("plan_geom.info.overlap", {o.a, o.b, fixed(o.depth, 2)}) << "\n";
    }
    if (s.reach.unreachable.empty()) {
        std::cout << tr("plan_geom.info.all_reachable") << "\n";
    } else {
        std::vector<std::string> names;
        for (const RoomRef& r : s.reach.unreachable) names.push_back(r.level + "/" + r.room);
        std::cout << trf("plan_geom.info.unreachable", {join(names)}) << "\n";
    }
    for (const std::string& l : s.reach.levels_without_entrance)
        std::cout << trf("plan_geom.info.no_entrance", {l}) << "\n";
    if (s.furniture_outside_rooms > 0)
        std::cout << trf("plan_geom.info.outside", {std::to_string(s.furniture_outside_rooms)}) << "\n";
    if (!s.unknown_types.empty())
        std::cout << trf("plan_geom.info.unknown_types", {join(s.unknown_types)}) << "\n";
}

int run_info(const PlanOptions& o) {
    const std::string text = read_file(o.file);  // a missing file is named before the catalogue is loaded
    std::optional<FurnitureCatalog> storage;
    const FurnitureCatalog& catalog = catalog_for(o, storage);
    const Plan plan = plan_from_json_text(text, o.file, catalog);  // InputError → exit 2
    const PlanSummary s = summarize(plan, with_plan_types(catalog, plan));  // imported models count too
    if (o.json) std::cout << summary_json(o.file, s).dump(2) << "\n";
    else print_summary(s);
    return 0;
}

json problem_json(const standards::LayoutProblem& p) {
    return {{"kind", p.kind},
            {"level", p.level},
            {"ids", p.ids},
            {"labels", p.labels},
            {"measured", round6(p.measured)},
            {"required", round6(p.required)},
            {"unit", p.unit},
            {"source", p.source},
            {"at", {round6(p.at.x), round6(p.at.y)}},
            {"text", standards::problem_text(p)}};
}

void print_problem(const standards::LayoutProblem& p) {
    std::cout << "  [" << p.kind << "] " << standards::problem_text(p) << "\n";
    if (!p.unit.empty())
        std::cout << "      " << trf("plan_check.values", {fixed(p.measured, 2), fixed(p.required, 2), p.unit}) << "\n";
    if (!p.source.empty()) std::cout << "      " << trf("plan_check.source", {p.source}) << "\n";
}

// Exit 0 when the layout has no problem, 1 when it has some; a bad file is an InputError (exit 2).
int run_check(const PlanOptions& o) {
    const std::string text = read_file(o.file);
    std::optional<FurnitureCatalog> storage;
    const FurnitureCatalog& catalog = catalog_for(o, storage);
    const Plan plan = plan_from_json_text(text, o.file, catalog);
    const auto rules = standards::RuleSet::for_region(standards::builtin_profile_dir(), plan.school.region);
    const auto problems = standards::layout_problems(plan, with_plan_types(catalog, plan), rules);
    if (o.json) {
        json out{{"file", o.file}, {"profile", rules.id()}, {"count", problems.size()}, {"problems", json::array()}};
        for (const auto& p : problems) out["problems"].push_back(problem_json(p));
        std::cout << out.dump(2) << "\n";
    } else if (problems.empty()) {
        std::cout << trf("plan_check.none", {o.file}) << "\n";
    } else {
        std::cout << trf("plan_check.some", {o.file, std::to_string(problems.size())}) << "\n";
        for (const auto& p : problems) print_problem(p);
    }
    return problems.empty() ? 0 : 1;
}

void add_common(CLI::App* cmd, PlanOptions& o) {
    cmd->set_help_flag("-h,--help", tr("cli.help"));
    cmd->add_option("file", o.file, tr("plan_geom.opt.file"))->required();
    cmd->add_flag("--json", o.json, tr("cli.json"));
    cmd->add_option("--catalog", o.catalog_dir, tr("plan_geom.opt.catalog"));
}

const Registrar kRegister{[](CLI::App& root) {
    CLI::App* plan = root.add_subcommand("plan", tr("plan_geom.cmd.plan"));
    plan->set_help_flag("-h,--help", tr("cli.help"));
    plan->require_subcommand(1);

    auto validate_opts = std::make_shared<PlanOptions>();
    CLI::App* validate = plan->add_subcommand("validate", tr("plan_geom.cmd.validate"));
    add_common(validate, *validate_opts);
    validate->callback([validate_opts] { run_guarded([&] { return run_validate(*validate_opts); }); });

    auto info_opts = std::make_shared<PlanOptions>();
    CLI::App* info = plan->add_subcommand("info", tr("plan_geom.cmd.info"));
    add_common(info, *info_opts);
    info->callback([info_opts] { run_guarded([&] { return run_info(*info_opts); }); });

    auto check_opts = std::make_shared<PlanOptions>();
    CLI::App* check = plan->add_subcommand("check", tr("plan_check.cmd"));
    add_common(check, *check_opts);
    check->callback([check_opts] { run_guarded([&] { return run_check(*check_opts); }); });

    add_plan_export(plan);
}};

}  // namespace
}  // namespace shuxiang::cli
