#include "shuxiang/shelving/db.hpp"

#include <sqlite3.h>

#include <map>
#include <stdexcept>

#include "shuxiang/catalog/sqlite/store_sqlite.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"
#include "shuxiang/util/sqlite.hpp"

namespace shuxiang::shelving {

namespace {

// The database connection; statements come from shuxiang/util/sqlite.hpp.
class Db {
public:
    explicit Db(const std::filesystem::path& path) : path_(path.string()) {
        // Opening through the catalog first checks that this is a library database and migrates it.
        catalog::open_store(path);
        sqlite::configure_process();
        if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : tr("common.db.cannot_open");
            sqlite3_close(db_);
            throw InputError(path_, "", msg);
        }
        sqlite3_busy_timeout(db_, 5000);
    }
    ~Db() { sqlite3_close(db_); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    void exec(const std::string& sql) {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : tr("common.error");
            sqlite3_free(err);
            throw InputError(path_, "", msg);
        }
    }
    sqlite3* get() { return db_; }
    const std::string& path() const { return path_; }

private:
    std::string path_;
    sqlite3* db_ = nullptr;
};

using sqlite::Stmt;

// SQLite's own errors (std::runtime_error from the statement layer) name the database file.
template <class F>
auto naming_the_file(const std::filesystem::path& path, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const InputError&) {
        throw;
    } catch (const EnvironmentError&) {
        throw;
    } catch (const std::runtime_error& e) {
        throw InputError(path.string(), "", e.what());
    }
}

const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS shelving_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS shelving_sections(
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  furniture TEXT NOT NULL, label TEXT NOT NULL, level_id TEXT NOT NULL,
  room_id TEXT NOT NULL, room_name TEXT NOT NULL,
  face INTEGER NOT NULL, number INTEGER NOT NULL, levels INTEGER NOT NULL, width REAL NOT NULL,
  kind TEXT NOT NULL, capacity INTEGER NOT NULL, target INTEGER NOT NULL,
  count INTEGER NOT NULL, first_call TEXT NOT NULL, last_call TEXT NOT NULL, fill REAL NOT NULL);
CREATE TABLE IF NOT EXISTS shelving_items(
  item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, section TEXT NOT NULL, level INTEGER NOT NULL, room TEXT NOT NULL,
  call_number TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS shelving_unplaced(
  item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  call_number TEXT NOT NULL, reason TEXT NOT NULL);
)SQL";

int stored_version(Db& db) {
    Stmt s(db.get(), "SELECT value FROM shelving_meta WHERE key = 'schema_version'");
    return s.step() ? std::stoi(s.text(0)) : 0;
}

void ensure_schema(Db& db) {
    db.exec(kSchema);
    int v = stored_version(db);
    if (v > kShelvingSchemaVersion)
        throw InputError(db.path(), "shelving_meta/schema_version",
                         trf("common.json.newer_schema", {std::to_string(v), std::to_string(kShelvingSchemaVersion)}));
    if (v < kShelvingSchemaVersion)
        db.exec("INSERT OR REPLACE INTO shelving_meta(key, value) VALUES('schema_version', '" +
                std::to_string(kShelvingSchemaVersion) + "')");
}

SectionKind kind_from(const std::string& s) {
    for (auto k : {SectionKind::General, SectionKind::Reference, SectionKind::Local, SectionKind::PictureBook,
                   SectionKind::Periodical, SectionKind::Corner, SectionKind::NewBooks})
        if (s == to_string(k)) return k;
    return SectionKind::General;
}

std::vector<std::string> split_lines(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        auto end = s.find('\n', start);
        if (end == std::string::npos) end = s.size();
        if (end > start) out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

}  // namespace

