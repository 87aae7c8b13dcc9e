#include <shuxiang/scenario/scenario.hpp>

#include <shuxiang/util/error.hpp>
#include <shuxiang/util/text_position.hpp>
#include <shuxiang/util/i18n.hpp>
#include <shuxiang/util/fs.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace shuxiang::scenario {

namespace {

using nlohmann::json;

struct Reader {
    const std::string& file;

    [[noreturn]] void fail(const std::string& ptr, const std::string& msg) const { throw InputError(file, ptr, msg); }

    const json& object(const json& j, const std::string& ptr) const {
        if (!j.is_object()) fail(ptr, tr("common.json.expected_object"));
        return j;
    }
    double number(const json& o, const std::string& key, const std::string& ptr, double def, double lo,
                  double hi) const {
        auto it = o.find(key);
        if (it == o.end()) return def;
        if (!it->is_number()) fail(ptr + "/" + key, tr("common.json.expected_number"));
        double v = it->get<double>();
        if (!(v >= lo && v <= hi)) fail(ptr + "/" + key, trf("sim_scenario.error.out_of_range", {std::to_string(lo), std::to_string(hi)}));
        return v;
    }
    std::string string(const json& o, const std::string& key, const std::string& ptr, bool required) const {
        auto it = o.find(key);
        if (it == o.end()) {
            if (required) fail(ptr + "/" + key, tr("common.json.missing"));
            return {};
        }
        if (!it->is_string()) fail(ptr + "/" + key, tr("common.json.expected_string"));
        return it->get<std::string>();
    }
    // [min, max] pair or a single number.
    void range(const json& o, const std::string& key, const std::string& ptr, double& lo, double& hi) const {
        auto it = o.find(key);
        if (it == o.end()) return;
        if (it->is_number()) {
            lo = hi = it->get<double>();
        } else if (it->is_array() && it->size() == 2 && (*it)[0].is_number() && (*it)[1].is_number()) {
            lo = (*it)[0].get<double>();
            hi = (*it)[1].get<double>();
        } else {
            fail(ptr + "/" + key, tr("sim_scenario.error.number_or_range"));
        }
        if (!(lo >= 0 && hi >= lo && hi < 1e6)) fail(ptr + "/" + key, tr("sim_scenario.error.min_max"));
    }
    void check_keys(const json& o, const std::string& ptr, std::initializer_list<const char*> keys) const {
        for (auto it = o.begin(); it != o.end(); ++it) {
            bool known = false;
            for (const char* k : keys) known = known || it.key() == k;
            if (!known) fail(ptr + "/" + it.key(), tr("sim_scenario.error.unknown_key"));
        }
    }
};

std::optional<ped::AgeGroup> age_from_string(std::string_view s) {
    if (s == "under30" || s == "pupil" || s == "adult") return ped::AgeGroup::Under30;
    if (s == "30to50") return ped::AgeGroup::From30To50;
    if (s == "over50") return ped::AgeGroup::Over50;
    if (s == "limited_mobility") return ped::AgeGroup::LimitedMobility;
    return std::nullopt;
}

}  // namespace

