// `shuxiang labels items|spine|cards`: printable barcode labels, spine labels (书标) and reader
// cards (借书证) as PDF on the sheet layouts of library_core/labels (docs/labels.md).
// Exit codes: 0 written, 2 bad input (nothing written), 3 refused (reader cards need a librarian).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "auth.hpp"
#include "registry.hpp"
#include "shuxiang/catalog/clc.hpp"
#include "shuxiang/catalog/store.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/labels/pdf.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {
namespace {

using circulation::LibraryServices;
using labels::LabelKind;

constexpr int kRefused = 3;

// The options of one labels command.
struct LabelArgs {
    std::string db, out, layout, barcodes, range, as, password_file, class_key, patrons, name;
    long long record = 0;
    int start_at = 1;
};

const labels::SheetLayout& chosen_layout(const LabelArgs& a, LabelKind kind) {
    const labels::SheetLayout* l = a.layout.empty() ? &labels::default_layout(kind) : labels::find_layout(a.layout);
    if (!l) {
        std::string names;
        for (const auto& known : labels::layouts()) names += (names.empty() ? "" : ", ") + known.name;
        throw InputError("--layout", a.layout, trf("labels.error.unknown_layout", {a.layout, names}));
    }
    if (a.start_at < 1 || a.start_at > l->per_sheet())
        throw InputError("--start-at", std::to_string(a.start_at),
                         trf("labels.error.start_at", {std::to_string(a.start_at), l->name, std::to_string(l->per_sheet())}));
    return *l;
}

// One copy to label: its barcode, its record's title and the copy's call number.
struct Copy {
    std::string barcode, title, call_number;
};

Copy copy_of(catalog::Store& store, const catalog::Item& item) {
    auto rec = store.record(item.record_id);
    Copy c{item.barcode, rec ? rec->title : "", item.call_number};
    if (c.call_number.empty() && rec) c.call_number = rec->call_number;
    return c;
}

// Whether a call number lies in FIRST..LAST; a bare class as LAST takes in its whole class.
struct CallRange {
    catalog::CallNumber first, last;
    std::optional<std::string> last_prefix;
    bool contains(const catalog::CallNumber& cn) const {
        if (catalog::compare_call_numbers(cn, first) < 0) return false;
        if (catalog::compare_call_numbers(cn, last) <= 0) return true;
        return last_prefix && catalog::shelf_key(cn).rfind(*last_prefix, 0) == 0;
    }
};

CallRange parse_range(const std::string& text) {
    auto dots = text.find("..");
    auto bad = [&] { return InputError("--range", text, trf("labels.error.bad_range", {text})); };
    if (dots == std::string::npos) throw bad();
    auto first = catalog::parse_call_number(text.substr(0, dots));
    auto last = catalog::parse_call_number(text.substr(dots + 2));
    if (!first || !last) throw bad();
    CallRange r{*first, *last, std::nullopt};
    if (last->book_number.empty()) r.last_prefix = catalog::shelf_key_class_prefix(last->class_number);
    return r;
}

std::vector<Copy> copies_in_range(catalog::Store& store, const std::string& text) {
    CallRange range = parse_range(text);
    std::vector<std::pair<catalog::CallNumber, Copy>> found;
    std::vector<long long> ids;
    store.for_each_record([&](const catalog::BibRecord& r) {
        auto cn = catalog::parse_call_number(r.call_number);
        if (cn && range.contains(*cn)) ids.push_back(r.id);
    });
    for (long long id : ids) {
        for (const auto& item : store.items_of(id)) {
            Copy c = copy_of(store, item);
            auto cn = catalog::parse_call_number(c.call_number);
            if (cn) found.emplace_back(*cn, c);
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        int c = catalog::compare_call_numbers(a.first, b.first);
        return c != 0 ? c < 0 : a.second.barcode < b.second.barcode;
    });
    std::vector<Copy> out;
    for (auto& f : found) out.push_back(std::move(f.second));
    return out;
}

std::vector<Copy> select_copies(catalog::Store& store, const LabelArgs& a) {
    int given = !a.barcodes.empty() + !a.range.empty() + (a.record != 0);
    if (given != 1) throw InputError("", "", tr("labels.error.one_selection"));
    std::vector<Copy> out;
    if (!a.barcodes.empty()) {
        for (const auto& b : split_list(a.barcodes)) {
            auto item = store.item_by_barcode(b);
            if (!item) throw InputError("--barcodes", b, trf("labels.error.unknown_barcode", {b}));
            out.push_back(copy_of(store, *item));
        }
    } else if (a.record != 0) {
        if (!store.record(a.record))
            throw InputError("--record", std::to_string(a.record), trf("labels.error.unknown_record", {std::to_string(a.record)}));
        for (const auto& item : store.items_of(a.record)) out.push_back(copy_of(store, item));
    } else {
        out = copies_in_range(store, a.range);
    }
    if (out.empty()) throw InputError("", "", tr("labels.error.empty_selection"));
    return out;
}

int write_pdf(const LabelArgs& a, const std::string& pdf, std::size_t count, const labels::SheetLayout& l) {
    atomic_write_file(a.out, pdf);
    std::cout << trf("labels.written", {a.out, std::to_string(count), std::to_string(labels::page_count(l, static_cast<int>(count), a.start_at)), l.name})
              << "\n";
    return 0;
}

// Labels only read: a missing database file is bad input (opening it would create it).
void require_db(const LabelArgs& a) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(a.db, ec)) throw InputError(a.db, "", tr("labels.error.no_db"));
}

