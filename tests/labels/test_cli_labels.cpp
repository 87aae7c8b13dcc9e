// `shuxiang labels items|spine|cards` on a real database: real PDFs read back with poppler
// (pdfinfo, pdftotext), refusals, bad input and the atomic write.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "shuxiang/catalog/store.hpp"
#include "shuxiang/circulation/services.hpp"
#include "support/process.hpp"

using namespace shuxiang;
using shuxiang::test::run_command;
using shuxiang::test::run_shuxiang;

namespace {

class LabelsCli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        // ctest runs each case as its own process, possibly at once: one database per process.
        shared_ = std::filesystem::temp_directory_path() / ("sx_labels_cli_db_" + std::to_string(::getpid()));
        std::filesystem::remove_all(shared_);
        std::filesystem::create_directories(shared_);
        auto r = run_shuxiang("catalog demo --db " + (shared_ / "lib.db").string() + " --students 40");
        ASSERT_EQ(r.code, 0) << r.out;
        std::ofstream(shared_ / "roster.csv") << "学号,姓名,年级,班级\nS20230101,张小明,三年级,2班\n"
                                                 "S20230102,欧阳晓晓,三年级,2班\nS20230201,李四,四年级,1班\n";
        // The demo database's operators (identity/demo.hpp) with their demo-only passwords.
        for (const char* op : {"librarian", "teacher"}) {
            const auto file = shared_ / (std::string(op) + ".pw");
            std::ofstream(file) << "demo-" << op << "\n";
            std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        }
        r = run_shuxiang("patrons import " + (shared_ / "roster.csv").string() + " --db " + (shared_ / "lib.db").string() +
                         creds("librarian"));
        ASSERT_EQ(r.code, 0) << r.out;
    }
    static std::string creds(const std::string& op) {
        return " --as " + op + " --password-file " + (shared_ / (op + ".pw")).string() + " < /dev/null";
    }
    static void TearDownTestSuite() { std::filesystem::remove_all(shared_); }
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("sx_labels_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        db_ = (dir_ / "lib.db").string();
        std::filesystem::copy_file(shared_ / "lib.db", db_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::string pdf(const std::string& name) const { return (dir_ / name).string(); }
    static std::string text_of(const std::string& file) { return run_command("pdftotext -layout " + file + " -").out; }
    static int pages_of(const std::string& file) {
        auto info = run_command("pdfinfo " + file).out;
        auto at = info.find("Pages:");
        return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
    }
    static std::string head_of(const std::string& file) {
        std::ifstream in(file, std::ios::binary);
        std::string h(5, '\0');
        in.read(h.data(), 5);
        return h;
    }

    static inline std::filesystem::path shared_;
    std::filesystem::path dir_;
    std::string db_;
};

}  // namespace

TEST_F(LabelsCli, ItemLabelsCarryBarcodeTitleAndCallNumber) {
    auto store = catalog::open_store(db_);
    auto item = store->item_by_barcode("S00000001");
    ASSERT_TRUE(item);
    auto rec = store->record(item->record_id);
    ASSERT_TRUE(rec);
    store.reset();
    auto r = run_shuxiang("labels items --db " + db_ + " --out " + pdf("items.pdf") +
                          " --barcodes S00000001,S00000002 --name 岳阳市第一实验小学");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(head_of(pdf("items.pdf")), "%PDF-");
    EXPECT_EQ(pages_of(pdf("items.pdf")), 1);
    auto text = text_of(pdf("items.pdf"));
    EXPECT_NE(text.find("岳阳市第一实验小学"), std::string::npos) << text;
    EXPECT_NE(text.find("S00000001"), std::string::npos) << text;
    EXPECT_NE(text.find("S00000002"), std::string::npos) << text;
    EXPECT_NE(text.find(rec->title), std::string::npos) << rec->title << "\n" << text;
    EXPECT_NE(text.find(item->call_number), std::string::npos) << item->call_number << "\n" << text;
}

TEST_F(LabelsCli, StartAtMovesTheOverflowOntoASecondSheet) {
    auto r = run_shuxiang("labels items --db " + db_ + " --out " + pdf("a.pdf") + " --barcodes S00000001,S00000002 --start-at 24");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(pages_of(pdf("a.pdf")), 2);
    r = run_shuxiang("labels items --db " + db_ + " --out " + pdf("b.pdf") + " --barcodes S00000001,S00000002 --start-at 23");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(pages_of(pdf("b.pdf")), 1);
    r = run_shuxiang("labels items --db " + db_ + " --out " + pdf("c.pdf") + " --barcodes S00000001 --start-at 25");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("25"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(pdf("c.pdf")));
}