Scenario scenario_from_json_text(std::string_view text, const std::string& filename) {
    Reader r{filename};
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        // Named like plan files' syntax errors: the line and column, then nlohmann's detail.
        const auto [line, col] = line_column(text, e.byte > 0 ? e.byte - 1 : 0);
        std::string detail = e.what();
        if (auto p = detail.find(": "); p != std::string::npos && detail.find("parse error") < p) detail = detail.substr(p + 2);
        throw InputError(filename, "line " + std::to_string(line) + ", column " + std::to_string(col),
                         trf("plan_io.json_syntax_here", {detail}));
    } catch (const json::exception& e) {
        throw InputError(filename, "", trf("plan_io.number_overflow_here", {e.what()}));
    }
    r.object(doc, "");
    r.check_keys(doc, "", {"schema_version", "name", "duration_s", "alarm_time_s", "seed", "groups", "schedule", "exits"});
    auto ver = doc.find("schema_version");
    if (ver == doc.end()) r.fail("/schema_version", tr("common.json.missing"));
    if (!ver->is_number_integer() || ver->get<int>() != 1) r.fail("/schema_version", tr("sim_scenario.error.version"));
    Scenario s;
    s.name = r.string(doc, "name", "", false);
    s.duration = r.number(doc, "duration_s", "", 600, 1, 86400);
    s.alarm_time = r.number(doc, "alarm_time_s", "", kNever, 0, 86400);
    s.seed = static_cast<std::uint64_t>(r.number(doc, "seed", "", 1, 0, 9e15));

    std::set<std::string> names;
    auto groups = doc.find("groups");
    if (groups == doc.end() || !groups->is_array() || groups->empty()) r.fail("/groups", tr("sim_scenario.error.groups"));
    for (std::size_t i = 0; i < groups->size(); ++i) {
        const std::string p = "/groups/" + std::to_string(i);
        const json& g = r.object((*groups)[i], p);
        r.check_keys(g, p, {"name", "count", "start", "age_group", "speed", "radius_m", "pre_movement_s", "activities",
                            "exit", "membership", "keep_together_m"});
        Group grp;
        grp.name = r.string(g, "name", p, true);
        if (!names.insert(grp.name).second) r.fail(p + "/name", tr("sim_scenario.error.group_twice"));
        grp.count = static_cast<int>(r.number(g, "count", p, 0, 0, 100000));
        if (auto st = g.find("start"); st != g.end()) {
            const std::string sp = p + "/start";
            r.object(*st, sp);
            r.check_keys(*st, sp, {"room", "polygon", "opening"});
            grp.start.room = r.string(*st, "room", sp, false);
            grp.start.opening = r.string(*st, "opening", sp, false);
            if (auto poly = st->find("polygon"); poly != st->end()) {
                if (!poly->is_array() || poly->size() < 3) r.fail(sp + "/polygon", tr("sim_scenario.error.polygon"));
                for (std::size_t k = 0; k < poly->size(); ++k) {
                    const json& pt = (*poly)[k];
                    if (!pt.is_array() || pt.size() != 2 || !pt[0].is_number() || !pt[1].is_number())
                        r.fail(sp + "/polygon/" + std::to_string(k), tr("sim_scenario.error.point"));
                    grp.start.polygon.push_back({pt[0].get<double>(), pt[1].get<double>()});
                }
            }
            int given = !grp.start.room.empty() + !grp.start.opening.empty() + !grp.start.polygon.empty();
            if (given != 1) r.fail(sp, tr("sim_scenario.error.one_start"));
        } else {
            r.fail(p + "/start", tr("common.json.missing"));
        }
        if (g.contains("age_group")) {
            std::string a = r.string(g, "age_group", p, true);
            grp.age = age_from_string(a);
            if (!grp.age) r.fail(p + "/age_group", trf("sim_scenario.error.age_group", {a}));
        }
        if (auto sp = g.find("speed"); sp != g.end()) {
            const std::string q = p + "/speed";
            r.object(*sp, q);
            r.check_keys(*sp, q, {"mean", "sigma", "min", "max"});
            grp.speed.mean = r.number(*sp, "mean", q, 1.3, 0.1, 3.0);
            grp.speed.sigma = r.number(*sp, "sigma", q, 0.0, 0.0, 1.0);
            // Without bounds: mean ± 2 sigma, at least 0.3 m/s (the sigma is not ignored).
            const double lo = std::min(grp.speed.mean, std::max(0.3, grp.speed.mean - 2 * grp.speed.sigma));
            const double hi = std::min(3.0, grp.speed.mean + 2 * grp.speed.sigma);
            grp.speed.min = r.number(*sp, "min", q, lo, 0.05, 3.0);
            grp.speed.max = r.number(*sp, "max", q, hi, 0.05, 3.0);
            if (grp.speed.min > grp.speed.mean || grp.speed.mean > grp.speed.max) r.fail(q, tr("sim_scenario.error.speed_order"));
        }
        grp.radius = r.number(g, "radius_m", p, 0.2, 0.1, 0.4);
        r.range(g, "pre_movement_s", p, grp.pre_movement_min, grp.pre_movement_max);
        if (auto acts = g.find("activities"); acts != g.end()) {
            if (!acts->is_array()) r.fail(p + "/activities", tr("common.json.expected_array"));
            for (std::size_t k = 0; k < acts->size(); ++k) {
                const std::string q = p + "/activities/" + std::to_string(k);
                const json& a = r.object((*acts)[k], q);
                r.check_keys(a, q, {"kind", "dwell_s", "service_s", "probability", "repeat", "target"});
                Activity act;
                act.kind = r.string(a, "kind", q, true);
                if (act.kind != "shelf" && act.kind != "desk" && act.kind != "seat" && act.kind != "room")
                    r.fail(q + "/kind", tr("sim_scenario.error.activity_kind"));
                r.range(a, act.kind == "desk" ? "service_s" : "dwell_s", q, act.dwell_min, act.dwell_max);
                act.probability = r.number(a, "probability", q, 1.0, 0.0, 1.0);
                act.repeat = static_cast<int>(r.number(a, "repeat", q, 1, 1, 50));
                act.target = r.string(a, "target", q, act.kind == "room");
                grp.activities.push_back(act);
            }
        }
        grp.exit = r.string(g, "exit", p, false);
        grp.membership = r.string(g, "membership", p, false);
        grp.keep_together_m = r.number(g, "keep_together_m", p, 0, 0, 50);
        s.groups.push_back(std::move(grp));
    }
    if (auto sch = doc.find("schedule"); sch != doc.end()) {
        if (!sch->is_array()) r.fail("/schedule", tr("common.json.expected_array"));
        for (std::size_t i = 0; i < sch->size(); ++i) {
            const std::string p = "/schedule/" + std::to_string(i);
            const json& a = r.object((*sch)[i], p);
            r.check_keys(a, p, {"time_s", "group", "count", "spread_s"});
            Arrival arr;
            arr.time = r.number(a, "time_s", p, 0, 0, 86400);
            arr.group = r.string(a, "group", p, true);
            if (!names.count(arr.group)) r.fail(p + "/group", trf("sim_scenario.error.no_group", {arr.group}));
            arr.count = static_cast<int>(r.number(a, "count", p, 0, 0, 100000));
            arr.spread = r.number(a, "spread_s", p, 0, 0, 86400);
            s.schedule.push_back(arr);
        }
    }
    if (auto ex = doc.find("exits"); ex != doc.end()) {
        if (!ex->is_array()) r.fail("/exits", tr("common.json.expected_array"));
        for (std::size_t i = 0; i < ex->size(); ++i) {
            const std::string p = "/exits/" + std::to_string(i);
            const json& e = r.object((*ex)[i], p);
            r.check_keys(e, p, {"opening", "close_time_s"});
            s.closures.push_back({r.string(e, "opening", p, true), r.number(e, "close_time_s", p, kNever, 0, 86400)});
        }
    }
    return s;
}

Scenario load_scenario(const std::filesystem::path& path) {
    return scenario_from_json_text(read_file(path), path.string());
}

}  // namespace shuxiang::scenario
