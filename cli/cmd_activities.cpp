// `shuxiang activities add|list|cancel|rooms`: the library's calendar of reading activities, each
// booking a room of the plan (library_core/reading/activities). Exit codes: 0 done, 3 refused, 2 bad
// input, 1 failure.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "activity_booking.hpp"
#include "auth.hpp"
#include "registry.hpp"
#include "result_output.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/reading/activities.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {
namespace {

using namespace shuxiang::reading;
using circulation::LibraryServices;
using nlohmann::json;

struct Opts {
    std::string db, as, password_file, date;
    bool json_out = false;
    std::string day() const { return date.empty() ? circulation::today() : date; }
    ActingOperator who() const { return {as, password_file}; }
};

std::shared_ptr<Opts> options(CLI::App* c, bool acting) {
    auto o = std::make_shared<Opts>();
    c->add_option("--db", o->db, tr("circ.cli.db"))->required();
    c->add_flag("--json", o->json_out, tr("circ.cli.json"));
    if (acting) {
        c->add_option("--as", o->as, tr("circ.cli.as"));
        c->add_option("--password-file", o->password_file, tr("identity.cli.password_file"));
        c->add_option("--date", o->date, tr("circ.cli.date"));
    }
    return o;
}

json activity_json(const ReadingActivity& a) {
    return {{"id", a.id},           {"kind", a.kind},           {"title", a.title},         {"room", a.room_id},
            {"room_label", a.room_label}, {"first_day", a.first_day}, {"last_day", a.last_day}, {"start", a.start_time},
            {"end", a.end_time},    {"class", a.class_key},     {"participants", a.participants},
            {"status", a.status},   {"booked_by", a.booked_by}, {"note", a.note}};
}

std::string activity_line(const ReadingActivity& a) {
    std::string days = a.first_day == a.last_day ? a.first_day : a.first_day + "~" + a.last_day;
    std::string line = "#" + std::to_string(a.id) + "\t" + days + " " + a.start_time + "-" + a.end_time + "\t" +
                       tr("reading.activity.kind." + a.kind) + "\t" + a.title + "\t" +
                       (a.room_label.empty() ? a.room_id : a.room_label + " (" + a.room_id + ")");
    if (!a.class_key.empty()) line += "\t" + a.class_key;
    if (a.participants > 0) line += "\t" + trf("reading.activity.people", {std::to_string(a.participants)});
    if (a.status != "booked") line += "\t" + tr("reading.activity.status." + a.status);
    return line;
}

void add_add(CLI::App* g) {
    auto* c = g->add_subcommand("add", tr("reading.cli.activity_add"));
    auto o = options(c, true);
    auto a = std::make_shared<ReadingActivity>();
    auto plan = std::make_shared<std::string>(), room = std::make_shared<std::string>();
    c->add_option("--plan", *plan, tr("reading.cli.activity_plan"))->required()->check(CLI::ExistingFile);
    c->add_option("--room", *room, tr("reading.cli.activity_room"))->required();
    c->add_option("--kind", a->kind, tr("reading.cli.activity_kind"))->required();
    c->add_option("--title", a->title, tr("reading.cli.activity_title"))->required();
    c->add_option("--day", a->first_day, tr("reading.cli.activity_day"))->required();
    c->add_option("--last-day", a->last_day, tr("reading.cli.activity_last_day"));
    c->add_option("--start", a->start_time, tr("reading.cli.activity_start"))->required();
    c->add_option("--end", a->end_time, tr("reading.cli.activity_end"))->required();
    c->add_option("--class", a->class_key, tr("reading.cli.class"));
    c->add_option("--people", a->participants, tr("reading.cli.activity_people"));
    c->add_option("--note", a->note, tr("reading.cli.activity_note"));
    c->callback([=] {
        run_guarded([=] {
            const auto rooms = plan_rooms(plan::load_plan(*plan));  // a bad plan: exit 2, nothing written
            const auto ctx = authenticate(o->db, o->who(), o->day(), o->json_out);
            auto lib = LibraryServices::open(o->db);
            ReadingActivity act = *a;
            if (act.last_day.empty()) act.last_day = act.first_day;
            return print_result(ActivityService(lib->repository()).book(ctx, act, rooms, *room), o->json_out);
        });
    });
}

void add_list(CLI::App* g) {
    auto* c = g->add_subcommand("list", tr("reading.cli.activity_list"));
    auto o = options(c, false);
    auto from = std::make_shared<std::string>(), to = std::make_shared<std::string>(), room = std::make_shared<std::string>();
    auto all = std::make_shared<bool>(false);
    c->add_option("--from", *from, tr("reading.cli.from"));
    c->add_option("--to", *to, tr("reading.cli.to"));
    c->add_option("--room", *room, tr("reading.cli.activity_room_filter"));
    c->add_flag("--all", *all, tr("reading.cli.activity_all"));
    c->callback([=] {
        run_guarded([=] {
            auto lib = LibraryServices::open(o->db);
            json arr = json::array();
            for (auto& a : ActivityService(lib->repository()).list(*from, *to, *all)) {
                if (!room->empty() && a.room_id != *room && a.room_label != *room) continue;
                arr.push_back(activity_json(a));
                if (!o->json_out) std::cout << activity_line(a) << "\n";
            }
            if (o->json_out) std::cout << arr.dump(2) << "\n";
            return 0;
        });
    });
}

void add_cancel(CLI::App* g) {
    auto* c = g->add_subcommand("cancel", tr("reading.cli.activity_cancel"));
    auto o = options(c, true);
    auto id = std::make_shared<long long>(0);
    c->add_option("id", *id, tr("reading.cli.activity_id"))->required();
    c->callback([=] {
        run_guarded([=] {
            const auto ctx = authenticate(o->db, o->who(), o->day(), o->json_out);
            auto lib = LibraryServices::open(o->db);
            return print_result(ActivityService(lib->repository()).cancel(ctx, *id), o->json_out);
        });
    });
}

// The plan's rooms an activity may book, with their bookings from --from on.
void add_rooms(CLI::App* g) {
    auto* c = g->add_subcommand("rooms", tr("reading.cli.activity_rooms"));
    auto o = options(c, false);
    auto plan = std::make_shared<std::string>(), from = std::make_shared<std::string>();
    c->add_option("--plan", *plan, tr("reading.cli.activity_plan"))->required()->check(CLI::ExistingFile);
    c->add_option("--from", *from, tr("reading.cli.from"));
    c->callback([=] {
        run_guarded([=] {
            const auto rooms = plan_rooms(plan::load_plan(*plan));
            auto lib = LibraryServices::open(o->db);
            ActivityService svc(lib->repository());
            json arr = json::array();
            for (auto& r : rooms) {
                json booked = json::array();
                auto bookings = svc.bookings_of_room(r.id, *from);
                for (auto& a : bookings) booked.push_back(activity_json(a));
                arr.push_back({{"id", r.id}, {"label", r.label}, {"level", r.level}, {"bookings", booked}});
                if (o->json_out) continue;
                std::cout << r.id << "\t" << r.label << "\t" << r.level << "\n";
                for (auto& a : bookings) std::cout << "  " << activity_line(a) << "\n";
            }
            if (o->json_out) std::cout << arr.dump(2) << "\n";
            return 0;
        });
    });
}

}  // namespace

reading::ClassVisitBooking booked_class_visit(const std::string& db, long long id) {
    auto lib = circulation::LibraryServices::open(db);
    auto a = reading::ActivityService(lib->repository()).find(id);
    if (!a) throw InputError(db, "reading_activities", trf("reading.refuse.unknown_activity", {std::to_string(id)}));
    if (a->status != "booked") throw InputError(db, "reading_activities", trf("reading.refuse.activity_not_booked", {"#" + std::to_string(id) + " " + a->title}));
    return reading::class_visit_of(*a);
}

namespace {

Registrar reg([](CLI::App& root) {
    auto* g = root.add_subcommand("activities", tr("reading.cli.activities"));
    g->require_subcommand(1);
    add_add(g);
    add_list(g);
    add_cancel(g);
    add_rooms(g);
});

}  // namespace
}  // namespace shuxiang::cli
