// Receiving an order (验收): each delivery goes onto one shelvable catalogue record (title,
// responsibility, publisher, year, ISBN, price, 中图法 class, call number) as copies with their own
// copy numbers; a partial delivery leaves the order open for the rest.
#include <cmath>
#include <set>
#include <variant>

#include "../internal.hpp"
#include "shuxiang/catalog/clc.hpp"
#include "shuxiang/catalog/csv.hpp"
#include "shuxiang/catalog/edit.hpp"
#include "shuxiang/catalog/isbn.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::circulation {

namespace {

// Enough for every title of one class in a school library.
constexpr std::size_t kClassLimit = 1000000;

const std::string& pick(const std::string& typed, const std::string& had) { return typed.empty() ? had : typed; }

Result catalog_refusal(const catalog::ChangeResult& cr) {
    Result r;
    r.code = cr.code;
    r.message = trv("catalog.refused." + cr.code, cr.args);
    return r;
}

// The call numbers of the records of exactly this class (the 种次号 rule counts within it).
std::vector<std::string> call_numbers_in_class(catalog::Store& st, const std::string& class_number) {
    std::vector<std::string> out;
    for (long long id : st.records_by_call_number_prefix(class_number + "/", kClassLimit))
        if (auto r = st.record(id)) out.push_back(r->call_number);
    return out;
}

// The record a first delivery creates: the suggestion's data, overridden by what was typed.
catalog::BibRecord new_record(const Suggestion& s, const Receipt& r) {
    catalog::BibRecord rec;
    rec.title = s.title;
    rec.responsibility = pick(r.author, s.author);
    rec.publisher = pick(r.publisher, s.publisher);
    rec.year = pick(r.year, s.year);
    rec.isbns = {catalog::isbn_normalize(s.isbn).value_or(s.isbn)};
    rec.price = r.price ? r.price : s.list_price ? s.list_price : std::optional<double>(s.price);
    rec.pages = s.pages;
    rec.clc_class = pick(r.clc_class, s.clc_class);
    return rec;
}

// Typed data on an existing record fills its empty fields; a value that differs is refused (the
// record is changed with `catalog edit`, not by a delivery).
std::optional<Result> typed_into_existing(catalog::BibRecord& rec, const Receipt& r, catalog::RecordEdit& fill) {
    const std::string id = std::to_string(rec.id);
    struct Field {
        const char* label;
        std::string& have;
        const std::string& typed;
        std::optional<std::string>& edit;
    };
    Field fields[] = {{"catalog.field.responsibility", rec.responsibility, r.author, fill.responsibility},
                      {"catalog.field.publisher", rec.publisher, r.publisher, fill.publisher},
                      {"catalog.field.year", rec.year, r.year, fill.year},
                      {"catalog.field.clc_class", rec.clc_class, r.clc_class, fill.clc_class},
                      {"catalog.field.call_number", rec.call_number, r.call_number, fill.call_number}};
    for (auto& f : fields) {
        if (f.typed.empty() || f.typed == f.have) continue;
        if (!f.have.empty()) return refusal("record_differs", {id, tr(f.label), f.have, f.typed});
        f.have = f.typed;
        f.edit = f.typed;
    }
    if (r.price && rec.price && std::fabs(*r.price - *rec.price) > 0.005)
        return refusal("record_differs", {id, tr("catalog.field.price"), money_text(*rec.price), money_text(*r.price)});
    if (r.price && !rec.price) {
        rec.price = r.price;
        fill.price = money_text(*r.price);
    }
    return std::nullopt;
}

// A typed call number: it parses, has a book number, belongs to the record's main class and is
// no other record's.
std::optional<Result> check_typed_call_number(catalog::Store& st, catalog::BibRecord& rec, const catalog::CallNumber& cls,
                                              const std::string& typed, catalog::RecordEdit* fill) {
    auto cn = catalog::parse_call_number(typed);
    if (!cn || cn->book_number.empty()) return refusal("bad_call_number", {typed});
    if (catalog::clc_top_class(cn->class_number) != catalog::clc_top_class(cls.class_number))
        return refusal("call_number_class", {cn->text, cls.class_number});
    for (long long other : st.records_by_call_number_prefix(cn->text, 50)) {
        auto o = st.record(other);
        if (o && o->id != rec.id && o->call_number == cn->text) return refusal("call_number_taken", {cn->text, o->title});
    }
    rec.call_number = cn->text;
    if (fill) fill->call_number = cn->text;
    return std::nullopt;
}

// The record's class and call number settled (`fill` is null for a new record, else what the
// delivery fills in on the existing one). Without a typed or stored call number the 种次号
// proposal is used only when the librarian confirmed it.
std::optional<Result> settle_call_number(catalog::Store& st, catalog::BibRecord& rec, const Receipt& r, catalog::RecordEdit* fill) {
    if (rec.title.empty()) return refusal("empty_title", {});
    const bool typed_call = !r.call_number.empty() && (!fill || fill->call_number);
    const std::string& known_call = typed_call ? r.call_number : rec.call_number;
    if (rec.clc_class.empty() && !known_call.empty())
        if (auto cn = catalog::parse_call_number(known_call)) {
            rec.clc_class = cn->class_number;
            if (fill) fill->clc_class = rec.clc_class;
        }
    if (rec.clc_class.empty()) return refusal("no_class", {rec.title});
    // An existing, already shelved record is taken as it is.
    if (fill && !fill->clc_class && !typed_call && !rec.call_number.empty()) return std::nullopt;
    auto cls = catalog::parse_call_number(rec.clc_class);
    if (!cls || !cls->book_number.empty() || catalog::clc_top_class(cls->class_number).empty())
        return refusal("bad_class", {rec.clc_class});
    if (!fill || fill->clc_class) {
        rec.clc_class = cls->class_number;
        if (fill) fill->clc_class = rec.clc_class;
    }
    if (typed_call) return check_typed_call_number(st, rec, *cls, r.call_number, fill);
    if (!rec.call_number.empty()) return std::nullopt;
    std::string proposal = propose_call_number(cls->class_number, call_numbers_in_class(st, cls->class_number));
    if (!r.accept_call_number) {
        Result res = refusal("confirm_call_number", {proposal, rec.title});
        res.details.push_back(proposal);
        return res;
    }
    rec.call_number = proposal;
    if (fill) fill->call_number = proposal;
    return std::nullopt;
}

// The record this delivery goes to: the order's (a later delivery), else the one holding its ISBN.
std::optional<catalog::BibRecord> existing_record(catalog::Store& st, const Order& o, const Suggestion& s) {
    if (o.record_id)
        if (auto rec = st.record(o.record_id)) return rec;
    auto isbn = catalog::isbn_normalize(s.isbn);
    if (!isbn) return std::nullopt;
    auto ids = st.records_by_isbn(*isbn);
    if (ids.empty()) return std::nullopt;
    return st.record(ids.front());
}

// The barcodes are new (or copies of this record left in processing by an interrupted receive of
// an older Shuxiang, received again); fills `leftover` with those.
std::optional<Result> check_barcodes(catalog::Store& st, const std::vector<std::string>& barcodes, long long record_id,
                                     std::vector<catalog::Item>& leftover) {
    std::set<std::string> distinct;
    for (auto& b : barcodes) {
        if (b.empty() || !distinct.insert(b).second) return refusal("barcode_exists", {b});
        auto existing = st.item_by_barcode(b);
        if (!existing) continue;
        if (existing->status != catalog::ItemStatus::InProcessing || existing->record_id != record_id || record_id == 0)
            return refusal("barcode_exists", {b});
        leftover.push_back(*existing);
    }
    return std::nullopt;
}

long long store_new_record(catalog::Store& st, catalog::BibRecord rec) {
    std::vector<catalog::ImportEntry> batch(1);
    rec.marc = catalog::synthesize_cnmarc(rec);
    batch[0].record = std::move(rec);
    st.import_batch(batch);
    return batch[0].record.id;
}

// Writes the copies; returns them (barcode, copy number) in the order given, or a refusal.
std::variant<std::vector<catalog::Item>, Result> add_copies(catalog::Store& st, const Ctx& c, const catalog::BibRecord& rec,
                                                            const Suggestion& s, const Receipt& r,
                                                            const std::vector<catalog::Item>& leftover) {
    std::vector<catalog::Item> fresh;
    for (auto& b : r.barcodes) {
        bool left = false;
        for (auto& it : leftover) left |= it.barcode == b;
        if (left) continue;
        catalog::Item it;
        it.barcode = b;
        it.call_number = rec.call_number;
        it.status = catalog::ItemStatus::Available;
        it.acquired = c.date;
        it.source = "采购";
        it.price = s.price;
        fresh.push_back(it);
    }
    if (!fresh.empty()) {
        auto cr = st.add_items(rec.id, fresh, c.op);
        if (!cr.ok) return catalog_refusal(cr);
    }
    for (auto& it : leftover) st.set_item_state(it.id, catalog::ItemStatus::Available, std::nullopt);
    std::vector<catalog::Item> all = leftover;
    all.insert(all.end(), fresh.begin(), fresh.end());
    return all;
}

// The order's new state after a delivery of `n` copies onto record `record_id`.
void record_delivery(UnitOfWork& u, const Ctx& c, Order& o, Suggestion& s, int n, long long record_id) {
    o.received += n;
    o.record_id = record_id;
    o.received_date = c.date;
    o.status = o.received >= o.copies ? "received" : "partially_received";
    u.update_order(o);
    if (o.status == "received") {
        s.status = "received";
        u.update_suggestion(s);
    }
}

Result receipt_result(const Order& o, const catalog::BibRecord& rec, const std::vector<catalog::Item>& copies) {
    const std::string n = std::to_string(copies.size()), got = std::to_string(o.received), of = std::to_string(o.copies);
    Result res = o.status == "received"
                     ? success("circ.ok.received", {std::to_string(o.id), n, got, of, rec.call_number}, rec.id)
                     : success("circ.ok.received_partial",
                               {std::to_string(o.id), n, got, of, std::to_string(o.copies - o.received), rec.call_number}, rec.id);
    for (auto& it : copies)
        res.details.push_back(trf("circ.ok.received_copy", {it.barcode, rec.call_number, std::to_string(it.copy_number)}));
    return res;
}

}  // namespace

