// `shuxiang shelve`, `shuxiang shelve moves`, `shuxiang locate`, `shuxiang signs`: the collection
// on the planned shelves.
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <unordered_map>
#include <sstream>

#include "cmd_stocktake.hpp"
#include "registry.hpp"
#include "shuxiang/catalog/clc.hpp"
#include "shuxiang/catalog/store.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/shelving/db.hpp"
#include "shuxiang/shelving/moves.hpp"
#include "shuxiang/shelving/signs.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {
namespace {

using namespace shuxiang::shelving;
using nlohmann::json;

struct ShelveArgs {
    std::string plan;
    std::string db;
    double fill = 0.75;
    std::vector<std::string> room_order;
    bool keep = false;
    bool json = false;
    std::string date;   // --date: the day the new-books window ends (today when empty)
    int new_days = 90;  // --new-days: its length; 0 = no new-books display
};

// The new-books window: the `days` days ending with `date` (today when empty), both inclusive.
std::pair<std::string, std::string> new_books_window(const std::string& date, int days) {
    const std::string until = date.empty() ? circulation::today() : date;
    if (!circulation::valid_date(until)) throw InputError("--date", "", trf("circ.refuse.bad_date", {until}));
    if (days <= 0) return {"", until};
    return {circulation::add_days(until, -(days - 1)).value_or(""), until};
}

void require_db(const std::string& db) {
    // The catalog would create an empty database; shelving an absent one is a mistake.
    if (!std::filesystem::exists(db)) throw InputError(db, "", tr("shelving.error.no_db"));
}

void check_fill(double fill) {
    if (!(fill > 0 && fill <= 1)) throw InputError("--fill", "", trf("shelving.error.fill", {std::to_string(fill)}));
}

Assignment compute(const std::string& plan_path, const std::string& db, double fill, const std::vector<std::string>& order,
                   const std::pair<std::string, std::string>& new_books,
                   const std::unordered_map<long long, std::string>* previous = nullptr) {
    check_fill(fill);
    require_db(db);
    plan::Plan p = plan::load_plan(plan_path);
    LayoutOptions lo;
    lo.fill = fill;
    lo.room_order = order;
    AssignOptions ao;
    ao.corner_rooms = corner_rooms(p);
    ao.previous = previous;
    ao.new_since = new_books.first;
    ao.new_until = new_books.second;
    return assign(build_sections(p, plan::with_plan_types(plan::FurnitureCatalog::builtin(), p), lo), load_items(db), ao);
}

int run_shelve(const ShelveArgs& a) {
    std::optional<Assignment> before;
    std::unordered_map<long long, std::string> previous;
    if (a.keep) {
        require_db(a.db);
        before = load_assignment(a.db);
        if (before) previous = places(*before);
    }
    const auto window = new_books_window(a.date, a.new_days);
    Assignment as = compute(a.plan, a.db, a.fill, a.room_order, window, before ? &previous : nullptr);
    std::optional<MovePlan> moves;
    if (before) moves = plan_moves(*before, as);
    save_assignment(a.db, as);
    long long capacity = 0, target = 0, on_display = 0;
    for (std::size_t i = 0; i < as.sections.size(); ++i) {
        capacity += as.sections[i].capacity;
        target += as.sections[i].target;
        if (as.sections[i].kind == SectionKind::NewBooks) on_display += as.fills[i].count;
    }
    std::map<std::string, int> reasons;
    for (const auto& u : as.unplaced) reasons[u.reason]++;
    if (a.json) {
        json out{{"sections", as.sections.size()}, {"capacity", capacity}, {"target", target},
                 {"placed", as.placed.size()}, {"unplaced_count", as.unplaced.size()}};
        json by = json::object();
        for (const auto& [k, n] : reasons) by[k.substr(k.rfind('.') + 1)] = n;
        out["unplaced_by_reason"] = by;
        json un = json::array();
        for (const auto& u : as.unplaced)
            un.push_back({{"item_id", u.item_id}, {"call_number", u.call_number}, {"reason", u.reason.substr(u.reason.rfind('.') + 1)}});
        out["unplaced"] = un;
        json secs = json::array();
        for (std::size_t i = 0; i < as.sections.size(); ++i) {
            const auto& s = as.sections[i];
            const auto& f = as.fills[i];
            secs.push_back({{"id", s.id}, {"room", s.room_id}, {"kind", to_string(s.kind)}, {"capacity", s.capacity},
                            {"target", s.target}, {"count", f.count}, {"first", f.first_call}, {"last", f.last_call}});
        }
        out["section_list"] = secs;
        if (moves) out["moved"] = moves->moved;
        out["new_books"] = {{"since", window.first}, {"until", window.second}, {"on_display", on_display}};
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::cout << trf("shelving.msg.summary", {std::to_string(as.sections.size()), std::to_string(capacity),
                                              std::to_string(target), std::to_string(as.placed.size()),
                                              std::to_string(as.unplaced.size())})
              << "\n";
    for (const auto& [k, n] : reasons) std::cout << "  " << tr(k) << ": " << n << "\n";
    if (on_display > 0)
        std::cout << trf("shelving.msg.new_books", {std::to_string(on_display), window.first, window.second}) << "\n";
    if (moves)
        std::cout << trf("shelving.msg.moves", {std::to_string(moves->moved), std::to_string(moves->stay),
                                                std::to_string(moves->added), std::to_string(moves->removed),
                                                std::to_string(moves->runs.size())})
                  << "\n";
    return 0;
}

int run_moves(const std::string& from, const std::string& to, const std::string& db, double fill, bool fresh, bool js,
              const std::pair<std::string, std::string>& new_books) {
    Assignment a = compute(from, db, fill, {}, new_books);
    auto previous = places(a);
    Assignment b = compute(to, db, fill, {}, new_books, fresh ? nullptr : &previous);
    MovePlan m = plan_moves(a, b);
    if (js) {
        json runs = json::array();
        for (const auto& r : m.runs)
            runs.push_back({{"from", r.from}, {"to", r.to}, {"count", r.count}, {"first", r.first_call}, {"last", r.last_call}});
        std::cout << json{{"moved", m.moved}, {"stay", m.stay}, {"added", m.added}, {"removed", m.removed}, {"runs", runs}}.dump(2)
                  << "\n";
        return 0;
    }
    std::cout << trf("shelving.msg.moves", {std::to_string(m.moved), std::to_string(m.stay), std::to_string(m.added),
                                            std::to_string(m.removed), std::to_string(m.runs.size())})
              << "\n";
    for (const auto& r : m.runs)
        std::cout << (r.from.empty() ? "-" : r.from) << " -> " << r.to << "\t" << r.count << "\t" << r.first_call << " .. "
                  << r.last_call << "\n";
    return 0;
}

// The stored assignment was made for some plan; say so when this plan's sections differ from it.
void warn_if_stale(const plan::Plan& p, const Assignment& stored) {
    auto now = build_sections(p, plan::with_plan_types(plan::FurnitureCatalog::builtin(), p));
    std::set<std::string> a, b;
    for (const auto& s : now) a.insert(s.id);
    for (const auto& s : stored.sections) b.insert(s.id);
    if (a != b) std::cerr << tr("shelving.warn.stale") << "\n";
}

int run_locate(const std::string& plan_path, const std::string& db, const std::string& query, bool js) {
    require_db(db);
    plan::Plan p = plan::load_plan(plan_path);
    auto stored = load_assignment(db);
    if (!stored) throw InputError(db, "", tr("shelving.error.not_shelved"));
    warn_if_stale(p, *stored);
    std::map<long long, const Placement*> where;
    for (const auto& pl : stored->placed) where[pl.item_id] = &pl;
    std::map<long long, std::string> unplaced;
    for (const auto& u : stored->unplaced) unplaced[u.item_id] = u.reason;
    auto store = catalog::open_store(db);
    json out = json::array();
    std::ostringstream text;
    for (const auto& hit : store->search(query, 20)) {
        for (const auto& it : store->items_of(hit.record_id)) {
            json row{{"record_id", hit.record_id}, {"title", hit.title}, {"barcode", it.barcode},
                     {"call_number", it.call_number.empty() ? hit.call_number : it.call_number},
                     {"status", catalog::to_string(it.status)}};
            auto w = where.find(it.id);
            std::string line;
            if (w != where.end()) {
                const Placement& pl = *w->second;
                row["room"] = pl.room;
                if (pl.section >= 0) {
                    const Section& s = stored->sections[static_cast<std::size_t>(pl.section)];
                    row["room_name"] = s.room_name;
                    row["level_id"] = s.level_id;
                    row["range"] = s.furniture_id;
                    row["range_label"] = s.label;
                    row["section"] = s.id;
                    row["face"] = s.face;
                    row["section_number"] = s.number;
                    row["shelf_level"] = pl.level;
                    line = trf("shelving.msg.located", {s.room_name.empty() ? s.room_id : s.room_name,
                                                        s.label.empty() ? s.furniture_id : s.label, std::to_string(s.face),
                                                        std::to_string(s.number), std::to_string(pl.level)});
                } else {
                    line = trf("shelving.msg.in_corner", {pl.room});
                }
            } else if (auto u = unplaced.find(it.id); u != unplaced.end()) {
                row["unplaced"] = u->second.substr(u->second.rfind('.') + 1);
                line = tr(u->second);
            } else {
                row["unplaced"] = "not_shelved";
                line = tr("shelving.msg.not_shelved");
            }
            out.push_back(row);
            text << row["call_number"].get<std::string>() << "\t" << hit.title << "\t" << it.barcode << "\t" << line << "\n";
        }
    }
    if (js) {
        std::cout << out.dump(2) << "\n";
    } else if (out.empty()) {
        std::cout << tr("shelving.msg.no_results") << "\n";
    } else {
        std::cout << text.str();
    }
    return out.empty() ? 1 : 0;
}

int run_signs(const std::string& plan_path, const std::string& db, const std::string& out) {
    require_db(db);
    plan::Plan p = plan::load_plan(plan_path);
    auto stored = load_assignment(db);
    if (!stored) throw InputError(db, "", tr("shelving.error.not_shelved"));
    warn_if_stale(p, *stored);
    auto files = write_signs(*stored, p.school.name, out);
    for (const auto& f : files) std::cout << f.string() << "\n";
    return 0;
}

const Registrar reg([](CLI::App& root) {
    {
        auto* c = root.add_subcommand("shelve", tr("shelving.cli.shelve"));
        auto a = std::make_shared<ShelveArgs>();
        c->add_option("--plan", a->plan, tr("shelving.cli.plan"));
        c->add_option("--db", a->db, tr("shelving.cli.db"));
        c->add_option("--fill", a->fill, tr("shelving.cli.fill"));
        c->add_option("--room-order", a->room_order, tr("shelving.cli.room_order"))->delimiter(',');
        c->add_flag("--json", a->json, tr("shelving.cli.json"));
        c->add_flag("--keep", a->keep, tr("shelving.cli.keep"));
        c->add_option("--date", a->date, tr("shelving.cli.date"));
        c->add_option("--new-days", a->new_days, tr("shelving.cli.new_days"))->check(CLI::NonNegativeNumber);
        c->require_subcommand(0, 1);

        auto* m = c->add_subcommand("moves", tr("shelving.cli.moves"));
        auto from = std::make_shared<std::string>();
        auto to = std::make_shared<std::string>();
        auto db = std::make_shared<std::string>();
        auto fill = std::make_shared<double>(0.75);
        auto js = std::make_shared<bool>(false);
        m->add_option("--from", *from, tr("shelving.cli.from"))->required();
        m->add_option("--to", *to, tr("shelving.cli.to"))->required();
        m->add_option("--db", *db, tr("shelving.cli.db"))->required();
        m->add_option("--fill", *fill, tr("shelving.cli.fill"));
        m->add_flag("--json", *js, tr("shelving.cli.json"));
        auto fresh = std::make_shared<bool>(false);
        m->add_flag("--fresh", *fresh, tr("shelving.cli.fresh"));
        auto m_date = std::make_shared<std::string>();
        auto m_days = std::make_shared<int>(90);
        m->add_option("--date", *m_date, tr("shelving.cli.date"));
        m->add_option("--new-days", *m_days, tr("shelving.cli.new_days"))->check(CLI::NonNegativeNumber);
        m->callback([=] {
            run_guarded([=] { return run_moves(*from, *to, *db, *fill, *fresh, *js, new_books_window(*m_date, *m_days)); });
        });

        auto* st = c->add_subcommand("stocktake", tr("shelving.cli.stocktake"));
        auto st_db = std::make_shared<std::string>();
        auto st_range = std::make_shared<std::string>();
        auto st_scanned = std::make_shared<std::string>();
        auto st_json = std::make_shared<bool>(false);
        st->add_option("--db", *st_db, tr("shelving.cli.db"))->required()->check(CLI::ExistingFile);
        st->add_option("--range", *st_range, tr("shelving.cli.range"))->required();
        st->add_option("--scanned", *st_scanned, tr("shelving.cli.scanned"))->required()->check(CLI::ExistingFile);
        st->add_flag("--json", *st_json, tr("shelving.cli.json"));
        st->callback([=] { run_guarded([=] { return run_stocktake(*st_db, *st_range, *st_scanned, *st_json, true); }); });

        c->callback([c, m, st, a] {
            if (m->parsed() || st->parsed()) return;
            run_guarded([a] {
                if (a->plan.empty() || a->db.empty()) throw InputError("shelve", "", tr("shelving.error.need_plan_db"));
                return run_shelve(*a);
            });
        });
    }
    {
        auto* c = root.add_subcommand("locate", tr("shelving.cli.locate"));
        auto plan = std::make_shared<std::string>();
        auto db = std::make_shared<std::string>();
        auto q = std::make_shared<std::vector<std::string>>();
        auto js = std::make_shared<bool>(false);
        c->add_option("--plan", *plan, tr("shelving.cli.plan"))->required();
        c->add_option("--db", *db, tr("shelving.cli.db"))->required();
        c->add_option("query", *q, tr("shelving.cli.query"))->required();
        c->add_flag("--json", *js, tr("shelving.cli.json"));
        c->callback([=] {
            std::string query;
            for (const auto& w : *q) query += (query.empty() ? "" : " ") + w;
            run_guarded([=] { return run_locate(*plan, *db, query, *js); });
        });
    }
    {
        auto* c = root.add_subcommand("signs", tr("shelving.cli.signs"));
        auto plan = std::make_shared<std::string>();
        auto db = std::make_shared<std::string>();
        auto out = std::make_shared<std::string>();
        c->add_option("--plan", *plan, tr("shelving.cli.plan"))->required();
        c->add_option("--db", *db, tr("shelving.cli.db"))->required();
        c->add_option("--out", *out, tr("shelving.cli.out"))->required();
        c->callback([=] { run_guarded([=] { return run_signs(*plan, *db, *out); }); });
    }
});

}  // namespace
}  // namespace shuxiang::cli
