// `shuxiang activities`, `lists progress --grade`, `simulate --activity` and 856 links across MARC
// flavours, each run as a separate process on a real library file.
#include <map>
#include <set>
#include <sstream>

#include "cli_fixture.hpp"

using namespace sxt;

namespace {

const std::string kPlan = std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/demo/demo-school.sxplan.json";

// The polygon of a room of the demo plan.
std::vector<std::pair<double, double>> room_polygon(const std::string& id) {
    std::vector<std::pair<double, double>> out;
    const json plan = json::parse(shuxiang::read_file(kPlan));
    for (auto& l : plan["levels"])
        for (auto& r : l["rooms"])
            if (r["id"] == id)
                for (auto& v : r["polygon"]) out.emplace_back(v[0].get<double>(), v[1].get<double>());
    return out;
}

bool inside(const std::vector<std::pair<double, double>>& poly, double x, double y) {
    bool in = false;
    for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
        auto [xi, yi] = poly[i];
        auto [xj, yj] = poly[j];
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) in = !in;
    }
    return in;
}

}  // namespace

TEST_F(ListsCli, ActivitiesBookRoomsOfThePlanOnce) {
    const std::string add = "activities add --plan " + kPlan + " --day 2026-10-12 ";
    auto a = run_json(add + "--kind class_visit --title 三年级2班到馆 --room 小学生阅览室（绘本区） --start 09:00 --end 09:40 --class 3-2 --people 12" + acting("t1"));
    EXPECT_TRUE(a["ok"]);
    const long long id = a["id"].get<long long>();
    // The same room, overlapping: exit 3 and the booking in the way named.
    auto clash = run_json(add + "--kind book_talk --title 读书会 --room reading-primary --start 09:20 --end 10:00" + acting("t1"), 3);
    EXPECT_EQ(clash["code"], "room_taken");
    EXPECT_NE(clash["message"].get<std::string>().find("三年级2班到馆"), std::string::npos);
    EXPECT_EQ(run_json(add + "--kind other --title x --room 屋顶 --start 09:20 --end 10:00" + acting("t1"), 3)["code"], "unknown_room");
    EXPECT_EQ(run_json(add + "--kind other --title x --room av --start 09:20 --end 10:00" + acting("v1"), 3)["code"], "not_permitted");
    EXPECT_NE(run("activities add --plan /no/such.json --kind other --day 2026-10-12 --title x --room av --start 09:00 --end 10:00" + acting("t1")).code, 0);
    auto other = run_json(add + "--title 读书会 --kind book_talk --room av --start 09:20 --end 10:00" + acting("t1"));
    EXPECT_TRUE(other["ok"]);

    auto list = run_json("activities list --from 2026-10-01 --to 2026-10-31");
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0]["room"], "reading-primary");
    EXPECT_EQ(list[0]["room_label"], "小学生阅览室（绘本区）");
    EXPECT_EQ(list[0]["class"], "3-2");
    EXPECT_EQ(list[0]["participants"], 12);
    auto rooms = run_json("activities rooms --plan " + kPlan);
    int booked_rooms = 0;
    for (auto& r : rooms) booked_rooms += r["bookings"].empty() ? 0 : 1;
    EXPECT_EQ(booked_rooms, 2);
    auto text = run("--lang en activities list");
    EXPECT_NE(text.out.find("class visit"), std::string::npos) << text.out;

    EXPECT_TRUE(run_json("activities cancel " + std::to_string(id) + acting("t1"))["ok"]);
    EXPECT_EQ(run_json("activities list").size(), 1u);
    EXPECT_EQ(run_json("activities list --all").size(), 2u);
    EXPECT_TRUE(run_json(add + "--title 读书会 --kind book_talk --room reading-primary --start 09:20 --end 10:00" + acting("t1"))["ok"]);
}

// The simulated class visit of a booking: the booked class size comes, and the class spends its
// reading time in the booked room.
TEST_F(ListsCli, SimulatedClassVisitUsesTheBooking) {
    auto a = run_json("activities add --plan " + kPlan + " --kind class_visit --day 2026-10-12 --title 到馆 --room research-1"
                      " --start 09:00 --end 10:00 --people 6" + acting("t1"));
    ASSERT_TRUE(a["ok"]);
    const auto out = dir / "sim_booked";
    auto r = shuxiang::test::run_shuxiang("simulate --plan " + kPlan + db + " --scenario class-visit --seed 2 --activity " +
                                          std::to_string(a["id"].get<long long>()) + " --out " + out.string());
    ASSERT_EQ(r.code, 0) << r.out;
    auto m = json::parse(shuxiang::read_file(out / "metrics.json"));
    EXPECT_EQ(m["agents_total"], 7);  // six pupils and their teacher
    // The class goes to the booked room (a small 研讨室 of 16 m²): at least three of the seven reach
    // it (the others spend the lesson at the shelves and the desk queue), the same class visit
    // without the booking never enters it.
    const auto in_room = [](const std::filesystem::path& csv) {
        const auto poly = room_polygon("research-1");
        std::istringstream in(shuxiang::read_file(csv));
        std::string line;
        std::map<std::string, int> at;
        std::set<std::string> ever;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#' || line[0] == 't') continue;
            std::stringstream row(line);
            std::string t, id, x, y;
            std::getline(row, t, ',');
            std::getline(row, id, ',');
            std::getline(row, x, ',');
            std::getline(row, y, ',');
            if (!inside(poly, std::stod(x), std::stod(y))) continue;
            ++at[t];
            ever.insert(id);
        }
        int most = 0;
        for (auto& [t, n] : at) most = std::max(most, n);
        return std::pair<std::size_t, int>{ever.size(), most};
    };
    const auto booked = in_room(out / "trajectories.csv");
    EXPECT_GE(booked.first, 3u) << booked.second;
    EXPECT_GE(booked.second, 2);
    const auto plain = dir / "sim_plain";
    ASSERT_EQ(shuxiang::test::run_shuxiang("simulate --plan " + kPlan + " --scenario class-visit --students 6 --seed 2 --out " +
                                           plain.string()).code, 0);
    EXPECT_EQ(in_room(plain / "trajectories.csv").first, 0u);
    // Without --db, or for a cancelled or unknown activity: exit 2 with a message.
    EXPECT_EQ(shuxiang::test::run_shuxiang("simulate --plan " + kPlan + " --scenario class-visit --activity 1 --out " + out.string()).code, 2);
    EXPECT_EQ(shuxiang::test::run_shuxiang("simulate --plan " + kPlan + db + " --scenario class-visit --activity 99 --out " + out.string()).code, 2);
}