Result AcquisitionService::receive(const Ctx& c, long long order_id, const Receipt& r) {
    std::string target = std::to_string(order_id);
    // One unit: the record, its copies and the order change together or not at all (the catalog
    // store's writes are savepoints of this transaction).
    return run_op(repo_, c, Action::Receive, "acq.receive", target, [&](UnitOfWork& u) {
        auto o = u.find_order(order_id);
        if (!o) return refusal("unknown_order", {target});
        auto sug = u.find_suggestion(o->suggestion_id);
        if (!sug) return refusal("unknown_order", {target});
        if (o->status == "received") return refusal("order_received", {target});
        if (auto no = refused(can_receive(o->copies, o->received, static_cast<int>(r.barcodes.size())))) return *no;
        auto& st = u.catalog();
        auto found = existing_record(st, *o, *sug);
        catalog::BibRecord rec = found ? *found : new_record(*sug, r);
        catalog::RecordEdit fill;
        if (found)
            if (auto no = typed_into_existing(rec, r, fill)) return *no;
        if (auto no = settle_call_number(st, rec, r, found ? &fill : nullptr)) return *no;
        std::vector<catalog::Item> leftover;
        if (auto no = check_barcodes(st, r.barcodes, found ? rec.id : 0, leftover)) return *no;
        if (!found) {
            rec.id = store_new_record(st, rec);
        } else if (!fill.empty()) {
            auto cr = st.edit_record(rec.id, fill, c.op);
            if (!cr.ok) return catalog_refusal(cr);
        }
        auto copies = add_copies(st, c, rec, *sug, r, leftover);
        if (auto* no = std::get_if<Result>(&copies)) return *no;
        auto& added = std::get<std::vector<catalog::Item>>(copies);
        record_delivery(u, c, *o, *sug, static_cast<int>(added.size()), rec.id);
        return receipt_result(*o, rec, added);
    });
}

std::string AcquisitionService::propose_call_number(std::string_view clc_class) {
    auto u = repo_.read();
    auto cls = catalog::parse_call_number(clc_class);
    if (!cls) return "";
    return circulation::propose_call_number(clc_class, call_numbers_in_class(u->catalog(), cls->class_number));
}

std::vector<Order> AcquisitionService::orders(std::string_view status) { return repo_.read()->orders(status); }

}  // namespace shuxiang::circulation