std::vector<CopyRow> load_copies(const std::filesystem::path& db) {
    sqlite3* raw = nullptr;
    sqlite::configure_process();
    if (sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        std::string msg = raw ? sqlite3_errmsg(raw) : tr("common.db.cannot_open");
        sqlite3_close(raw);
        throw InputError(db.string(), "", msg);
    }
    std::vector<CopyRow> out;
    try {
        sqlite::Stmt st(raw, "SELECT id, barcode, call_number, status FROM items");
        while (st.step()) out.push_back({st.i64(0), st.text(1), st.text(2), st.text(3)});
    } catch (const EnvironmentError&) {
        sqlite3_close(raw);
        throw;
    } catch (const std::runtime_error& e) {
        sqlite3_close(raw);
        throw InputError(db.string(), "", e.what());
    }
    sqlite3_close(raw);
    return out;
}

std::vector<ShelfItem> load_items(const std::filesystem::path& path) {
    return naming_the_file(path, [&] {
        Db db(path);
        std::vector<ShelfItem> out;
        // Audience 1 is Audience::Preschool (catalog/bib.hpp's enum order, as the store writes it).
        Stmt s(db.get(),
               "SELECT i.id, CASE WHEN i.call_number <> '' THEN i.call_number ELSE r.call_number END, i.location, "
               "r.audience, r.local_collection, r.clc_class, r.subjects, r.marc, r.id, substr(i.acquired, 1, 10) FROM items i "
               "JOIN records r ON r.id = i.record_id WHERE i.status NOT IN ('lost', 'withdrawn') ORDER BY r.id, i.id");
        long long last_record = -1;
        SectionKind kind = SectionKind::General;
        while (s.step()) {
            ShelfItem it;
            it.id = s.i64(0);
            it.call_number = s.text(1);
            it.location = s.text(2);
            it.acquired = s.text(9);
            if (s.i64(8) != last_record) {
                last_record = s.i64(8);
                ItemFacts f;
                f.call_number = it.call_number;
                f.preschool_audience = s.i64(3) == static_cast<long long>(catalog::Audience::Preschool);
                f.local_collection = s.i64(4) != 0;
                f.clc_class = s.text(5);
                f.subjects = split_lines(s.text(6));
                if (auto marc = catalog::decode_marc(s.blob(7)); marc && marc->leader.size() > 7)
                    f.serial = marc->leader[7] == 's';
                kind = classify(f);
            }
            it.kind = kind;
            out.push_back(std::move(it));
        }
        return out;
    });
}

std::set<std::string> corner_rooms(const plan::Plan& plan) {
    std::set<std::string> out;
    for (const auto& l : plan.levels)
        for (const auto& r : l.rooms)
            if (r.kind == plan::RoomKind::ClassroomCorner) out.insert(r.id);
    return out;
}

