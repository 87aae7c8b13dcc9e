// `shuxiang operators|patrons|circ|acq|weed|stats` (stocktake: cmd_stocktake.cpp): the daily work of the school library.
// Exit codes: 0 done, 3 refused (the reason on stderr, or in the JSON), 2 bad input, 1 failure.
#include <cstdlib>
#include <functional>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "auth.hpp"
#include "cmd_feedback.hpp"
#include "registry.hpp"
#include "result_output.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/standards/holdings.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {
namespace {

using namespace shuxiang::circulation;
using nlohmann::json;

// Options every command of this file shares.
struct Common {
    std::string db;
    std::string as;
    std::string password_file;
    std::string date;
    bool json_out = false;
    // The acting operator, authenticated (auth.hpp): throws Refused (exit 3) otherwise.
    Ctx ctx() const { return authenticate(db, {as, password_file}, day(), json_out); }
    std::string day() const { return date.empty() ? today() : date; }
};

std::shared_ptr<Common> common(CLI::App* c, bool mutating, bool query = true) {
    auto a = std::make_shared<Common>();
    c->add_option("--db", a->db, tr("circ.cli.db"))->required();
    c->add_option("--date", a->date, tr("circ.cli.date"));
    if (mutating) {
        c->add_option("--as", a->as, tr("circ.cli.as"));
        c->add_option("--password-file", a->password_file, tr("identity.cli.password_file"));
    }
    if (query || mutating) c->add_flag("--json", a->json_out, tr("circ.cli.json"));
    return a;
}

// Readers' data (names, numbers, loans) and the audit trail are shown only to an authenticated
// operator whose role may read them (auth.hpp): otherwise Refused, exit 3, audited as `action`.
void require_operator(const Common& a, Action what, const std::string& action, const std::string& target) {
    authorized_operator(a.db, {a.as, a.password_file}, what, action, target, a.json_out);
}

int report(const Common& a, const Result& r, const json& extra = json::object()) { return print_result(r, a.json_out, extra); }

void check_date(const Common& a) {
    if (!a.date.empty() && !valid_date(a.date)) throw InputError("--date", "", trf("circ.refuse.bad_date", {a.date}));
}

json patron_json(const Patron& p) {
    json j = {{"id", p.id}, {"kind", to_string(p.kind)}, {"name", p.name}, {"status", to_string(p.status)}};
    if (p.kind == PatronKind::Student) {
        j["grade"] = p.grade;
        j["class"] = class_key(p.grade, p.class_no);
        j["stage"] = to_string(p.stage());
    }
    return j;
}

// `operators add`: the database's bootstrap (no operator has a password yet, no --as: one librarian
// with --password-stdin), or an authenticated librarian adding an operator, with a password or not.
int add_operator(const Common& a, const Operator& op, bool pw_stdin) {
    auto s = open_auth(a.db);
    const long long now = identity::unix_now();
    if (a.as.empty() && !std::getenv("SHUXIANG_TOKEN")) {
        // Nobody named: only the bootstrap (refused and audited once an operator has a password).
        if (s.auth->bootstrap_open() && op.role != Role::Librarian) {
            Result r{false, "bootstrap_role", tr("identity.refuse.bootstrap_role"), 0, {}};
            s.lib->admin().record(Ctx{"-", a.day()}, "identity.bootstrap", "operator:" + op.id, r);
            return report(a, r);
        }
        if (s.auth->bootstrap_open() && !pw_stdin) throw InputError("--password-stdin", "", tr("identity.cli.bootstrap_needs_password"));
        const std::string pw = s.auth->bootstrap_open() ? read_secret_stdin("--password-stdin") : std::string();
        return report(a, s.auth->bootstrap(op.id, op.name, pw, a.day(), now));
    }
    const Ctx ctx = authenticate(s, {a.as, a.password_file}, a.day(), a.json_out);
    std::string pw;
    if (pw_stdin) {
        pw = read_secret_stdin("--password-stdin");
        if (auto rule = s.auth->check_secret_rules(pw, false); !rule.ok) return report(a, rule);
    }
    Result r = s.lib->operators().add(ctx, op);
    if (r.ok && !pw.empty()) {
        Result p = s.auth->set_operator_password(ctx, op.id, pw, now);
        if (!p.ok) return report(a, p);
        r.details.push_back(p.message);
    }
    return report(a, r);
}

// `operators disable|enable|role|remove ID`: a librarian's changes to an operator. Disabling ends
// the operator's sessions; removing also drops their password.
void add_operator_changes(CLI::App* g) {
    using Change = std::function<Result(AuthSession&, const Ctx&, const std::string&, const std::string&)>;
    auto change = [g](const char* name, const char* help, bool with_role, Change fn) {
        auto* c = g->add_subcommand(name, tr(help));
        auto a = common(c, true, false);
        auto id = std::make_shared<std::string>(), role = std::make_shared<std::string>();
        c->add_option("id", *id, tr("circ.cli.id"))->required();
        if (with_role) c->add_option("--role", *role, tr("circ.cli.role"))->required();
        c->callback([=] {
            run_guarded([=] {
                check_date(*a);
                if (with_role && !parse_role(*role)) throw InputError("--role", "", trf("circ.cli.bad_role", {*role}));
                auto s = open_auth(a->db);
                const Ctx ctx = authenticate(s, {a->as, a->password_file}, a->day(), a->json_out);
                return report(*a, fn(s, ctx, *id, *role));
            });
        });
    };
    const identity::PrincipalKind op = identity::PrincipalKind::Operator;
    change("disable", "identity.cli.disable", false, [op](AuthSession& s, const Ctx& c, const std::string& id, const std::string&) {
        Result r = s.lib->operators().set_disabled(c, id, true);
        if (r.ok) s.auth->revoke_tokens({op, id}, identity::unix_now());
        return r;
    });
    change("enable", "identity.cli.enable", false, [](AuthSession& s, const Ctx& c, const std::string& id, const std::string&) {
        return s.lib->operators().set_disabled(c, id, false);
    });
    change("role", "identity.cli.role", true, [](AuthSession& s, const Ctx& c, const std::string& id, const std::string& role) {
        return s.lib->operators().set_role(c, id, *parse_role(role));
    });
    change("remove", "identity.cli.remove", false, [](AuthSession& s, const Ctx& c, const std::string& id, const std::string&) {
        Result r = s.lib->operators().remove(c, id);
        if (r.ok) s.auth->forget_operator(id, identity::unix_now());
        return r;
    });
}

void add_operators(CLI::App& root) {
    auto* g = root.add_subcommand("operators", tr("circ.cli.operators"));
    g->require_subcommand(1);
    {
        auto* c = g->add_subcommand("add", tr("circ.cli.operators_add"));
        auto a = common(c, true);
        auto o = std::make_shared<Operator>();
        auto role = std::make_shared<std::string>();
        auto pw_stdin = std::make_shared<bool>(false);
        c->add_option("id", o->id, tr("circ.cli.id"))->required();
        c->add_option("--role", *role, tr("circ.cli.role"))->required();
        c->add_option("--name", o->name, tr("circ.cli.name"));
        c->add_option("--patron", o->patron_id, tr("circ.cli.patron"));
        c->add_flag("--password-stdin", *pw_stdin, tr("identity.cli.password_stdin"));
        c->callback([=] {
            run_guarded([=] {
                check_date(*a);
                auto r = parse_role(*role);
                if (!r) throw InputError("--role", "", trf("circ.cli.bad_role", {*role}));
                Operator op = *o;
                op.role = *r;
                return add_operator(*a, op, *pw_stdin);
            });
        });
    }
    {
        auto* c = g->add_subcommand("passwd", tr("identity.cli.passwd"));
        auto a = common(c, true, false);
        auto id = std::make_shared<std::string>();
        auto pw_stdin = std::make_shared<bool>(false);
        c->add_option("id", *id, tr("circ.cli.id"))->required();
        c->add_flag("--password-stdin", *pw_stdin, tr("identity.cli.password_stdin"));
        c->callback([=] {
            run_guarded([=] {
                auto s = open_auth(a->db);
                // Without --as, operators change their own password (and prove it with the old one).
                const Ctx ctx = authenticate(s, {a->as.empty() && !std::getenv("SHUXIANG_TOKEN") ? *id : a->as, a->password_file},
                                             a->day(), a->json_out);
                const std::string pw = new_secret(*pw_stdin, "--password-stdin");
                return report(*a, s.auth->set_operator_password(ctx, *id, pw, identity::unix_now()));
            });
        });
    }
    add_operator_changes(g);
    {
        auto* c = g->add_subcommand("list", tr("circ.cli.operators_list"));
        auto a = common(c, false);
        c->callback([=] {
            run_guarded([=] {
                auto lib_owner = LibraryServices::open(a->db);
                auto& lib = *lib_owner;
                json arr = json::array();
                for (auto& o : lib.operators().list()) {
                    arr.push_back({{"id", o.id}, {"role", to_string(o.role)}, {"name", o.name}, {"patron", o.patron_id},
                                   {"disabled", o.disabled}});
                    if (!a->json_out) std::cout << o.id << "\t" << tr(std::string("circ.role.") + to_string(o.role)) << "\t" << o.name << "\n";
                }
                if (a->json_out) std::cout << arr.dump(2) << "\n";
                return 0;
            });
        });
    }
}

void add_patrons(CLI::App& root) {
    auto* g = root.add_subcommand("patrons", tr("circ.cli.patrons"));
    g->require_subcommand(1);
    {
        auto* c = g->add_subcommand("import", tr("circ.cli.patrons_import"));
        auto a = common(c, true);
        auto file = std::make_shared<std::string>();
        c->add_option("file", *file, tr("circ.cli.file"))->required();
        c->callback([=] {
            run_guarded([=] {
                check_date(*a);
                auto data = read_file(*file);
                auto lib_owner = LibraryServices::open(a->db);
                auto& lib = *lib_owner;
                Result r;
                auto imp = lib.patrons().import_roster(a->ctx(), data, *file, r);
                return report(*a, r, {{"added", imp.added}, {"updated", imp.updated}});
            });
        });
    }
    {
        auto* c = g->add_subcommand("add", tr("circ.cli.patrons_add"));
        auto a = common(c, true);
        auto p = std::make_shared<Patron>();
        auto kind = std::make_shared<std::string>("student"), grade = std::make_shared<std::string>();
        c->add_option("id", p->id, tr("circ.cli.id"))->required();
        c->add_option("--name", p->name, tr("circ.cli.name"));
        c->add_option("--kind", *kind, tr("circ.cli.kind"));
        c->add_option("--grade", *grade, tr("circ.cli.grade"));
        c->add_option("--class", p->class_no, tr("circ.cli.class"));
        c->callback([=] {
            run_guarded([=] {
                check_date(*a);
                Patron q = *p;
                auto k = parse_patron_kind(*kind);
                if (!k) throw InputError("--kind", "", trf("circ.cli.bad_kind", {*kind}));
                q.kind = *k;
                if (q.kind == PatronKind::Student) {
                    auto g = parse_grade(*grade);
                    if (!g) throw InputError("--grade", "", trf("circ.roster.bad_grade", {*grade}));
                    q.grade = *g;
                    q.class_no = normalize_class(q.class_no);
                }
                auto lib_owner = LibraryServices::open(a->db);
                auto& lib = *lib_owner;
                return report(*a, lib.patrons().add(a->ctx(), q));
            });
        });
    }
    {
        auto* c = g->add_subcommand("promote", tr("circ.cli.patrons_promote"));
        auto a = common(c, true);
        auto dry = std::make_shared<bool>(false);
        auto finals = std::make_shared<std::string>();
        c->add_flag("--dry-run", *dry, tr("circ.cli.dry_run"));
        c->add_option("--final-grades", *finals, tr("circ.cli.final_grades"));
        c->callback([=] {
            run_guarded([=] {
                check_date(*a);
                const Ctx ctx = a->ctx();  // before anything changes (final_grades below)
                auto lib_owner = LibraryServices::open(a->db);
                auto& lib = *lib_owner;
                std::vector<int> fg;
                std::string spec = finals->empty() ? lib.admin().setting("final_grades", "6,9,12") : *finals;
                for (auto& s : split_list(spec)) {
                    auto g = parse_grade(s);
                    if (!g) throw InputError("--final-grades", "", trf("circ.roster.bad_grade", {s}));
                    fg.push_back(*g);
                }
                if (!finals->empty() && !*dry) lib.admin().store_setting("final_grades", *finals);
                Result r;
                auto pr = lib.patrons().promote(ctx, fg, *dry, r);
                json leaving = json::array();
                for (auto& l : pr.leaving) leaving.push_back({{"id", l.patron_id}, {"name", l.name}, {"books_out", l.books_out}});
                if (!a->json_out && r.ok) {
                    std::cout << (*dry ? tr("circ.cli.dry_run_note") + "\n" : "");
                    for (auto& l : pr.leaving) {
                        std::cout << trf("circ.cli.leaver", {l.patron_id, l.name, std::to_string(l.books_out.size())});
                        for (auto& b : l.books_out) std::cout << " " << b;
                        std::cout << "\n";
                    }
                }
                return report(*a, r, {{"promoted", pr.promoted}, {"leaving", leaving}, {"dry_run", *dry}});
            });
        });
    }
    {
        auto* c = g->add_subcommand("list", tr("circ.cli.patrons_list"));
        auto a = common(c, true);
        auto q = std::make_shared<PatronQuery>();
        c->add_option("--class", q->class_key, tr("circ.cli.class"));
        c->add_option("--name", q->text, tr("circ.cli.patrons_name"));
        c->callback([=] {
            run_guarded([=] {
                if (!q->class_key.empty() && !parse_class_key(q->class_key))
                    throw InputError("--class", "", trf("circ.cli.bad_class", {q->class_key}));
                require_operator(*a, Action::ViewReaders, "patrons.list", q->class_key.empty() ? "patrons" : "class:" + q->class_key);
                auto lib = LibraryServices::open(a->db);
                json arr = json::array();
                if (!a->json_out) std::cout << tr("circ.cli.patrons_header") << "\n";
                for (auto& p : lib->patrons().list(*q)) {
                    arr.push_back(patron_json(p));
                    if (!a->json_out)
                        std::cout << p.id << "\t" << p.name << "\t" << tr(std::string("circ.kind.") + to_string(p.kind)) << "\t"
                                  << (p.kind == PatronKind::Student ? class_key(p.grade, p.class_no) : "") << "\t"
                                  << tr(std::string("circ.patron_status.") + to_string(p.status)) << "\n";
                }
                if (a->json_out) std::cout << arr.dump(2) << "\n";
                return 0;
            });
        });
    }
    {
        auto* c = g->add_subcommand("show", tr("circ.cli.patrons_show"));
        auto a = common(c, true);
        auto id = std::make_shared<std::string>();
        c->add_option("id", *id, tr("circ.cli.id"))->required();
        c->callback([=] {
            run_guarded([=] {
                require_operator(*a, Action::ViewReaders, "patrons.show", "patron:" + *id);
                auto lib_owner = LibraryServices::open(a->db);
                auto& lib = *lib_owner;
                auto p = lib.patrons().find(*id);
                if (!p) throw InputError(*id, "", trf("circ.refuse.unknown_patron", {*id}));
                json j = patron_json(*p);
                j["loans"] = json::array();
                for (auto& l : lib.circulation().open_loans(*id)) j["loans"].push_back({{"barcode", l.barcode}, {"due", l.due_date}, {"out", l.out_date}});
                auto pol = lib.circulation().policy_for(*p);
                j["policy"] = {{"max_items", pol.max_items}, {"loan_days", pol.loan_days}, {"max_renewals", pol.max_renewals},
                               {"max_holds", pol.max_holds}};
                if (a->json_out) {
                    std::cout << j.dump(2) << "\n";
                } else {
                    std::cout << p->id << "\t" << p->name << "\t" << to_string(p->kind);
                    if (p->kind == PatronKind::Student) std::cout << "\t" << class_key(p->grade, p->class_no);
                    std::cout << "\t" << tr(std::string("circ.patron_status.") + to_string(p->status)) << "\n";
                    for (auto& l : j["loans"]) std::cout << "  " << l["barcode"].get<std::string>() << "\t" << l["due"].get<std::string>() << "\n";
                }
                return 0;
            });
        });
    }
    {
        auto* c = g->add_subcommand("pin", tr("identity.cli.pin"));
        auto a = common(c, true, false);
        auto id = std::make_shared<std::string>();
        auto pin_stdin = std::make_shared<bool>(false);
        c->add_option("id", *id, tr("circ.cli.id"))->required();
        c->add_flag("--pin-stdin", *pin_stdin, tr("identity.cli.pin_stdin"));
        c->callback([=] {
            run_guarded([=] {
                auto s = open_auth(a->db);
                const Ctx ctx = authenticate(s, {a->as, a->password_file}, a->day(), a->json_out);
                const std::string pin = new_secret(*pin_stdin, "--pin-stdin");
                return report(*a, s.auth->set_reader_pin(ctx, *id, pin, identity::unix_now()));
            });
        });
    }
    {
        auto* c = g->add_subcommand("left", tr("circ.cli.patrons_left"));
        auto a = common(c, true);
        auto id = std::make_shared<std::string>();
        c->add_option("id", *id, tr("circ.cli.id"))->required();
        c->callback([=] { run_guarded([=] { check_date(*a); auto lib_owner = LibraryServices::open(a->db);
        auto& lib = *lib_owner; return report(*a, lib.patrons().left(a->ctx(), *id)); }); });
    }
}

// What a classroom corner holds, charges, the closed-days calendar and cancelling a hold.
void add_circ_year(CLI::App* g) {
    {
        auto* c = g->add_subcommand("corner", tr("circ.cli.corner_list"));
        auto a = common(c, false);
        auto corner = std::make_shared<std::string>();
        c->add_option("corner", *corner, tr("circ.cli.corner"));
        c->callback([=] {
            run_guarded([=] {
                auto lib = LibraryServices::open(a->db);
                json arr = json::array();
                for (auto& e : lib->circulation().corner_holdings(*corner)) {
                    arr.push_back({{"corner", e.corner}, {"class", e.class_key}, {"barcode", e.barcode}, {"title", e.title}, {"due", e.due_date}});
                    if (!a->json_out) std::cout << e.corner << "\t" << e.barcode << "\t" << e.title << "\t" << e.due_date << "\n";
                }
                if (a->json_out) std::cout << arr.dump(2) << "\n";
                return 0;
            });
        });
    }
    {
        auto* c = g->add_subcommand("charges", tr("circ.cli.charges"));
        auto a = common(c, true);
        auto patron = std::make_shared<std::string>(), status = std::make_shared<std::string>();
        auto paid = std::make_shared<long long>(0), waive = std::make_shared<long long>(0);
        c->add_option("--patron", *patron, tr("circ.cli.patron"));
        c->add_option("--status", *status, tr("circ.cli.charge_status"))->check(CLI::IsMember({"owed", "paid", "waived"}));
        c->add_option("--paid", *paid, tr("circ.cli.charge_paid"));
        c->add_option("--waive", *waive, tr("circ.cli.charge_waive"));
        c->callback([=] {
            run_guarded([=] {
                check_date(*a);
                auto lib = LibraryServices::open(a->db);
                if (*paid || *waive) return report(*a, lib->circulation().settle_charge(a->ctx(), *paid ? *paid : *waive, *paid != 0));
                require_operator(*a, Action::Charges, "circ.charges", patron->empty() ? "charges" : "patron:" + *patron);
                json arr = json::array();
                for (auto& ch : lib->circulation().charges(*patron, *status)) {
                    arr.push_back({{"id", ch.id}, {"kind", ch.kind}, {"barcode", ch.barcode}, {"patron", ch.patron_id}, {"day", ch.day},
                                   {"amount", ch.amount}, {"status", ch.status}});
                    if (!a->json_out)
                        std::cout << ch.id << "\t" << tr("circ.charge_kind." + ch.kind) << "\t" << ch.barcode << "\t" << ch.patron_id
                                  << "\t" << ch.day << "\t" << ch.amount << "\t" << tr("circ.charge_status." + ch.status) << "\n";
                }
                if (a->json_out) std::cout << arr.dump(2) << "\n";
                return 0;
            });
        });
    }
    {
        auto* c = g->add_subcommand("calendar", tr("circ.cli.calendar"));
        auto a = common(c, true);
        auto add = std::make_shared<std::string>(), note = std::make_shared<std::string>(), remove = std::make_shared<std::string>();
        c->add_option("--add", *add, tr("circ.cli.calendar_add"));
        c->add_option("--note", *note, tr("circ.cli.note"));
        c->add_option("--remove", *remove, tr("circ.cli.calendar_remove"));
        c->callback([=] {
            run_guarded([=] {
                check_date(*a);
                auto lib = LibraryServices::open(a->db);
                if (!add->empty()) {
                    auto dots = add->find("..");
                    ClosedSpan span{add->substr(0, dots), dots == std::string::npos ? *add : add->substr(dots + 2), *note};
                    return report(*a, lib->circulation().add_closed_span(a->ctx(), span));
                }
                if (!remove->empty()) return report(*a, lib->circulation().remove_closed_span(a->ctx(), *remove));
                json arr = json::array();
                for (auto& sp : lib->circulation().closed_spans()) {
                    arr.push_back({{"first", sp.first}, {"last", sp.last}, {"note", sp.note}});
                    if (!a->json_out) std::cout << sp.first << ".." << sp.last << "\t" << sp.note << "\n";
                }
                if (a->json_out) std::cout << arr.dump(2) << "\n";
                return 0;
            });
        });
    }
    {
        auto* c = g->add_subcommand("cancel-hold", tr("circ.cli.cancel_hold"));
        auto a = common(c, true);
        auto hold = std::make_shared<long long>(0);
        c->add_option("--hold", *hold, tr("circ.cli.hold_id"))->required();
        c->callback([=] {
            run_guarded([=] {
                check_date(*a);
                auto lib = LibraryServices::open(a->db);
                return report(*a, lib->circulation().cancel_hold(a->ctx(), *hold));
            });
        });
    }
}

void add_circ(CLI::App& root) {
    auto* g = root.add_subcommand("circ", tr("circ.cli.circ"));
    g->require_subcommand(1);
    auto item_cmd = [&](const char* name, const char* help, Result (CirculationService::*fn)(const Ctx&, std::string_view)) {
        auto* c = g->add_subcommand(name, tr(help));
        auto a = common(c, true);
        auto item = std::make_shared<std::string>();
        c->add_option("--item", *item, tr("circ.cli.item"))->required();
        c->callback([=] { run_guarded([=] { check_date(*a); auto lib_owner = LibraryServices::open(a->db);
        auto& lib = *lib_owner; return report(*a, (lib.circulation().*fn)(a->ctx(), *item)); }); });
    };
    {
        auto* c = g->add_subcommand("checkout", tr("circ.cli.checkout"));
        auto a = common(c, true);
        auto patron = std::make_shared<std::string>(), item = std::make_shared<std::string>();
        c->add_option("--patron", *patron, tr("circ.cli.patron"))->required();
        c->add_option("--item", *item, tr("circ.cli.item"))->required();
        c->callback([=] { run_guarded([=] { check_date(*a); auto lib_owner = LibraryServices::open(a->db);
        auto& lib = *lib_owner; return report(*a, lib.circulation().checkout(a->ctx(), *patron, *item)); }); });
    }
    item_cmd("return", "circ.cli.return", &CirculationService::checkin);
    item_cmd("renew", "circ.cli.renew", &CirculationService::renew);
    item_cmd("lost", "circ.cli.lost", &CirculationService::mark_lost);
    item_cmd("damaged", "circ.cli.damaged", &CirculationService::mark_damaged);
    item_cmd("repaired", "circ.cli.repaired", &CirculationService::mark_repaired);
    add_circ_year(g);
    {
        auto* c = g->add_subcommand("hold", tr("circ.cli.hold"));
        auto a = common(c, true);
        auto patron = std::make_shared<std::string>();
        auto rec = std::make_shared<long long>(0);
        c->add_option("--patron", *patron, tr("circ.cli.patron"))->required();
        c->add_option("--record", *rec, tr("circ.cli.record"))->required();
        c->callback([=] { run_guarded([=] { check_date(*a); auto lib_owner = LibraryServices::open(a->db);
        auto& lib = *lib_owner; return report(*a, lib.circulation().place_hold(a->ctx(), *patron, *rec)); }); });
    }
    {
        auto* c = g->add_subcommand("class-set", tr("circ.cli.class_set"));
        auto a = common(c, true);
        auto corner = std::make_shared<std::string>(), items = std::make_shared<std::string>(), teacher = std::make_shared<std::string>();
        c->add_option("--corner", *corner, tr("circ.cli.corner"))->required();
        c->add_option("--items", *items, tr("circ.cli.items"))->required();
        c->add_option("--teacher", *teacher, tr("circ.cli.teacher"));
        c->callback([=] {
            run_guarded([=] { check_date(*a); auto lib_owner = LibraryServices::open(a->db);
            auto& lib = *lib_owner; return report(*a, lib.circulation().class_set(a->ctx(), *corner, split_list(*items), *teacher)); });
        });
    }
    {
        auto* c = g->add_subcommand("rate", tr("circ.cli.rate"));
        auto a = common(c, true);
        auto patron = std::make_shared<std::string>();
        auto rec = std::make_shared<long long>(0);
        auto stars = std::make_shared<int>(0);
        auto recommend = std::make_shared<bool>(false);
        c->add_option("--patron", *patron, tr("circ.cli.patron"))->required();
        c->add_option("--record", *rec, tr("circ.cli.record"))->required();
        c->add_option("--stars", *stars, tr("circ.cli.stars"))->required();
        c->add_flag("--recommend", *recommend, tr("circ.cli.recommend"));
        c->callback([=] {
            run_guarded([=] { check_date(*a); auto lib_owner = LibraryServices::open(a->db);
            auto& lib = *lib_owner; return report(*a, lib.circulation().rate(a->ctx(), *patron, *rec, *stars, *recommend)); });
        });
    }
    {
        auto* c = g->add_subcommand("overdue", tr("circ.cli.overdue"));
        auto a = common(c, true);
        auto cls = std::make_shared<std::string>();
        c->add_option("--class", *cls, tr("circ.cli.class"));
        c->callback([=] {
            run_guarded([=] {
                check_date(*a);
                std::string key;
                if (!cls->empty()) {
                    auto k = parse_class_key(*cls);
                    if (!k) throw InputError("--class", "", trf("circ.cli.bad_class", {*cls}));
                    key = *k;
                }
                require_operator(*a, Action::ViewReaders, "circ.overdue", key.empty() ? "overdue" : "class:" + key);
                auto lib_owner = LibraryServices::open(a->db);
                auto& lib = *lib_owner;
                auto od = lib.circulation().overdue(a->day(), key);
                json arr = json::array();
                for (auto& e : od) {
                    arr.push_back({{"class", e.class_key}, {"patron", e.patron_id}, {"name", e.patron_name}, {"barcode", e.barcode},
                                   {"title", e.title}, {"due", e.due_date}, {"days_overdue", e.days_overdue}, {"corner", e.corner}});
                    if (!a->json_out)
                        std::cout << e.class_key << "\t" << (e.corner.empty() ? e.patron_id : e.corner) << "\t" << e.patron_name << "\t"
                                  << e.barcode << "\t" << e.title << "\t" << e.due_date << "\t" << e.days_overdue << "\n";
                }
                if (a->json_out) std::cout << arr.dump(2) << "\n";
                return 0;
            });
        });
    }
    {
        auto* c = g->add_subcommand("settings", tr("circ.cli.settings"));
        auto a = common(c, true, true);  // listing needs no operator; a change is refused without one
        auto set = std::make_shared<std::string>();
        c->add_option("--set", *set, tr("circ.cli.set"));
        c->callback([=] {
            run_guarded([=] {
                check_date(*a);
                auto lib_owner = LibraryServices::open(a->db);
                auto& lib = *lib_owner;
                if (!set->empty()) {
                    const auto eq = set->find('=');
                    if (eq == std::string::npos || eq == 0) throw InputError("--set", "", tr("circ.cli.set"));
                    return report(*a, lib.admin().change_setting(a->ctx(), set->substr(0, eq), set->substr(eq + 1)));
                }
                json arr = json::array();
                for (const auto& k : known_settings()) {
                    const double v = lib.admin().setting_value(k.key);
                    auto number = [&](double d) { return k.integer ? json(static_cast<long long>(d)) : json(d); };
                    arr.push_back({{"key", k.key}, {"value", number(v)}, {"default", number(k.default_value)},
                                   {"min", number(k.min)}, {"max", number(k.max)}, {"integer", k.integer},
                                   {"help", tr(k.help_key)}});
                    if (!a->json_out) std::cout << k.key << "\t" << v << "\t" << tr(k.help_key) << "\n";
                }
                if (a->json_out) std::cout << arr.dump(2) << "\n";
                return 0;
            });
        });
    }
    {
        auto* c = g->add_subcommand("policy", tr("circ.cli.policy"));
        auto a = common(c, true, true);  // listing needs no operator; a change is refused without one
        auto kind = std::make_shared<std::string>(), stage = std::make_shared<std::string>();
        auto vals = std::make_shared<std::array<int, 4>>(std::array<int, 4>{-1, -1, -1, -1});
        c->add_option("--kind", *kind, tr("circ.cli.kind"));
        c->add_option("--stage", *stage, tr("circ.cli.stage"));
        c->add_option("--max-items", (*vals)[0], tr("circ.cli.max_items"));
        c->add_option("--loan-days", (*vals)[1], tr("circ.cli.loan_days"));
        c->add_option("--renewals", (*vals)[2], tr("circ.cli.renewals"));
        c->add_option("--holds", (*vals)[3], tr("circ.cli.holds"));
        c->callback([=] {
            run_guarded([=] {
                check_date(*a);
                auto lib_owner = LibraryServices::open(a->db);
                auto& lib = *lib_owner;
                if (!kind->empty()) {
                    auto k = parse_patron_kind(*kind);
                    if (!k) throw InputError("--kind", "", trf("circ.cli.bad_kind", {*kind}));
                    for (auto& p : lib.circulation().policies()) {
                        if (p.kind != *k || std::string(to_string(p.stage)) != *stage) continue;
                        if ((*vals)[0] >= 0) p.max_items = (*vals)[0];
                        if ((*vals)[1] >= 0) p.loan_days = (*vals)[1];
                        if ((*vals)[2] >= 0) p.max_renewals = (*vals)[2];
                        if ((*vals)[3] >= 0) p.max_holds = (*vals)[3];
                        return report(*a, lib.circulation().set_policy(a->ctx(), p));
                    }
                    throw InputError("--stage", "", trf("circ.cli.no_policy", {*kind, *stage}));
                }
                json arr = json::array();
                for (auto& p : lib.circulation().policies()) {
                    arr.push_back({{"kind", to_string(p.kind)}, {"stage", to_string(p.stage)}, {"max_items", p.max_items},
                                   {"loan_days", p.loan_days}, {"max_renewals", p.max_renewals}, {"max_holds", p.max_holds}});
                    if (!a->json_out)
                        std::cout << to_string(p.kind) << "\t" << to_string(p.stage) << "\t" << p.max_items << "\t" << p.loan_days << "\t"
                                  << p.max_renewals << "\t" << p.max_holds << "\n";
                }
                if (a->json_out) std::cout << arr.dump(2) << "\n";
                return 0;
            });
        });
    }
    {
        auto* c = g->add_subcommand("audit", tr("circ.cli.audit"));
        auto a = common(c, true);
        auto limit = std::make_shared<std::size_t>(50);
        c->add_option("--limit", *limit, tr("circ.cli.limit"));
        c->callback([=] {
            run_guarded([=] {
                require_operator(*a, Action::ViewAudit, "circ.audit", "audit");
                auto lib_owner = LibraryServices::open(a->db);
                auto& lib = *lib_owner;
                json arr = json::array();
                for (auto& e : lib.admin().audit(*limit)) {
                    arr.push_back({{"id", e.id}, {"day", e.day}, {"operator", e.op}, {"action", e.action}, {"target", e.target},
                                   {"outcome", e.outcome}, {"detail", e.detail}});
                    if (!a->json_out)
                        std::cout << e.id << "\t" << e.day << "\t" << e.op << "\t" << e.action << "\t" << e.target << "\t" << e.outcome
                                  << "\t" << e.detail << "\n";
                }
                if (a->json_out) std::cout << arr.dump(2) << "\n";
                return 0;
            });
        });
    }
}

json suggestion_json(const Suggestion& s) {
    json j = {{"id", s.id}, {"by", s.by}, {"entered_by", s.entered_by}, {"isbn", s.isbn}, {"title", s.title},
              {"publisher", s.publisher}, {"price", s.price}, {"copies", s.copies}, {"status", s.status},
              {"reviewer", s.reviewer}, {"reason", s.reason}, {"note", s.note}, {"date", s.date}, {"flags", s.flags},
              {"author", s.author}, {"year", s.year}, {"clc_class", s.clc_class}};
    if (s.list_price) j["list_price"] = *s.list_price;
    if (s.pages) j["pages"] = *s.pages;
    return j;
}

// A receipt's result, with the order's state after it (JSON: order, received, ordered, status,
// record_id, call_number) or, when the proposed call number awaits confirmation, the proposal.
int report_receipt(const Common& a, LibraryServices& lib, long long order_id, const Result& r) {
    json extra = json::object();
    if (r.code == "confirm_call_number" && !r.details.empty()) extra["proposed_call_number"] = r.details.front();
    if (auto o = lib.acquisitions().find_order(order_id); o && r.ok) {
        extra = {{"order", o->id}, {"received", o->received}, {"ordered", o->copies}, {"status", o->status}, {"record_id", o->record_id}};
        if (auto rec = lib.catalog().record(o->record_id)) extra["call_number"] = rec->call_number;
    }
    Result shown = r;
    if (r.code == "confirm_call_number") shown.details = {tr("circ.cli.confirm_hint")};
    return report(a, shown, extra);
}

// `acq orders`: each order with its suggestion's title and what has come (status translated).
int list_orders(const Common& a, LibraryServices& lib, const std::string& status) {
    json arr = json::array();
    for (auto& o : lib.acquisitions().orders(status)) {
        auto s = lib.acquisitions().suggestion(o.suggestion_id);
        const std::string title = s ? s->title : "";
        arr.push_back({{"id", o.id}, {"suggestion", o.suggestion_id}, {"title", title}, {"purchaser", o.purchaser},
                       {"date", o.date}, {"status", o.status}, {"copies", o.copies}, {"received", o.received},
                       {"record_id", o.record_id}, {"received_date", o.received_date}});
        if (!a.json_out)
            std::cout << o.id << "\t" << tr("acq.order_status." + o.status) << "\t" << o.received << "/" << o.copies << "\t" << title
                      << "\t" << o.purchaser << "\t" << o.date << "\n";
    }
    if (a.json_out) std::cout << arr.dump(2) << "\n";
    return 0;
}

void add_acq(CLI::App& root) {
    auto* g = root.add_subcommand("acq", tr("circ.cli.acq"));
    g->require_subcommand(1);
    {
        auto* c = g->add_subcommand("suggest", tr("circ.cli.suggest"));
        auto a = common(c, true);
        auto s = std::make_shared<Suggestion>();
        auto list = std::make_shared<double>(0);
        auto pages = std::make_shared<int>(0);
        c->add_option("--by", s->by, tr("circ.cli.by"))->required();
        c->add_option("--isbn", s->isbn, tr("circ.cli.isbn"))->required();
        c->add_option("--title", s->title, tr("circ.cli.title"))->required();
        c->add_option("--price", s->price, tr("circ.cli.price"))->required();
        c->add_option("--copies", s->copies, tr("circ.cli.copies"));
        c->add_option("--publisher", s->publisher, tr("circ.cli.publisher"));
        c->add_option("--list-price", *list, tr("circ.cli.list_price"));
        c->add_option("--pages", *pages, tr("circ.cli.pages"));
        c->add_option("--author", s->author, tr("circ.cli.author"));
        c->add_option("--year", s->year, tr("circ.cli.pub_year"));
        c->add_option("--class", s->clc_class, tr("circ.cli.clc_class"));
        c->callback([=] {
            run_guarded([=] {
                check_date(*a);
                Suggestion x = *s;
                if (*list > 0) x.list_price = *list;
                if (*pages > 0) x.pages = *pages;
                auto lib_owner = LibraryServices::open(a->db);
                auto& lib = *lib_owner;
                return report(*a, lib.acquisitions().suggest(a->ctx(), x));
            });
        });
    }
    {
        auto* c = g->add_subcommand("review", tr("circ.cli.review"));
        auto a = common(c, true, true);
        auto reviewer = std::make_shared<std::string>(), reject = std::make_shared<std::string>(), note = std::make_shared<std::string>();
        auto id = std::make_shared<long long>(0);
        auto approve = std::make_shared<bool>(false);
        c->add_option("--reviewer", *reviewer, tr("circ.cli.reviewer"));
        c->add_option("--suggestion", *id, tr("circ.cli.suggestion"))->required();
        auto* ap = c->add_flag("--approve", *approve, tr("circ.cli.approve"));
        auto* rj = c->add_option("--reject", *reject, tr("circ.cli.reject"));
        ap->excludes(rj);
        c->add_option("--note", *note, tr("circ.cli.note"));
        c->callback([=] {
            run_guarded([=] {
                check_date(*a);
                if (!*approve && reject->empty()) throw InputError("acq review", "", tr("circ.cli.approve_or_reject"));
                Common b = *a;
                if (!b.as.empty() && !reviewer->empty() && b.as != *reviewer) throw InputError("--as", "", tr("circ.cli.as_mismatch"));
                if (b.as.empty()) b.as = *reviewer;
                // The reviewer is the authenticated operator, never a typed name (four-eyes).
                const Ctx ctx = b.ctx();
                auto lib_owner = LibraryServices::open(a->db);
                auto& lib = *lib_owner;
                return report(b, lib.acquisitions().review(ctx, *id, *approve ? std::string() : *reject, *note));
            });
        });
    }
    {
        auto* c = g->add_subcommand("order", tr("circ.cli.order"));
        auto a = common(c, true, true);
        auto by = std::make_shared<std::string>();
        auto id = std::make_shared<long long>(0);
        c->add_option("--suggestion", *id, tr("circ.cli.suggestion"))->required();
        c->add_option("--by", *by, tr("circ.cli.purchaser"))->required();
        c->callback([=] {
            run_guarded([=] {
                check_date(*a);
                Common b = *a;
                if (b.as.empty()) b.as = *by;
                auto lib_owner = LibraryServices::open(a->db);
                auto& lib = *lib_owner;
                return report(b, lib.acquisitions().order(b.ctx(), *id, *by));
            });
        });
    }
    {
        auto* c = g->add_subcommand("receive", tr("circ.cli.receive"));
        auto a = common(c, true);
        auto barcodes = std::make_shared<std::string>();
        auto id = std::make_shared<long long>(0);
        auto r = std::make_shared<Receipt>();
        auto price = std::make_shared<double>(0);
        c->add_option("--order", *id, tr("circ.cli.order_id"))->required();
        c->add_option("--barcodes", *barcodes, tr("circ.cli.items"))->required();
        c->add_option("--class", r->clc_class, tr("circ.cli.clc_class"));
        c->add_option("--call-number", r->call_number, tr("circ.cli.call_number"));
        c->add_flag("--accept-call-number", r->accept_call_number, tr("circ.cli.accept_call_number"));
        c->add_option("--author", r->author, tr("circ.cli.author"));
        c->add_option("--publisher", r->publisher, tr("circ.cli.publisher"));
        c->add_option("--year", r->year, tr("circ.cli.pub_year"));
        c->add_option("--price", *price, tr("circ.cli.cip_price"));
        c->callback([=] {
            run_guarded([=] {
                check_date(*a);
                Receipt x = *r;
                x.barcodes = split_list(*barcodes);
                if (*price > 0) x.price = *price;
                auto lib_owner = LibraryServices::open(a->db);
                auto& lib = *lib_owner;
                return report_receipt(*a, lib, *id, lib.acquisitions().receive(a->ctx(), *id, x));
            });
        });
    }
    {
        auto* c = g->add_subcommand("orders", tr("circ.cli.acq_orders"));
        auto a = common(c, false);
        auto status = std::make_shared<std::string>();
        c->add_option("--status", *status, tr("circ.cli.status"));
        c->callback([=] { run_guarded([=] { auto lib_owner = LibraryServices::open(a->db); return list_orders(*a, *lib_owner, *status); }); });
    }
    {
        auto* c = g->add_subcommand("budget", tr("circ.cli.budget"));
        auto a = common(c, true);
        auto year = std::make_shared<int>(0);
        auto amount = std::make_shared<double>(0);
        c->add_option("--year", *year, tr("circ.cli.year"))->required();
        c->add_option("--amount", *amount, tr("circ.cli.amount"))->required();
        c->callback([=] { run_guarded([=] { check_date(*a); auto lib_owner = LibraryServices::open(a->db);
        auto& lib = *lib_owner; return report(*a, lib.acquisitions().set_budget(a->ctx(), *year, *amount)); }); });
    }
    {
        auto* c = g->add_subcommand("block", tr("circ.cli.block"));
        auto a = common(c, true);
        auto entry = std::make_shared<std::string>();
        c->add_option("entry", *entry, tr("circ.cli.block_entry"))->required();
        c->callback([=] { run_guarded([=] { check_date(*a); auto lib_owner = LibraryServices::open(a->db);
        auto& lib = *lib_owner; return report(*a, lib.acquisitions().block(a->ctx(), *entry)); }); });
    }
    {
        auto* c = g->add_subcommand("list", tr("circ.cli.acq_list"));
        auto a = common(c, false);
        auto status = std::make_shared<std::string>();
        c->add_option("--status", *status, tr("circ.cli.status"));
        c->callback([=] {
            run_guarded([=] {
                auto lib_owner = LibraryServices::open(a->db);
                auto& lib = *lib_owner;
                json arr = json::array();
                if (!a->json_out) std::cout << tr("circ.cli.acq_list_header") << "\n";
                for (auto& s : lib.acquisitions().suggestions(*status)) {
                    arr.push_back(suggestion_json(s));
                    if (!a->json_out) {
                        std::cout << s.id << "\t" << tr("acq.suggestion_status." + s.status) << "\t" << s.isbn << "\t"
                                  << s.title << "\t" << s.by;
                        for (auto& f : s.flags) std::cout << "\t" << tr("acq.flag." + f);
                        std::cout << "\n";
                    }
                }
                if (a->json_out) std::cout << arr.dump(2) << "\n";
                return 0;
            });
        });
    }
}

void add_weed(CLI::App& root) {
    auto* g = root.add_subcommand("weed", tr("circ.cli.weed"));
    g->require_subcommand(1);
    {
        auto* c = g->add_subcommand("candidates", tr("circ.cli.weed_candidates"));
        auto a = common(c, false);
        auto rules = std::make_shared<WeedRules>();
        c->add_option("--min-age", rules->min_age_years, tr("circ.cli.min_age"));
        c->add_option("--no-loans-years", rules->no_loans_years, tr("circ.cli.no_loans_years"));
        c->callback([=] {
            run_guarded([=] {
                check_date(*a);
                auto lib_owner = LibraryServices::open(a->db);
                auto& lib = *lib_owner;
                json arr = json::array();
                for (auto& w : lib.collection().weed_candidates(a->day(), *rules)) {
                    arr.push_back({{"barcode", w.barcode}, {"title", w.title}, {"call_number", w.call_number}, {"acquired", w.acquired},
                                   {"reasons", w.reasons}});
                    if (!a->json_out) {
                        std::cout << w.barcode << "\t" << w.call_number << "\t" << w.title << "\t" << w.acquired;
                        for (auto& r : w.reasons) std::cout << "\t" << tr("circ.weed." + r);
                        std::cout << "\n";
                    }
                }
                if (a->json_out) std::cout << arr.dump(2) << "\n";
                return 0;
            });
        });
    }
    {
        auto* c = g->add_subcommand("approve", tr("circ.cli.weed_approve"));
        auto a = common(c, true);
        auto items = std::make_shared<std::string>(), reason = std::make_shared<std::string>();
        c->add_option("--items", *items, tr("circ.cli.items"))->required();
        c->add_option("--reason", *reason, tr("circ.cli.reason"))->required();
        c->callback([=] { run_guarded([=] { check_date(*a); auto lib_owner = LibraryServices::open(a->db);
        auto& lib = *lib_owner; return report(*a, lib.collection().withdraw(a->ctx(), split_list(*items), *reason)); }); });
    }
}

void add_stats(CLI::App& root) {
    auto* c = root.add_subcommand("stats", tr("circ.cli.stats"));
    auto a = common(c, false);
    auto year = std::make_shared<int>(0);
    auto holdings = std::make_shared<std::string>();
    auto target_wait = std::make_shared<int>(30);
    c->add_option("--year", *year, tr("circ.cli.year"));
    c->add_option("--target-wait", *target_wait, tr("circ.cli.target_wait"))->check(CLI::Range(1, 3650));
    c->add_option("--holdings-out", *holdings, tr("circ.cli.holdings_out"));
    c->callback([=] {
        run_guarded([=] {
            check_date(*a);
            int y = *year ? *year : std::stoi(a->day().substr(0, 4));
            auto lib_owner = LibraryServices::open(a->db);
            auto& lib = *lib_owner;
            if (!holdings->empty()) {
                atomic_write_file(*holdings, standards::holdings_to_json_text(lib.stats().holdings_summary(y)));
            }
            auto st = lib.stats().reading_stats(y, *target_wait, a->day());
            // Aggregates only: classes and titles, never a student's name or number.
            json j = {{"year", st.year}, {"students", st.students}, {"students_by_stage", st.students_by_stage},
                      {"held_items", st.held_items}, {"holdings_per_student", st.holdings_per_student},
                      {"holdings_per_student_by_stage", st.holdings_per_student_by_stage},
                      {"new_items_this_year", st.new_items_this_year}, {"new_per_student", st.new_per_student},
                      {"loans_this_year", st.loans_this_year}, {"loans_per_student", st.loans_per_student}};
            json parts = json::array(), classes = json::array();
            double total = static_cast<double>(st.collection.total_items);
            for (auto& p : st.collection.parts) parts.push_back({{"part", p.code}, {"items", p.items}, {"share", total > 0 ? p.items / total : 0}});
            for (auto& k : st.collection.classes) classes.push_back({{"class", k.code}, {"items", k.items}, {"share", total > 0 ? k.items / total : 0}});
            j["major_classes"] = parts;
            j["clc_classes"] = classes;
            j["class_ranking"] = json::array();
            for (auto& r : st.class_ranking)
                j["class_ranking"].push_back({{"class", r.class_key}, {"students", r.students}, {"loans", r.loans}, {"loans_per_student", r.loans_per_student}});
            j["top_titles"] = json::array();
            for (auto& t : st.top_titles) j["top_titles"].push_back({{"record", t.record_id}, {"title", t.title}, {"loans", t.loans}});
            j["demand"] = json::array();
            for (auto& d : st.demand)
                j["demand"].push_back({{"record", d.record_id}, {"title", d.title}, {"waiting", d.waiting}, {"copies", d.copies},
                                       {"loan_days", d.loan_days}, {"lead_days", d.lead_days}, {"wait_days", d.wait_days},
                                       {"suggested_extra", d.suggested_extra}, {"wait_after_days", d.wait_after_days}});
            j["target_wait_days"] = st.target_wait_days;
            j["ratings"] = json::array();
            for (auto& r : st.ratings)
                j["ratings"].push_back({{"record", r.record_id}, {"title", r.title}, {"ratings", r.ratings},
                                        {"recommendations", r.recommendations}, {"average", r.average}, {"by_kind", r.by_kind}});
            const auto feedback = reading::FeedbackService(lib.repository()).stats(y);  // anonymous, small cells suppressed
            j["feedback"] = reading::feedback_stats_json(feedback);
            if (a->json_out) {
                std::cout << j.dump(2) << "\n";
            } else {
                std::cout << trf("circ.cli.stats_line1", {std::to_string(y), std::to_string(st.students), std::to_string(st.held_items)}) << "\n";
                char buf[160];
                std::snprintf(buf, sizeof buf, "%.2f / %.2f / %.2f", st.holdings_per_student, st.new_per_student, st.loans_per_student);
                std::cout << tr("circ.cli.stats_per_student") << " " << buf << "\n";
                for (auto& r : st.class_ranking) {
                    std::snprintf(buf, sizeof buf, "%.2f", r.loans_per_student);
                    std::cout << "  " << r.class_key << "\t" << r.students << "\t" << r.loans << "\t" << buf << "\n";
                }
                for (auto& t : st.top_titles) std::cout << "  " << t.loans << "\t" << t.title << "\n";
                for (auto& d : st.demand)
                    std::cout << "  " << trf("circ.cli.demand_line", {d.title, std::to_string(d.waiting), std::to_string(d.copies),
                                                                      std::to_string(d.wait_days), std::to_string(d.suggested_extra),
                                                                      std::to_string(d.wait_after_days)})
                              << "\n";
                print_feedback_stats(feedback);
            }
            return 0;
        });
    });
}

const Registrar reg([](CLI::App& root) {
    add_operators(root);
    add_patrons(root);
    add_circ(root);
    add_acq(root);
    add_weed(root);
    add_stats(root);
});

}  // namespace
}  // namespace shuxiang::cli
