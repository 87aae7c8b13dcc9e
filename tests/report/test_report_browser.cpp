// Opens the report in Debian's headless Chromium: the page must load without console errors,
// show the key numbers after its scripts ran, switch to English with #en, and render a screenshot.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "shuxiang/report/report.hpp"
#include "shuxiang/util/fs.hpp"
#include "support/process.hpp"

namespace fs = std::filesystem;
using namespace shuxiang;

namespace {

using test::run_command;

std::string chromium(const fs::path& profile) {
    return "chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
           "--disable-background-networking --disable-component-update --disable-sync "
           "--disable-dev-shm-usage --enable-logging=stderr --v=0 --user-data-dir=" +
           profile.string();
}

}  // namespace

TEST(ReportInBrowser, LoadsWithoutErrorsShowsNumbersAndSwitchesLanguage) {
    ASSERT_EQ(run_command("command -v chromium").code, 0) << "chromium is missing: scripts/setup.sh installs it";
    plan::Plan p;
    p.school.name = "浏览器测试学校";
    p.school.type = plan::SchoolType::Junior;
    p.school.students = {0, 600, 0};
    plan::Level l;
    l.id = "L1";
    l.name = "一层";
    l.rooms.push_back({"r", "阅览室", plan::RoomKind::Reading, {{0, 0}, {12, 0}, {12, 9}, {0, 9}}, 3.0, false});
    p.levels.push_back(l);
    plan::FurnitureCatalog cat;
    auto rules = standards::RuleSet::load(fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "standards", "cn-national");
    standards::HoldingsSummary h;
    h.books = 23456;
    h.by_major_class = {400, 400, 12656, 9000, 1000};
    standards::Checklist cl;
    standards::check_collection(p.school, &h, rules, cl);
    report::ReportInput in{&p, &cat, &cl, &h, rules.name_zh(), rules.name_en(), std::nullopt, "2026-11-24"};

    auto dir = fs::temp_directory_path() / "shuxiang_report_browser";
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto html = dir / "report.html";
    atomic_write_file(html, report::render_html(in));

    auto dom = run_command(chromium(dir / "profile1") + " --dump-dom file://" + html.string());
    ASSERT_EQ(dom.code, 0) << dom.out;
    EXPECT_NE(dom.out.find("id=\"books-total\">23,456<"), std::string::npos);
    EXPECT_NE(dom.out.find("<html lang=\"zh-CN\">"), std::string::npos);
    // Chromium logs page errors as CONSOLE lines or "Uncaught" on stderr.
    EXPECT_EQ(dom.out.find("Uncaught"), std::string::npos) << dom.out;
    EXPECT_EQ(dom.out.find(":CONSOLE("), std::string::npos) << dom.out;

    auto en = run_command(chromium(dir / "profile2") + " --dump-dom 'file://" + html.string() + "#en'");
    ASSERT_EQ(en.code, 0) << en.out;
    EXPECT_NE(en.out.find("<html lang=\"en\">"), std::string::npos);

    auto png = dir / "report.png";
    auto shot = run_command(chromium(dir / "profile3") + " --window-size=1240,1754 --screenshot=" + png.string() +
                    " file://" + html.string());
    ASSERT_EQ(shot.code, 0) << shot.out;
    ASSERT_TRUE(fs::exists(png));
    EXPECT_GT(fs::file_size(png), 20000u);  // a rendered page, not a blank image
    // Printing gives A4 pages (595 × 842 pt) from the page's @page rule.
    auto pdf = dir / "report.pdf";
    auto print = run_command(chromium(dir / "profile4") + " --no-pdf-header-footer --print-to-pdf=" + pdf.string() +
                             " file://" + html.string());
    ASSERT_EQ(print.code, 0) << print.out;
    std::string pdf_bytes = read_file(pdf);
    EXPECT_NE(pdf_bytes.find("/MediaBox [0 0 594.95996 841.91998]"), std::string::npos);
    EXPECT_EQ(pdf_bytes.find("/MediaBox [0 0 612 792]"), std::string::npos);  // not US Letter
    if (const char* keep = std::getenv("SHUXIANG_KEEP_SCREENSHOT")) fs::copy_file(png, keep, fs::copy_options::overwrite_existing);
    fs::remove_all(dir);
}