TEST_F(ListsCli, GradeProgrammeProgressByClass) {
    {
        auto svc = LibraryServices::open(path);
        ASSERT_TRUE(svc->patrons().add(as("admin"), student("S2", "乙", 3, "1")).ok);
        ASSERT_TRUE(svc->circulation().checkout(as("admin", "2026-09-06"), "S2", "CN1").ok);
    }
    const std::string csv = reading_data("grade3.csv").string();
    ASSERT_EQ(run("lists import " + csv + " --name 三年级共读 --grade 3 --from 2026-09-01 --to 2026-09-30" + acting("t1")).code, 0);
    auto g = run_json("lists progress 三年级共读 --grade 三年级" + acting("t1"));
    EXPECT_EQ(g["grade"], 3);
    ASSERT_EQ(g["classes"].size(), 2u);
    EXPECT_EQ(g["classes"][0]["class"], "3-1");
    EXPECT_EQ(g["classes"][0]["titles_read"], 1);
    EXPECT_EQ(g["classes"][1]["class"], "3-2");
    EXPECT_EQ(g["total"]["readers"], 2);
    EXPECT_EQ(g["total"]["titles_read"], 2);
    EXPECT_FALSE(g.dump().find("S1") != std::string::npos);  // no reader named
    EXPECT_NE(run("lists progress 三年级共读 --grade 3 --class 3-2" + acting("t1")).code, 0);
    EXPECT_NE(run("lists progress 三年级共读" + acting("t1")).code, 0);
}

// A MARC21 e-book and a CNMARC audio book, exported in the other flavour, imported into a second
// library in that flavour and exported again in the first: the access links survive each step.
TEST_F(ListsCli, Field856SurvivesExportAcrossFlavoursBothWays) {
    cat::MarcRecord ebook;
    ebook.leader = "00000nam a2200000 a 4500";
    ebook.fields.push_back(cat::Field{"001", "EB0001", ' ', ' ', {}});
    ebook.fields.push_back(data_field("245", '1', '0', {{'a', "电子书样例"}, {'c', "某某著"}}));
    ebook.fields.push_back(data_field("856", '4', '0', {{'u', "https://example.org/ebook/1"}, {'y', "在线阅读"}}));
    cat::MarcRecord audio;
    audio.leader = "00000nim0 2200000   450 ";
    audio.fields.push_back(cat::Field{"001", "AU0002", ' ', ' ', {}});
    audio.fields.push_back(data_field("200", '1', ' ', {{'a', "有声书样例"}, {'f', "某某"}}));
    audio.fields.push_back(data_field("856", '4', ' ', {{'u', "http://example.org/audio/2"}}));
    ASSERT_EQ(run("catalog import " + write("e.mrc", cat::write_iso2709(ebook, cat::MarcFlavor::Marc21)) + " --format marc21" + acting("admin")).code, 0);
    ASSERT_EQ(run("catalog import " + write("a.mrc", cat::write_iso2709(audio, cat::MarcFlavor::Cnmarc)) + " --format cnmarc" + acting("admin")).code, 0);
    for (auto [first, second] : {std::pair{"cnmarc", "marc21"}, std::pair{"marc21", "cnmarc"}}) {
        const std::string one = (dir / (std::string("x1_") + first + ".mrc")).string();
        ASSERT_EQ(shuxiang::test::run_shuxiang("catalog export" + db + " --format " + first + " " + one).code, 0);
        auto l1 = links_in(one);
        EXPECT_EQ(l1, (std::vector<std::string>{"https://example.org/ebook/1", "http://example.org/audio/2"})) << first;
        // Into a fresh library in that flavour, then out again in the other.
        const auto other = dir / (std::string("lib2_") + first + ".db");
        std::filesystem::remove(other);
        auto imp = shuxiang::test::run_shuxiang("catalog import " + one + " --format " + first + " --db " + other.string());
        ASSERT_EQ(imp.code, 0) << imp.out;
        const std::string two = (dir / (std::string("x2_") + second + ".mrc")).string();
        ASSERT_EQ(shuxiang::test::run_shuxiang("catalog export --db " + other.string() + " --format " + second + " " + two).code, 0);
        EXPECT_EQ(links_in(two), l1) << first << " -> " << second;
    }
}