std::string library_name(const LabelArgs& a) { return a.name.empty() ? tr("labels.default_library") : a.name; }

int run_items(const LabelArgs& a, bool spine) {
    const auto& layout = chosen_layout(a, spine ? LabelKind::Spine : LabelKind::Item);
    require_db(a);
    auto lib = LibraryServices::open(a.db);
    auto copies = select_copies(lib->catalog(), a);
    if (spine) {
        std::vector<std::string> calls;
        for (const auto& c : copies) calls.push_back(c.call_number);
        return write_pdf(a, labels::spine_labels_pdf(layout, calls, a.start_at), calls.size(), layout);
    }
    std::vector<labels::ItemLabel> items;
    for (const auto& c : copies) items.push_back({library_name(a), c.barcode, c.title, c.call_number});
    return write_pdf(a, labels::item_labels_pdf(layout, items, a.start_at), items.size(), layout);
}

// Reader cards print patron data: only an authenticated, active librarian may make them (auth.hpp
// refuses and audits a failed authentication; the role refusal is audited here).
bool librarian_allowed(LibraryServices& lib, const circulation::Ctx& ctx, const LabelArgs& a) {
    auto op = lib.operators().find(ctx.op);
    if (op && !op->disabled && op->role == circulation::Role::Librarian) return true;
    circulation::Result r;
    r.code = "not_permitted";
    r.message = trf("labels.refused.cards", {ctx.op});
    lib.admin().record(ctx, "labels.cards", a.class_key, r);
    std::cerr << r.message << "\n";
    return false;
}

std::string class_text(const circulation::Patron& p) {
    if (p.kind != circulation::PatronKind::Student || p.grade < 1 || p.grade > 12) return "";
    return trf("labels.card.class", {tr("labels.grade." + std::to_string(p.grade)), p.class_no});
}

std::vector<circulation::Patron> select_readers(LibraryServices& lib, const LabelArgs& a) {
    if (a.class_key.empty() == a.patrons.empty()) throw InputError("", "", tr("labels.error.one_reader_selection"));
    std::vector<circulation::Patron> out;
    if (!a.class_key.empty()) {
        auto key = circulation::parse_class_key(a.class_key);
        if (!key) throw InputError("--class", a.class_key, trf("labels.error.bad_class", {a.class_key}));
        for (auto& p : lib.patrons().list(circulation::PatronQuery{"", *key, 0}))
            if (p.status != circulation::PatronStatus::Left) out.push_back(std::move(p));
        std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
    } else {
        for (const auto& id : split_list(a.patrons)) {
            auto p = lib.patrons().find(id);
            if (!p) throw InputError("--patrons", id, trf("labels.error.unknown_reader", {id}));
            out.push_back(*p);
        }
    }
    if (out.empty()) throw InputError("", "", tr("labels.error.empty_selection"));
    return out;
}

int run_cards(const LabelArgs& a) {
    const auto& layout = chosen_layout(a, LabelKind::Card);
    require_db(a);
    AuthSession s = open_auth(a.db);
    const circulation::Ctx ctx = authenticate(s, {a.as, a.password_file}, circulation::today(), false);
    if (!librarian_allowed(*s.lib, ctx, a)) return kRefused;
    std::vector<labels::ReaderCard> cards;
    for (const auto& p : select_readers(*s.lib, a)) cards.push_back({library_name(a), p.name, class_text(p), p.id});
    return write_pdf(a, labels::reader_cards_pdf(layout, cards, a.start_at), cards.size(), layout);
}

std::shared_ptr<LabelArgs> common_options(CLI::App* c) {
    auto a = std::make_shared<LabelArgs>();
    c->add_option("--db", a->db, tr("labels.cli.db"))->required();
    c->add_option("--out", a->out, tr("labels.cli.out"))->required();
    c->add_option("--layout", a->layout, tr("labels.cli.layout"));
    c->add_option("--start-at", a->start_at, tr("labels.cli.start_at"));
    c->add_option("--name", a->name, tr("labels.cli.name"));
    return a;
}

void add_copy_command(CLI::App* g, const char* name, const char* help, bool spine) {
    auto* c = g->add_subcommand(name, tr(help));
    auto a = common_options(c);
    c->add_option("--barcodes", a->barcodes, tr("labels.cli.barcodes"));
    c->add_option("--range", a->range, tr("labels.cli.range"));
    c->add_option("--record", a->record, tr("labels.cli.record"));
    c->callback([a, spine] { run_guarded([a, spine] { return run_items(*a, spine); }); });
}

void add_labels(CLI::App& root) {
    auto* g = root.add_subcommand("labels", tr("labels.cli.labels"));
    g->require_subcommand(1);
    add_copy_command(g, "items", "labels.cli.items", false);
    add_copy_command(g, "spine", "labels.cli.spine", true);
    auto* c = g->add_subcommand("cards", tr("labels.cli.cards"));
    auto a = common_options(c);
    c->add_option("--as", a->as, tr("labels.cli.as"));
    c->add_option("--password-file", a->password_file, tr("identity.cli.password_file"));
    c->add_option("--class", a->class_key, tr("labels.cli.class"));
    c->add_option("--patrons", a->patrons, tr("labels.cli.patrons"));
    c->callback([a] { run_guarded([a] { return run_cards(*a); }); });
}

const Registrar reg(add_labels);

}  // namespace
}  // namespace shuxiang::cli
