// `shuxiang lists ...` run as a separate process on a real library file.
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_fixture.hpp"
#include "shuxiang/catalog/iso2709.hpp"
#include "shuxiang/identity/authenticator.hpp"
#include "support/process.hpp"

using namespace sxt;
using nlohmann::json;

TEST_F(ListsCli, ImportPrintsCoverageAndShowExportList) {
    const std::string csv = reading_data("grade3.csv").string();
    auto j = run_json("lists import " + csv + " --name 三年级必读 --grade 3 --class 3-2 --from 2026-09-01 --to 2026-09-30" + acting("t1"));
    EXPECT_TRUE(j["ok"]);
    EXPECT_EQ(j["titles_held"], 3);
    EXPECT_EQ(j["copies_held"], 6);
    ASSERT_EQ(j["held"].size(), 3u);
    ASSERT_EQ(j["missing"].size(), 2u);
    EXPECT_EQ(j["held"][1]["title"], "城南旧事");
    EXPECT_EQ(j["held"][1]["copies"], 3);
    EXPECT_EQ(j["held"][1]["records"].size(), 1u);
    EXPECT_EQ(j["missing"][0]["title"], "小王子");

    auto shown = run_json("lists show 三年级必读");
    EXPECT_EQ(shown["class"], "3-2");
    EXPECT_EQ(shown["titles_missing"], 2);
    auto text = run("lists show 三年级必读");
    EXPECT_EQ(text.code, 0);
    EXPECT_NE(text.out.find("小王子"), std::string::npos) << text.out;
    auto all = run_json("lists list");
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0]["grade"], "3");

    const std::string out = (dir / "missing.csv").string();
    ASSERT_EQ(run("lists export 三年级必读 --csv " + out).code, 0);
    EXPECT_EQ(shuxiang::read_file(out), "题名,责任者,ISBN,价格\r\n小王子,圣埃克苏佩里,9787544200004,25.00\r\n海底两万里,凡尔纳,,30.00\r\n");
    EXPECT_EQ(run("lists show 没有这个").code, 2);
}

