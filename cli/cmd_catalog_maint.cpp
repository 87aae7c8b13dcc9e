// `shuxiang catalog edit | item | delete | merge | history | batches`: catalogue maintenance. Every
// change goes through the store, which checks it and logs it with its before and after.
#include "cmd_catalog_maint.hpp"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "registry.hpp"
#include "shuxiang/catalog/edit.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {

using namespace shuxiang::catalog;
using nlohmann::json;

namespace {

// A record by id, or the record of a copy by barcode; throws InputError naming the argument.
BibRecord find_record(Store& st, const std::string& id_or_barcode) {
    std::optional<BibRecord> rec;
    if (!id_or_barcode.empty() && id_or_barcode.size() < 18 &&
        id_or_barcode.find_first_not_of("0123456789") == std::string::npos)
        rec = st.record(std::stoll(id_or_barcode));
    if (!rec)
        if (auto it = st.item_by_barcode(id_or_barcode)) rec = st.record(it->record_id);
    if (!rec) throw InputError("", id_or_barcode, trf("catalog.msg.not_found", {id_or_barcode}));
    return *rec;
}

Item find_item(Store& st, const std::string& barcode) {
    auto it = st.item_by_barcode(barcode);
    if (!it) throw InputError("", barcode, trf("catalog.msg.not_found", {barcode}));
    return *it;
}

// The tags whose fields differ between two MARC records in JSON form.
std::string marc_tags_changed(const json& a, const json& b) {
    std::map<std::string, std::vector<std::string>> fa, fb;
    if (a.is_object())
        for (const auto& f : a.at("fields")) fa[f.at("tag").get<std::string>()].push_back(f.dump());
    if (b.is_object())
        for (const auto& f : b.at("fields")) fb[f.at("tag").get<std::string>()].push_back(f.dump());
    std::set<std::string> tags;
    for (auto& [t, v] : fa)
        if (fb[t] != v) tags.insert(t);
    for (auto& [t, v] : fb)
        if (fa[t] != v) tags.insert(t);
    std::string out;
    for (const auto& t : tags) out += (out.empty() ? "" : ", ") + t;
    return out;
}

std::string shown(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// "field: before → after" for every field that differs (the MARC as the list of changed tags).
std::vector<std::string> diff_lines(const std::string& before, const std::string& after) {
    json b = before.empty() ? json::object() : json::parse(before, nullptr, false);
    json a = after.empty() ? json::object() : json::parse(after, nullptr, false);
    if (!b.is_object() || !a.is_object()) return {};
    std::set<std::string> keys;
    for (auto& [k, v] : b.items()) keys.insert(k);
    for (auto& [k, v] : a.items()) keys.insert(k);
    std::vector<std::string> out;
    for (const auto& k : keys) {
        const json bv = b.contains(k) ? b[k] : json(), av = a.contains(k) ? a[k] : json();
        if (bv == av) continue;
        if (k == "marc") out.push_back("MARC " + marc_tags_changed(bv, av));
        else out.push_back(k + ": " + (bv.is_null() ? "" : shown(bv)) + " → " + (av.is_null() ? "" : shown(av)));
    }
    return out;
}

struct EditArgs {
    std::string db, as, id;
    std::map<std::string, std::string> fields;  // option name → value, only those given
    std::vector<std::string> set, add, remove;
    bool json_out = false;
};

// The record edit the options ask for; throws InputError for a malformed MARC change.
RecordEdit record_edit(const EditArgs& a) {
    RecordEdit e;
    const std::map<std::string, std::optional<std::string> RecordEdit::*> slots = {
        {"title", &RecordEdit::title},     {"responsibility", &RecordEdit::responsibility},
        {"publisher", &RecordEdit::publisher}, {"place", &RecordEdit::place},
        {"year", &RecordEdit::year},       {"isbn", &RecordEdit::isbn},
        {"price", &RecordEdit::price},     {"pages", &RecordEdit::pages},
        {"series", &RecordEdit::series},   {"class", &RecordEdit::clc_class},
        {"call-number", &RecordEdit::call_number}};
    for (const auto& [name, value] : a.fields) {
        if (name == "subjects") {
            std::vector<std::string> subjects;
            std::stringstream ss(value);
            for (std::string s; std::getline(ss, s, ';');)
                if (!s.empty()) subjects.push_back(s);
            e.subjects = subjects;
        } else {
            e.*slots.at(name) = value;
        }
    }
    auto changes = [&](const std::vector<std::string>& texts, MarcChange::Kind kind, const char* opt) {
        for (const auto& t : texts) {
            auto c = parse_marc_change(kind, t);
            if (!c) throw InputError("", opt, trf("catalog.msg.bad_marc_change", {t}));
            e.marc.push_back(*c);
        }
    };
    changes(a.set, MarcChange::Kind::Set, "--set");
    changes(a.add, MarcChange::Kind::Add, "--add");
    changes(a.remove, MarcChange::Kind::Remove, "--remove");
    if (e.empty()) throw InputError("", "", tr("catalog.msg.nothing_to_change"));
    return e;
}

int run_edit(const EditArgs& a) {
    RecordEdit edit = record_edit(a);
    auto st = open_store(a.db);
    BibRecord before = find_record(*st, a.id);
    auto r = st->edit_record(before.id, edit, a.as);
    if (r.ok && !a.json_out)
        for (const auto& l : diff_lines(record_json_text(before), record_json_text(*st->record(before.id))))
            std::cout << "  " << l << "\n";
    return report_change(r, trf("catalog.ok.edited", {std::to_string(before.id)}), a.json_out);
}

void add_edit(CLI::App* cat) {
    auto a = std::make_shared<EditArgs>();
    auto* c = cat->add_subcommand("edit", tr("catalog.cli.edit"));
    c->add_option("--db", a->db, tr("catalog.cli.db"))->required();
    c->add_option("--as", a->as, tr("catalog.cli.as"))->required();
    c->add_option("record", a->id, tr("catalog.cli.record"))->required();
    for (const char* name : {"title", "responsibility", "publisher", "place", "year", "isbn", "price", "pages", "series",
                             "class", "call-number", "subjects"}) {
        std::string opt = std::string("--") + name;
        c->add_option_function<std::string>(opt, [a, n = std::string(name)](const std::string& v) { a->fields[n] = v; },
                                            tr("catalog.cli.edit_field"));
    }
    c->add_option("--set", a->set, tr("catalog.cli.marc_set"));
    c->add_option("--add", a->add, tr("catalog.cli.marc_add"));
    c->add_option("--remove", a->remove, tr("catalog.cli.marc_remove"));
    c->add_flag("--json", a->json_out, tr("catalog.cli.json"));
    c->callback([a] { run_guarded([a] { return run_edit(*a); }); });
}

struct ItemArgs {
    std::string db, as, barcode;
    std::optional<std::string> new_barcode, call_number, location, status;
    std::vector<std::string> barcodes;  // item add
    bool json_out = false;
};

int run_item_edit(const ItemArgs& a, const std::string& action) {
    auto st = open_store(a.db);
    Item it = find_item(*st, a.barcode);
    if (action == "delete") return report_change(st->delete_item(it.id, a.as), trf("catalog.ok.item_deleted", {a.barcode}), a.json_out);
    ItemEdit e;
    e.barcode = a.new_barcode;
    e.call_number = a.call_number;
    e.location = a.location;
    if (action == "withdraw") e.status = ItemStatus::Withdrawn;
    if (a.status) {
        e.status = parse_item_status(*a.status);
        if (!e.status) throw InputError("", "--status", trf("catalog.csv.bad_status", {*a.status}));
    }
    if (e.empty()) throw InputError("", "", tr("catalog.msg.nothing_to_change"));
    auto r = st->edit_item(it.id, e, a.as);
    if (r.ok && !a.json_out)
        for (const auto& l : diff_lines(item_json_text(it), item_json_text(*st->item(it.id)))) std::cout << "  " << l << "\n";
    return report_change(r, trf("catalog.ok.item_edited", {a.barcode}), a.json_out);
}

int run_item_add(const ItemArgs& a) {
    auto st = open_store(a.db);
    BibRecord rec = find_record(*st, a.barcode);
    std::vector<Item> items;
    for (const auto& b : a.barcodes) {
        Item it;
        it.barcode = b;
        if (a.call_number) it.call_number = *a.call_number;
        if (a.location) it.location = *a.location;
        items.push_back(it);
    }
    auto r = st->add_items(rec.id, items, a.as);
    return report_change(r, trf("catalog.ok.items_added", {std::to_string(items.size()), std::to_string(rec.id)}), a.json_out);
}

void add_item_commands(CLI::App* cat) {
    auto* grp = cat->add_subcommand("item", tr("catalog.cli.item"));
    grp->require_subcommand(1);
    for (const char* action : {"edit", "withdraw", "delete", "add"}) {
        auto a = std::make_shared<ItemArgs>();
        auto* c = grp->add_subcommand(action, tr(std::string("catalog.cli.item_") + action));
        c->add_option("--db", a->db, tr("catalog.cli.db"))->required();
        c->add_option("--as", a->as, tr("catalog.cli.as"))->required();
        const std::string act = action;
        if (act == "add") {
            c->add_option("record", a->barcode, tr("catalog.cli.record"))->required();
            c->add_option("barcodes", a->barcodes, tr("catalog.cli.barcodes"))->required();
        } else {
            c->add_option("barcode", a->barcode, tr("catalog.cli.barcode"))->required();
        }
        if (act == "edit") {
            c->add_option("--barcode", a->new_barcode, tr("catalog.cli.new_barcode"));
            c->add_option("--status", a->status, tr("catalog.cli.status"));
        }
        if (act == "edit" || act == "add") {
            c->add_option("--call-number", a->call_number, tr("catalog.cli.item_call_number"));
            c->add_option("--location", a->location, tr("catalog.cli.location"));
        }
        c->add_flag("--json", a->json_out, tr("catalog.cli.json"));
        c->callback([a, act] { run_guarded([a, act] { return act == "add" ? run_item_add(*a) : run_item_edit(*a, act); }); });
    }
}

void add_delete_merge(CLI::App* cat) {
    {
        auto a = std::make_shared<ItemArgs>();
        auto* c = cat->add_subcommand("delete", tr("catalog.cli.delete"));
        c->add_option("--db", a->db, tr("catalog.cli.db"))->required();
        c->add_option("--as", a->as, tr("catalog.cli.as"))->required();
        c->add_option("record", a->barcode, tr("catalog.cli.record"))->required();
        c->add_flag("--json", a->json_out, tr("catalog.cli.json"));
        c->callback([a] {
            run_guarded([a] {
                auto st = open_store(a->db);
                BibRecord rec = find_record(*st, a->barcode);
                return report_change(st->delete_record(rec.id, a->as), trf("catalog.ok.record_deleted", {std::to_string(rec.id)}),
                                     a->json_out);
            });
        });
    }
    auto a = std::make_shared<ItemArgs>();
    auto* c = cat->add_subcommand("merge", tr("catalog.cli.merge"));
    c->add_option("--db", a->db, tr("catalog.cli.db"))->required();
    c->add_option("--as", a->as, tr("catalog.cli.as"))->required();
    c->add_option("keep", a->barcode, tr("catalog.cli.keep"))->required();
    c->add_option("lose", a->barcodes, tr("catalog.cli.lose"))->required()->expected(1);
    c->add_flag("--json", a->json_out, tr("catalog.cli.json"));
    c->callback([a] {
        run_guarded([a] {
            auto st = open_store(a->db);
            BibRecord keep = find_record(*st, a->barcode), lose = find_record(*st, a->barcodes.at(0));
            return report_change(st->merge_records(keep.id, lose.id, a->as),
                                 trf("catalog.ok.merged", {std::to_string(lose.id), std::to_string(keep.id)}), a->json_out);
        });
    });
}

int run_history(const std::string& db, const std::string& id, std::size_t limit, bool json_out) {
    auto st = open_store(db);
    std::optional<long long> rid;
    if (!id.empty()) rid = find_record(*st, id).id;
    auto rows = st->history(rid, limit);
    if (json_out) {
        json out = json::array();
        for (const auto& c : rows)
            out.push_back({{"id", c.id}, {"at", c.at}, {"operator", c.op}, {"action", c.action}, {"target", c.target},
                           {"record_id", c.record_id}, {"batch", c.batch},
                           {"before", c.before_json.empty() ? json() : json::parse(c.before_json, nullptr, false)},
                           {"after", c.after_json.empty() ? json() : json::parse(c.after_json, nullptr, false)}});
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    if (rows.empty()) std::cout << tr("catalog.msg.no_changes") << "\n";
    for (const auto& c : rows) {
        std::cout << "#" << c.id << "\t" << c.at << "\t" << (c.op.empty() ? "-" : c.op) << "\t"
                  << tr("catalog.action." + c.action) << "\t" << c.target << (c.batch ? "\t[batch " + std::to_string(c.batch) + "]" : "")
                  << "\n";
        for (const auto& l : diff_lines(c.before_json, c.after_json)) std::cout << "    " << l << "\n";
    }
    return 0;
}

int run_batches(const std::string& db, std::size_t limit, bool json_out) {
    auto st = open_store(db);
    auto rows = st->import_batches(limit);
    json out = json::array();
    for (const auto& b : rows) {
        if (json_out) {
            out.push_back({{"id", b.id}, {"at", b.at}, {"operator", b.op}, {"source", b.source}, {"overlay", b.overlay},
                           {"records_added", b.records_added}, {"records_updated", b.records_updated},
                           {"records_skipped", b.records_skipped}, {"items_added", b.items_added},
                           {"undone_at", b.undone_at.empty() ? json() : json(b.undone_at)}});
            continue;
        }
        std::cout << b.id << "\t" << b.at << "\t" << (b.op.empty() ? "-" : b.op) << "\t" << b.source << "\t"
                  << trf("catalog.msg.batch_counts", {std::to_string(b.records_added), std::to_string(b.records_updated),
                                                      std::to_string(b.records_skipped), std::to_string(b.items_added)})
                  << (b.undone_at.empty() ? "" : "\t" + trf("catalog.msg.batch_undone_at", {b.undone_at})) << "\n";
    }
    if (json_out) std::cout << out.dump(2) << "\n";
    return 0;
}

void add_history_batches(CLI::App* cat) {
    {
        auto db = std::make_shared<std::string>();
        auto id = std::make_shared<std::string>();
        auto limit = std::make_shared<std::size_t>(50);
        auto js = std::make_shared<bool>(false);
        auto* c = cat->add_subcommand("history", tr("catalog.cli.history"));
        c->add_option("--db", *db, tr("catalog.cli.db"))->required();
        c->add_option("record", *id, tr("catalog.cli.record"));
        c->add_option("--limit", *limit, tr("catalog.cli.limit"));
        c->add_flag("--json", *js, tr("catalog.cli.json"));
        c->callback([=] { run_guarded([=] { return run_history(*db, *id, *limit, *js); }); });
    }
    auto db = std::make_shared<std::string>();
    auto limit = std::make_shared<std::size_t>(50);
    auto js = std::make_shared<bool>(false);
    auto* c = cat->add_subcommand("batches", tr("catalog.cli.batches"));
    c->add_option("--db", *db, tr("catalog.cli.db"))->required();
    c->add_option("--limit", *limit, tr("catalog.cli.limit"));
    c->add_flag("--json", *js, tr("catalog.cli.json"));
    c->callback([=] { run_guarded([=] { return run_batches(*db, *limit, *js); }); });
}

}  // namespace

int report_change(const ChangeResult& r, const std::string& done_message, bool json_out) {
    const std::string message = r.ok ? done_message : trv_in(language(), "catalog.refused." + r.code, r.args);
    if (json_out) {
        json j = {{"ok", r.ok}, {"code", r.code}, {"message", message}, {"args", r.args}};
        if (r.id) j["id"] = r.id;
        std::cout << j.dump(2) << "\n";
    } else {
        (r.ok ? std::cout : std::cerr) << message << "\n";
    }
    return r.ok ? 0 : 3;
}

void add_catalog_maintenance(CLI::App* cat) {
    add_edit(cat);
    add_item_commands(cat);
    add_delete_merge(cat);
    add_history_batches(cat);
}

}  // namespace shuxiang::cli
