// The editor's printed drawing (File > 导出图纸, script export-sheet) and the top view's label
// placement, through the real editor under Xvfb: the PDF and PNG read back, a wrong file type
// refused, and the labels of the demo school's top view never covering one another.
#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "editor_process.hpp"

namespace {

const std::string kDemo = std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/demo/demo-school.sxplan.json";

class EditorExport : public shuxiang::test::EditorProcessTest {
protected:
    EditorExport() : EditorProcessTest("sx_edexport_") {}
};

struct Box {
    bool shown = false;
    int priority = 0;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    std::string text;
};

std::vector<Box> read_labels(const std::string& text) {
    std::vector<Box> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::string state;
        Box b;
        ls >> state >> b.priority >> b.x0 >> b.y0 >> b.x1 >> b.y1;
        std::getline(ls, b.text);
        b.shown = state == "shown";
        out.push_back(b);
    }
    return out;
}

}  // namespace

TEST_F(EditorExport, ExportSheetWritesThePdfAndPngOfTheShownLevel) {
    const auto r = editor("open " + kDemo + "\nexport-sheet " + path("demo.pdf").string() + "\nexport-sheet " +
                          path("demo.png").string() + " A3\nlog " + path("log.txt").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const auto info = run("pdfinfo " + path("demo.pdf").string());
    EXPECT_NE(info.out.find("(A4)"), std::string::npos) << info.out;
    const auto text = run("pdftotext -layout " + path("demo.pdf").string() + " -");
    EXPECT_NE(text.out.find("视听阅览室"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Floor plan"), std::string::npos) << text.out;  // the editor runs in English
    EXPECT_NE(text.out.find("Scale 1:"), std::string::npos) << text.out;
    // A3 landscape at 150 dpi: 420 × 297 mm.
    const std::string png = shuxiang::test::slurp(path("demo.png"));
    ASSERT_GT(png.size(), 24u);
    auto be32 = [&](std::size_t at) {
        return (static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
               (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
    };
    EXPECT_EQ(be32(16), 2480u);
    EXPECT_EQ(be32(20), 1754u);
    const std::string log = shuxiang::test::slurp(path("log.txt"));
    EXPECT_NE(log.find("demo.pdf"), std::string::npos) << log;
}

TEST_F(EditorExport, ExportSheetRefusesAFileThatIsNeitherPdfNorPng) {
    const auto r = editor("open " + kDemo + "\nexport-sheet " + path("demo.txt").string() + "\n");
    EXPECT_NE(r.rc, 0);
    EXPECT_NE(r.err.find("must end in .pdf or .png"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(path("demo.txt")));
}

// The demo's whole library level in the top view: room names and dimension lines crowd; every shown
// label keeps clear of every other, most room names are shown, and a label is left out only when its
// place and the four places beside it are all taken by labels at least as important.
TEST_F(EditorExport, TopViewLabelsNeverCoverOneAnother) {
    const auto r = editor("open " + kDemo + "\nview top\nframe all\nwait 3\nlabels " + path("labels.txt").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const auto labels = read_labels(shuxiang::test::slurp(path("labels.txt")));
    int rooms = 0, dims = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (!labels[i].shown) continue;
        rooms += labels[i].priority == 3;
        dims += labels[i].priority == 1;
        for (std::size_t j = i + 1; j < labels.size(); ++j) {
            // What labels keep clear of (priority 100: windows, beyond the edges) may overlap itself.
            if (!labels[j].shown || (labels[i].priority == 100 && labels[j].priority == 100)) continue;
            const auto& a = labels[i];
            const auto& b = labels[j];
            // (0.1 px slack for the rounding, the other way)
            EXPECT_FALSE(a.x0 < b.x1 - 0.1 && b.x0 < a.x1 - 0.1 && a.y0 < b.y1 - 0.1 && b.y0 < a.y1 - 0.1)
                << a.text << " / " << b.text;
        }
    }
    EXPECT_GE(rooms, 10) << shuxiang::test::slurp(path("labels.txt"));
    EXPECT_GT(dims, 0);
    const double gap = 2;
    for (const auto& l : labels) {
        if (l.shown) continue;
        const double w = l.x1 - l.x0, h = l.y1 - l.y0;
        const double offsets[5][2] = {{0, 0}, {0, -(h + gap)}, {0, h + gap}, {w + gap, 0}, {-(w + gap), 0}};
        for (const auto& o : offsets) {
            bool taken = false;
            for (const auto& s : labels)
                // (0.1 px slack: the file rounds the boxes to a tenth of a pixel)
                if (s.shown && s.priority >= l.priority && l.x0 + o[0] < s.x1 + 0.1 && s.x0 < l.x1 + o[0] + 0.1 &&
                    l.y0 + o[1] < s.y1 + 0.1 && s.y0 < l.y1 + o[1] + 0.1)
                    taken = true;
            EXPECT_TRUE(taken) << "dropped although a place was free: " << l.text;
        }
    }
}

// The file dialog driven by the script (the same confirm as its OK button): listing, into a folder
// and back, a plan opened, saved under a new name with the plan suffix added, the folder kept among
// the recent places of the next run, and a missing file refused with the dialog's reason.
TEST_F(EditorExport, FileDialogOpensSavesAndRemembersThePlace) {
    namespace fs = std::filesystem;
    fs::create_directories(path("plans") / "sub");
    fs::copy_file(kDemo, path("plans") / "school.sxplan.json");
    std::ofstream(path("plans") / "notes.txt") << "x";
    const std::string bin = "XDG_CONFIG_HOME=" + path("config").string() + " XDG_STATE_HOME=" + path("state").string() +
                            " ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" " +
                            std::string(SHUXIANG_BIN_DIR) + "/shuxiang-editor --lang en --size 1400x900 --script ";
    std::ofstream(path("s1.txt")) << "browse open " << path("plans").string() << "\nbrowse-list " << path("list1.txt").string()
                                  << "\nbrowse-pick sub\nbrowse-list " << path("list2.txt").string()
                                  << "\nbrowse-pick ..\nbrowse-pick school.sxplan.json\nbrowse save\nbrowse-pick copy\n"
                                  << "log " << path("log.txt").string() << "\n";
    auto r = run(bin + path("s1.txt").string());
    ASSERT_EQ(r.rc, 0) << r.err;
    const std::string list1 = shuxiang::test::slurp(path("list1.txt"));
    EXPECT_NE(list1.find("sub/\nschool.sxplan.json\n"), std::string::npos) << list1;  // folders first
    EXPECT_EQ(list1.find("notes.txt"), std::string::npos) << list1;                  // filtered out
    EXPECT_EQ(shuxiang::test::slurp(path("list2.txt")).rfind((path("plans") / "sub").string() + "\n", 0), 0u);
    EXPECT_NE(shuxiang::test::slurp(path("log.txt")).find("school.sxplan.json"), std::string::npos);
    EXPECT_TRUE(fs::exists(path("plans") / "copy.sxplan.json"));
    // The next run offers the folder among the recent places.
    std::ofstream(path("s2.txt")) << "browse open " << dir_.string() << "\nbrowse-list " << path("list3.txt").string()
                                  << "\nbrowse-pick missing.sxplan.json\n";
    r = run(bin + path("s2.txt").string());
    EXPECT_NE(r.rc, 0);
    EXPECT_NE(r.err.find("There is no file"), std::string::npos) << r.err;
    EXPECT_NE(shuxiang::test::slurp(path("list3.txt")).find("recent: " + path("plans").string()), std::string::npos)
        << shuxiang::test::slurp(path("list3.txt"));
}
