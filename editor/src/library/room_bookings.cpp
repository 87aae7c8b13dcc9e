#include "library/room_bookings.hpp"

#include <map>

#include "shuxiang/circulation/services.hpp"
#include "shuxiang/reading/activities.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor::library {

namespace {

// The last database read: its path, modification time and day, and each room's lines.
struct Cache {
    std::filesystem::path db;
    std::filesystem::file_time_type stamp{};
    std::string from_day;
    std::map<std::string, std::vector<std::string>> by_room;
};

void reload(Cache& c) {
    c.by_room.clear();
    try {
        auto lib = circulation::LibraryServices::open(c.db);
        for (auto& a : reading::ActivityService(lib->repository()).list(c.from_day, "", false)) {
            const std::string days = a.first_day == a.last_day ? a.first_day : a.first_day + "~" + a.last_day;
            c.by_room[a.room_id].push_back(days + " " + a.start_time + "-" + a.end_time + " " +
                                           tr("reading.activity.kind." + a.kind) + " " + a.title);
        }
    } catch (const std::exception&) {
        c.by_room.clear();  // not a library database: no bookings to show
    }
}

}  // namespace

const std::vector<std::string>& room_booking_lines(const std::filesystem::path& db, const std::string& room_id,
                                                   const std::string& from_day) {
    static Cache cache;
    static const std::vector<std::string> none;
    std::error_code ec;
    if (db.empty() || !std::filesystem::exists(db, ec)) return none;
    // The write-ahead log changes before the database file does.
    auto stamp = std::filesystem::last_write_time(db, ec);
    const auto wal = std::filesystem::last_write_time(db.string() + "-wal", ec);
    if (!ec && wal > stamp) stamp = wal;
    if (db != cache.db || stamp != cache.stamp || from_day != cache.from_day) {
        cache.db = db;
        cache.stamp = stamp;
        cache.from_day = from_day;
        reload(cache);
    }
    auto it = cache.by_room.find(room_id);
    return it == cache.by_room.end() ? none : it->second;
}

}  // namespace shuxiang::editor::library