TEST_F(LabelsCli, EveryCopyOfARecordOnAReceiptRoll) {
    auto store = catalog::open_store(db_);
    auto item = store->item_by_barcode("S00000002");
    ASSERT_TRUE(item);
    const auto copies = store->items_of(item->record_id);
    ASSERT_GE(copies.size(), 2u);  // the demo's 经济学 F49/1 has two copies
    store.reset();
    auto r = run_shuxiang("labels items --db " + db_ + " --out " + pdf("roll.pdf") + " --layout roll-58 --record " +
                          std::to_string(item->record_id));
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(pages_of(pdf("roll.pdf")), static_cast<int>(copies.size()));
    auto text = text_of(pdf("roll.pdf"));
    for (const auto& c : copies) EXPECT_NE(text.find(c.barcode), std::string::npos) << c.barcode << "\n" << text;
    auto info = run_command("pdfinfo " + pdf("roll.pdf")).out;
    EXPECT_NE(info.find("164.409 x 96.378 pts"), std::string::npos) << info;  // 58 × 34 mm
}

TEST_F(LabelsCli, SpineLabelsOfACallNumberRangeAreSplitIntoLines) {
    auto r = run_shuxiang("labels spine --db " + db_ + " --out " + pdf("spine.pdf") + " --range I313..I313.9");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(head_of(pdf("spine.pdf")), "%PDF-");
    auto text = text_of(pdf("spine.pdf"));
    // Class number and book number on separate lines: never "I313.45/1" in one piece.
    EXPECT_NE(text.find("I313.45"), std::string::npos) << text;
    EXPECT_EQ(text.find("I313.45/"), std::string::npos) << text;
    EXPECT_EQ(text.find("F49"), std::string::npos) << text;
}

TEST_F(LabelsCli, ReaderCardsForAClassNeedALibrarian) {
    auto r = run_shuxiang("labels cards --db " + db_ + " --out " + pdf("cards.pdf") + " --class 三年级2班" + creds("librarian"));
    ASSERT_EQ(r.code, 0) << r.out;
    auto text = text_of(pdf("cards.pdf"));
    EXPECT_NE(text.find("张小明"), std::string::npos) << text;
    EXPECT_NE(text.find("欧阳晓晓"), std::string::npos) << text;
    EXPECT_NE(text.find("三年级2班"), std::string::npos) << text;
    EXPECT_NE(text.find("S20230102"), std::string::npos) << text;
    EXPECT_EQ(text.find("李四"), std::string::npos) << text;

    // An authenticated teacher is refused; so is a librarian's name without the password.
    r = run_shuxiang("labels cards --db " + db_ + " --out " + pdf("t.pdf") + " --class 3-2" + creds("teacher"));
    EXPECT_EQ(r.code, 3) << r.out;
    EXPECT_NE(r.out.find("teacher"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(pdf("t.pdf")));
    r = run_shuxiang("labels cards --db " + db_ + " --out " + pdf("t.pdf") + " --class 3-2 --as librarian < /dev/null");
    EXPECT_EQ(r.code, 3) << r.out;
    EXPECT_FALSE(std::filesystem::exists(pdf("t.pdf")));
    auto lib = circulation::LibraryServices::open(db_);
    bool audited = false;
    for (const auto& e : lib->admin().audit(20))
        if (e.action == "labels.cards" && e.op == "teacher" && e.outcome != "ok") audited = true;
    EXPECT_TRUE(audited);
}

TEST_F(LabelsCli, BadInputNamesTheThingAndWritesNothing) {
    std::ofstream(pdf("old.pdf")) << "old";
    auto r = run_shuxiang("labels items --db " + db_ + " --out " + pdf("old.pdf") + " --barcodes S00000001,NOPE42");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("NOPE42"), std::string::npos) << r.out;
    std::ifstream in(pdf("old.pdf"));
    std::string kept((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(kept, "old");

    r = run_shuxiang("--lang en labels spine --db " + db_ + " --out " + pdf("x.pdf") + " --record 999999");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("No record has the id 999999"), std::string::npos) << r.out;
    r = run_shuxiang("labels items --db " + db_ + " --out " + pdf("x.pdf") + " --range I313.9..I313");  // last before first: nothing
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("没有可打印的标签"), std::string::npos) << r.out;
    r = run_shuxiang("labels items --db " + db_ + " --out " + pdf("x.pdf") + " --barcodes S00000001 --layout a4-2x7");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("a4-2x7"), std::string::npos) << r.out;
    r = run_shuxiang("labels cards --db " + db_ + " --out " + pdf("x.pdf") + " --class 九年级9班" + creds("librarian"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_FALSE(std::filesystem::exists(pdf("x.pdf")));

    const std::string missing_db = (dir_ / "missing.db").string();
    r = run_shuxiang("labels items --db " + missing_db + " --out " + pdf("x.pdf") + " --barcodes S00000001");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find(missing_db), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(missing_db));

    const std::string unwritable = (dir_ / "no-such-dir" / "out.pdf").string();
    r = run_shuxiang("labels items --db " + db_ + " --out " + unwritable + " --barcodes S00000001");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find(unwritable), std::string::npos) << r.out;
}