void save_assignment(const std::filesystem::path& path, const Assignment& a) {
    return naming_the_file(path, [&] {
        Db db(path);
        // Only the catalog store writes copies; on this connection its writes join the transaction.
        auto store = catalog::open_sqlite_store(db.get());
        db.exec("BEGIN IMMEDIATE");
        try {
            ensure_schema(db);
            db.exec("DELETE FROM shelving_sections; DELETE FROM shelving_items; DELETE FROM shelving_unplaced;");
            {
                Stmt s(db.get(),
                       "INSERT INTO shelving_sections(seq, id, furniture, label, level_id, room_id, room_name, face, number, "
                       "levels, width, kind, capacity, target, count, first_call, last_call, fill) "
                       "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                for (std::size_t i = 0; i < a.sections.size(); ++i) {
                    const auto& sec = a.sections[i];
                    const auto& f = a.fills[i];
                    s.bind(1, static_cast<long long>(i)).bind(2, sec.id).bind(3, sec.furniture_id).bind(4, sec.label);
                    s.bind(5, sec.level_id).bind(6, sec.room_id).bind(7, sec.room_name);
                    s.bind(8, static_cast<long long>(sec.face)).bind(9, static_cast<long long>(sec.number));
                    s.bind(10, static_cast<long long>(sec.levels)).bind(11, sec.width).bind(12, std::string(to_string(sec.kind)));
                    s.bind(13, static_cast<long long>(sec.capacity)).bind(14, static_cast<long long>(sec.target));
                    s.bind(15, static_cast<long long>(f.count)).bind(16, f.first_call).bind(17, f.last_call);
                    s.bind(18, sec.capacity > 0 ? static_cast<double>(f.count) / sec.capacity : 0.0);
                    s.run();
                }
            }
            {
                Stmt ins(db.get(), "INSERT INTO shelving_items(item_id, seq, section, level, room, call_number) VALUES(?,?,?,?,?,?)");
                std::vector<std::pair<long long, std::string>> locations;
                locations.reserve(a.placed.size());
                long long seq = 0;
                for (const auto& p : a.placed) {
                    std::string section = p.section >= 0 ? a.sections[static_cast<std::size_t>(p.section)].id : "";
                    ins.bind(1, p.item_id).bind(2, seq++).bind(3, section).bind(4, static_cast<long long>(p.level));
                    ins.bind(5, p.room).bind(6, p.call_number).run();
                    locations.emplace_back(p.item_id, section.empty() ? p.room : section);
                }
                store->set_item_locations(locations);
                Stmt un(db.get(), "INSERT INTO shelving_unplaced(item_id, call_number, reason) VALUES(?,?,?)");
                for (const auto& u : a.unplaced) un.bind(1, u.item_id).bind(2, u.call_number).bind(3, u.reason).run();
            }
            db.exec("COMMIT");
        } catch (...) {
            sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    });
}

std::optional<Assignment> load_assignment(const std::filesystem::path& path) {
    return naming_the_file(path, [&]() -> std::optional<Assignment> {
        Db db(path);
        {
            Stmt t(db.get(), "SELECT count(*) FROM sqlite_master WHERE name = 'shelving_meta'");
            if (!t.step() || t.i64(0) == 0) return std::nullopt;
        }
        if (int v = stored_version(db); v > kShelvingSchemaVersion)
            throw InputError(db.path(), "shelving_meta/schema_version",
                             trf("common.json.newer_schema", {std::to_string(v), std::to_string(kShelvingSchemaVersion)}));
        Assignment a;
        std::map<std::string, int> index;
        {
            Stmt s(db.get(),
                   "SELECT id, furniture, label, level_id, room_id, room_name, face, number, levels, width, kind, capacity, "
                   "target, count, first_call, last_call FROM shelving_sections ORDER BY seq");
            while (s.step()) {
                Section sec;
                sec.id = s.text(0);
                sec.furniture_id = s.text(1);
                sec.label = s.text(2);
                sec.level_id = s.text(3);
                sec.room_id = s.text(4);
                sec.room_name = s.text(5);
                sec.face = static_cast<int>(s.i64(6));
                sec.number = static_cast<int>(s.i64(7));
                sec.levels = static_cast<int>(s.i64(8));
                sec.width = s.dbl(9);
                sec.kind = kind_from(s.text(10));
                sec.capacity = static_cast<int>(s.i64(11));
                sec.target = static_cast<int>(s.i64(12));
                index[sec.id] = static_cast<int>(a.sections.size());
                a.sections.push_back(std::move(sec));
                a.fills.push_back({static_cast<int>(s.i64(13)), s.text(14), s.text(15)});
            }
        }
        {
            Stmt s(db.get(), "SELECT item_id, section, level, room, call_number FROM shelving_items ORDER BY seq");
            while (s.step()) {
                Placement p;
                p.item_id = s.i64(0);
                auto it = index.find(s.text(1));
                p.section = it == index.end() ? -1 : it->second;
                p.level = static_cast<int>(s.i64(2));
                p.room = s.text(3);
                p.call_number = s.text(4);
                a.placed.push_back(std::move(p));
            }
        }
        {
            Stmt s(db.get(), "SELECT item_id, call_number, reason FROM shelving_unplaced ORDER BY item_id");
            while (s.step()) a.unplaced.push_back({s.i64(0), s.text(1), s.text(2)});
        }
        return a;
    });
}

}  // namespace shuxiang::shelving