TEST_F(ListsCli, BadFilesExitTwoAndWriteNothing) {
    auto r = run("lists import " + reading_data("no_author.csv").string() + " --name x" + acting("t1"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("no_author.csv"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("责任者"), std::string::npos) << r.out;
    const std::string bad = write("gbk_broken.csv", "题名,责任者,ISBN\n\xFF\xFF\xFF,\xFE,1\n");
    r = run("lists import " + bad + " --name y" + acting("t1"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("gbk_broken.csv"), std::string::npos) << r.out;
    EXPECT_TRUE(run_json("lists list").empty());
}

TEST_F(ListsCli, RolesSuggestAndProgress) {
    const std::string csv = reading_data("grade3.csv").string();
    EXPECT_EQ(run_json("lists import " + csv + " --name 必读" + acting("v1"), 3)["code"], "not_permitted");
    ASSERT_EQ(run("lists import " + csv + " --name 必读 --from 2026-09-01 --to 2026-09-30" + acting("t1")).code, 0);
    auto s = run_json("lists suggest 必读" + acting("t1"));
    EXPECT_TRUE(s["ok"]);
    auto sugg = run_json("acq list");
    ASSERT_EQ(sugg.size(), 2u) << sugg.dump();
    EXPECT_EQ(sugg[0]["title"], "小王子");

    auto p = run_json("lists progress 必读 --class 3-2" + acting("t1"));
    EXPECT_EQ(p["readers"], 1);
    EXPECT_EQ(p["titles_read"], 1);
    EXPECT_FALSE(p.contains("reader"));
    auto one = run_json("lists progress 必读 --class 3-2 --reader S1" + acting("t1"));
    EXPECT_EQ(one["reader"]["titles"], json::array({"草房子"}));
    EXPECT_NE(run("lists progress 必读 --class 3-2").code, 0);
}


// An e-book (MARC21) and an audio book (CNMARC) with their access links: imported, then exported in
// their own flavour, the 856 fields come back with the same $u.
TEST_F(ListsCli, Field856RoundTripsThroughImportAndExport) {
    cat::MarcRecord ebook;
    ebook.leader = "00000nam a2200000 a 4500";
    ebook.fields.push_back(cat::Field{"001", "EB0001", ' ', ' ', {}});
    ebook.fields.push_back(data_field("245", '1', '0', {{'a', "电子书样例"}, {'c', "某某著"}}));
    ebook.fields.push_back(data_field("856", '4', '0', {{'u', "https://example.org/ebook/1?a=1&b=2"}, {'y', "在线阅读"}}));
    ebook.fields.push_back(data_field("856", '4', '1', {{'u', "javascript:alert(1)"}}));
    cat::MarcRecord audio;
    audio.leader = "00000nim0 2200000   450 ";
    audio.fields.push_back(cat::Field{"001", "AU0002", ' ', ' ', {}});
    audio.fields.push_back(data_field("200", '1', ' ', {{'a', "有声书样例"}, {'f', "某某"}}));
    audio.fields.push_back(data_field("856", '4', ' ', {{'u', "http://example.org/audio/2"}}));
    const std::string m21 = write("ebook.mrc", cat::write_iso2709(ebook, cat::MarcFlavor::Marc21));
    const std::string cn = write("audio.mrc", cat::write_iso2709(audio, cat::MarcFlavor::Cnmarc));
    ASSERT_EQ(run("catalog import " + m21 + " --format marc21" + acting("admin")).code, 0);
    ASSERT_EQ(run("catalog import " + cn + " --format cnmarc" + acting("admin")).code, 0);
    const std::string out21 = (dir / "out21.mrc").string(), outcn = (dir / "outcn.mrc").string();
    ASSERT_EQ(shuxiang::test::run_shuxiang("catalog export --db " + path.string() + " --format marc21 " + out21).code, 0);
    ASSERT_EQ(shuxiang::test::run_shuxiang("catalog export --db " + path.string() + " --format cnmarc " + outcn).code, 0);
    auto l21 = links_in(out21), lcn = links_in(outcn);
    EXPECT_NE(std::find(l21.begin(), l21.end(), "https://example.org/ebook/1?a=1&b=2"), l21.end());
    EXPECT_NE(std::find(lcn.begin(), lcn.end(), "http://example.org/audio/2"), lcn.end());

    // Both have links and no copies: digital, counted apart from the paper records and copies.
    auto stats = run_json("catalog stats");
    EXPECT_EQ(stats["digital"]["records"], 2);
    EXPECT_EQ(stats["digital"]["links"], 3);
    EXPECT_EQ(stats["total_items"], 7);
    auto hits = run_json("catalog search 电子书样例");
    ASSERT_EQ(hits.size(), 1u);
    auto shown = run_json("catalog show " + std::to_string(hits[0]["record_id"].get<long long>()));
    ASSERT_EQ(shown["access_links"].size(), 2u);
    EXPECT_EQ(shown["access_links"][0]["url"], "https://example.org/ebook/1?a=1&b=2");
    EXPECT_TRUE(shown["access_links"][0]["linkable"]);
    EXPECT_FALSE(shown["access_links"][1]["linkable"]);
}

// The compliance report on the library database: 100 e-books appear beside the paper holdings and
// leave the paper figures and the books check (copies against students × books per student) as they were.
TEST_F(ListsCli, HundredEbooksLeaveTheBooksPerStudentFigureUnchanged) {
    const std::string plan = std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/demo/demo-school.sxplan.json";
    auto report = [&](const std::string& name) {
        const auto out = dir / name;
        auto r = shuxiang::test::run_shuxiang("report --plan " + plan + db + " --json " + out.string() + " --date 2026-11-24");
        EXPECT_EQ(r.code, 0) << r.out;
        return json::parse(shuxiang::read_file(out));
    };
    auto books_checks = [](const json& j) {
        json out = json::array();
        for (auto& c : j["checks"])
            if (c["id"] == "collection.books") out.push_back(c);
        return out;
    };
    const json before = report("before.json");
    std::string marc;
    for (int i = 1; i <= 100; ++i) {
        cat::MarcRecord m;
        m.leader = "00000nam a2200000 a 4500";
        m.fields.push_back(cat::Field{"001", "EBOOK" + std::to_string(i), ' ', ' ', {}});
        m.fields.push_back(data_field("245", '1', '0', {{'a', "电子书第" + std::to_string(i) + "种"}}));
        m.fields.push_back(data_field("856", '4', '0', {{'u', "https://ebooks.example.org/" + std::to_string(i)}}));
        marc += cat::write_iso2709(m, cat::MarcFlavor::Marc21);
    }
    ASSERT_EQ(run("catalog import " + write("ebooks.mrc", marc) + " --format marc21" + acting("admin")).code, 0);
    const json after = report("after.json");
    EXPECT_EQ(after["digital_records"], 100);
    EXPECT_EQ(before["digital_records"], 0);
    EXPECT_EQ(after["holdings"], before["holdings"]);
    ASSERT_FALSE(books_checks(before).empty());
    EXPECT_EQ(books_checks(after), books_checks(before));
}

// SQL injection probes as a list's name and as list titles: a name is a name (found only by
// itself), a title is matched as words against the catalogue (held only when a record has them),
// and the catalogue search reads a probe as words. Were SQL concatenated, `' OR 1=1 --` would
// find every list or record, and the DROP probe would remove a table.
TEST_F(ListsCli, InjectionProbesInListNamesTitlesAndSearchAreLiteral) {
    using shuxiang::test::shell_quote;
    const std::string name = "三年级' OR 1=1 --";
    const std::string csv = write("probe.csv", "题名,责任者,ISBN\r\n' OR 1=1 --,'; DROP TABLE reading_list; --,\r\n"
                                               "城南旧事,林海音,\r\n\"x'); DELETE FROM records; --\",某,\r\n");
    auto j = run_json("lists import " + csv + " --name " + shell_quote(name) + acting("t1"));
    EXPECT_EQ(j["titles_held"], 1);  // 城南旧事 only
    ASSERT_EQ(j["missing"].size(), 2u);
    EXPECT_EQ(j["missing"][0]["title"], "' OR 1=1 --");
    EXPECT_EQ(j["missing"][1]["title"], "x'); DELETE FROM records; --");
    ASSERT_EQ(run("lists import " + reading_data("grade3.csv").string() + " --name 必读" + acting("t1")).code, 0);

    auto shown = run_json("lists show " + shell_quote(name));
    EXPECT_EQ(shown["name"], name);
    EXPECT_EQ(shown["titles_missing"], 2);
    for (const std::string probe : {"' OR 1=1 --", "x' OR '1'='1", "必读'; DROP TABLE reading_list; --", "必读' --"})
        EXPECT_EQ(run("lists show " + shell_quote(probe)).code, 2) << probe;
    EXPECT_EQ(run("lists export " + shell_quote("' OR '1'='1") + " --csv " + (dir / "x.csv").string()).code, 2);
    EXPECT_FALSE(std::filesystem::exists(dir / "x.csv"));
    auto all = run_json("lists list");
    ASSERT_EQ(all.size(), 2u);

    // The catalogue search: a probe is its words (none of the library's records has them).
    for (const std::string probe : {"' OR 1=1 --", "'; DROP TABLE records; --", "\" OR \"\"=\"", "城南' OR '1'='1"})
        EXPECT_TRUE(run_json("catalog search " + shell_quote(probe)).empty()) << probe;
    EXPECT_EQ(run_json("catalog search 城南旧事").size(), 1u);
    EXPECT_EQ(run_json("lists show 必读")["titles_held"], 3);
}
