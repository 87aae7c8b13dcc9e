#include "shuxiang/shelving/stocktake.hpp"

#include <sqlite3.h>

#include <set>
#include <unordered_map>

#include "shuxiang/shelving/db.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::shelving {

namespace {

struct Copy {
    long long id = 0;
    std::string barcode, call_number, status;
};

// Every copy of the database by barcode and by id (read only).
void load_copies(const std::filesystem::path& db, std::unordered_map<std::string, Copy>& by_barcode,
                 std::unordered_map<long long, std::string>& barcode_of) {
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        std::string msg = raw ? sqlite3_errmsg(raw) : "cannot open";
        sqlite3_close(raw);
        throw InputError(db.string(), "", msg);
    }
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(raw, "SELECT id, barcode, call_number, status FROM items", -1, &st, nullptr) != SQLITE_OK) {
        std::string msg = sqlite3_errmsg(raw);
        sqlite3_close(raw);
        throw InputError(db.string(), "", msg);
    }
    auto text = [&](int c) {
        auto p = sqlite3_column_text(st, c);
        return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
    };
    while (sqlite3_step(st) == SQLITE_ROW) {
        Copy c{sqlite3_column_int64(st, 0), text(1), text(2), text(3)};
        barcode_of[c.id] = c.barcode;
        by_barcode[c.barcode] = std::move(c);
    }
    sqlite3_finalize(st);
    sqlite3_close(raw);
}

bool on_shelf_status(const std::string& s) { return s != "on_loan" && s != "lost" && s != "withdrawn" && s != "in_transit"; }

}  // namespace

RangeStocktake stocktake_range(const std::filesystem::path& db, const std::string& range,
                               const std::vector<std::string>& scanned) {
    auto a = load_assignment(db);
    if (!a) throw InputError(db.string(), "", tr("shelving.stocktake.no_assignment"));
    bool known_range = false;
    for (const auto& s : a->sections) known_range |= s.furniture_id == range;
    if (!known_range) throw InputError(db.string(), "--range", trf("shelving.stocktake.unknown_range", {range}));

    std::unordered_map<std::string, Copy> by_barcode;
    std::unordered_map<long long, std::string> barcode_of;
    load_copies(db, by_barcode, barcode_of);
    std::unordered_map<long long, const Placement*> placed;
    for (const auto& p : a->placed) placed[p.item_id] = &p;

    RangeStocktake out;
    out.range = range;
    std::set<std::string> seen;
    for (const auto& b : scanned)
        if (!b.empty()) seen.insert(b);
    // Expected: copies assigned to this range that should be on the shelf, in shelf order.
    std::set<long long> expected_ids;
    for (const auto& p : a->placed) {
        if (p.section < 0 || a->sections[static_cast<std::size_t>(p.section)].furniture_id != range) continue;
        auto bc = barcode_of.find(p.item_id);
        if (bc == barcode_of.end()) continue;  // withdrawn from the catalog since
        const Copy& c = by_barcode[bc->second];
        if (!on_shelf_status(c.status)) continue;
        expected_ids.insert(p.item_id);
        ++out.expected;
        if (seen.count(c.barcode)) ++out.found;
        else out.missing.push_back(c.barcode);
    }
    for (const auto& b : seen) {
        auto it = by_barcode.find(b);
        if (it == by_barcode.end()) {
            out.unexpected.push_back(b);
            continue;
        }
        const Copy& c = it->second;
        if (expected_ids.count(c.id)) continue;
        auto p = placed.find(c.id);
        if (!on_shelf_status(c.status) || p == placed.end() || p->second->section < 0) {
            out.unexpected.push_back(b);
            continue;
        }
        const Section& s = a->sections[static_cast<std::size_t>(p->second->section)];
        out.misplaced.push_back({b, c.call_number, s.id, s.label, s.room_id, p->second->level});
    }
    return out;
}

}  // namespace shuxiang::shelving
