// `shuxiang stocktake --range FIRST..LAST --scanned FILE`: by shelf once the collection is shelved
// (misplaced copies with the room, range, section and level where they belong), by call number before.
#include "cmd_stocktake.hpp"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "registry.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/shelving/stocktake.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {

namespace {

std::vector<std::string> read_scanned(const std::string& path) {
    std::istringstream in(read_file(path));
    std::vector<std::string> codes;
    std::string line;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
        auto b = line.find_first_not_of(" \t");
        if (b != std::string::npos) codes.push_back(line.substr(b));
    }
    return codes;
}

std::string place_of(const shelving::MisplacedCopy& m) {
    std::string where = m.room_name.empty() ? m.room : m.room_name;
    if (!m.label.empty()) where += (where.empty() ? "" : " ") + m.label;
    return where + (where.empty() ? "" : " ") + m.section;
}

void print(const shelving::Stocktake& r, const std::string& range, bool json) {
    if (json) {
        nlohmann::json j{{"range", range},       {"by_shelf", r.by_shelf}, {"sections", r.sections},
                         {"expected", r.expected}, {"found", r.found},      {"missing", r.missing},
                         {"unexpected", r.unexpected}};
        auto& mis = j["misplaced"] = nlohmann::json::array();
        for (const auto& m : r.misplaced) {
            nlohmann::json o{{"barcode", m.barcode}, {"call_number", m.call_number}};
            if (r.by_shelf) {
                o["belongs_room"] = m.room;
                o["belongs_room_name"] = m.room_name;
                o["belongs_range"] = m.range;
                o["belongs_range_label"] = m.label;
                o["belongs_section"] = m.section;
                o["belongs_level"] = m.level;
            }
            mis.push_back(std::move(o));
        }
        std::cout << j.dump(2) << "\n";
        return;
    }
    if (r.by_shelf)
        std::cout << trf("shelving.stocktake.summary", {range, std::to_string(r.expected), std::to_string(r.found),
                                                         std::to_string(r.missing.size()), std::to_string(r.misplaced.size()),
                                                         std::to_string(r.unexpected.size())})
                  << "\n";
    else
        std::cout << trf("circ.cli.stocktake_summary", {std::to_string(r.expected), std::to_string(r.found)}) << "\n";
    auto list = [](const char* key, const std::vector<std::string>& v) {
        std::cout << tr(key) << " (" << v.size() << "):";
        for (const auto& b : v) std::cout << " " << b;
        std::cout << "\n";
    };
    list("circ.cli.missing", r.missing);
    if (r.by_shelf) {
        for (const auto& m : r.misplaced)
            std::cout << trf("shelving.stocktake.belongs", {m.barcode, m.call_number, place_of(m), std::to_string(m.level)}) << "\n";
    } else {
        std::vector<std::string> codes;
        for (const auto& m : r.misplaced) codes.push_back(m.barcode);
        list("circ.cli.misplaced", codes);
    }
    list("circ.cli.unexpected", r.unexpected);
}

}  // namespace

int run_stocktake(const std::string& db, const std::string& range, const std::string& scanned_file, bool json,
                  bool require_shelving) {
    auto dots = range.find("..");
    const std::string first = range.substr(0, dots);
    const std::string last = dots == std::string::npos ? first : range.substr(dots + 2);
    if (first.empty() || last.empty()) throw InputError("--range", "", tr("circ.cli.bad_range"));
    const auto scanned = read_scanned(scanned_file);
    if (require_shelving) {
        // Straight to the shelving tables: no circulation tables are created for this command.
        auto r = shelving::stocktake_shelves(db, first, last, scanned, true);
        if (!r) throw InputError(db, "", tr("shelving.stocktake.no_assignment"));
        print(*r, range, json);
        return 0;
    }
    auto lib_owner = circulation::LibraryServices::open(db);
    auto& lib = *lib_owner;
    print(lib.collection().stocktake(first, last, scanned), range, json);
    return 0;
}

namespace {

const Registrar reg([](CLI::App& root) {
    auto* c = root.add_subcommand("stocktake", tr("circ.cli.stocktake"));
    auto db = std::make_shared<std::string>(), range = std::make_shared<std::string>(),
         scanned = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    c->add_option("--db", *db, tr("circ.cli.db"))->required();
    c->add_option("--range", *range, tr("circ.cli.range"))->required();
    c->add_option("--scanned", *scanned, tr("circ.cli.scanned"))->required();
    c->add_flag("--json", *json, tr("circ.cli.json"));
    c->callback([=] { run_guarded([=] { return run_stocktake(*db, *range, *scanned, *json, false); }); });
});

}  // namespace
}  // namespace shuxiang::cli
