// Reading lists and programmes on a real SQLite library: coverage, matching, bad files, roles,
// suggestions with their recommender, and progress from loans made through the circulation service.
#include "reading_fixture.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

using namespace sxt;
using namespace shuxiang::reading;

namespace {

struct Reading : ::testing::Test {
    std::filesystem::path path = temp_db(std::string("reading_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<LibraryServices> lib = LibraryServices::open(path);
    ReadingLibrary books;
    ReadingService svc{lib->repository()};
    void SetUp() override {
        books.fill(lib->catalog());
        ASSERT_TRUE(lib->patrons().add(as("admin"), teacher("T1", "王老师")).ok);
        ASSERT_TRUE(lib->operators().add(as("admin"), Operator{"t1", Role::Teacher, "王老师", "T1", false}).ok);
        ASSERT_TRUE(lib->operators().add(as("admin"), Operator{"v1", Role::Volunteer, "", "", false}).ok);
    }
    std::vector<ReadingListEntry> grade3() {
        auto file = reading_data("grade3.csv");
        return parse_list_csv(shuxiang::read_file(file), file.string());
    }
    ReadingList list(const std::string& name, std::vector<ReadingListEntry> entries) {
        ReadingList l;
        l.name = name;
        l.entries = std::move(entries);
        return l;
    }
    const CoverageEntry* held(const Coverage& c, const std::string& title) {
        for (auto& e : c.held)
            if (e.entry.title == title) return &e;
        return nullptr;
    }
};

}  // namespace

TEST(MatchKey, FoldsWidthCaseAndPunctuation) {
    EXPECT_EQ(match_key("  ＡＢＣ　１２３ "), "abc123");
    EXPECT_EQ(match_key("《草房子》"), "草房子");
    EXPECT_EQ(match_key("［法］法布尔"), match_key("(法)法布尔"));
    EXPECT_EQ(match_key("Harry Potter: the Stone"), "harrypotterthestone");
    EXPECT_NE(match_key("西游记"), match_key("红楼梦"));
}

TEST_F(Reading, CoverageCountsHeldCopiesAndMissing) {
    auto entries = grade3();
    ASSERT_EQ(entries.size(), 5u);
    Result r = svc.import_list(as("t1"), list("三年级必读", entries));
    ASSERT_TRUE(r.ok) << r.message;
    auto l = svc.find("三年级必读");
    ASSERT_TRUE(l);
    EXPECT_EQ(l->created_by, "t1");
    EXPECT_EQ(l->entries.size(), 5u);
    Coverage c = svc.coverage_of(*l);
    EXPECT_EQ(c.held.size(), 3u);
    EXPECT_EQ(c.missing.size(), 2u);
    EXPECT_EQ(c.copies, 6);
    ASSERT_TRUE(held(c, "草房子"));
    EXPECT_EQ(held(c, "草房子")->copies, 2);
    EXPECT_EQ(held(c, "草房子")->record_ids, std::vector<long long>{books.caofangzi});
    EXPECT_EQ(c.missing[0].entry.title, "小王子");
    EXPECT_EQ(c.missing[1].entry.title, "海底两万里");
    ASSERT_TRUE(c.missing[1].entry.price);
    EXPECT_DOUBLE_EQ(*c.missing[1].entry.price, 30.0);
    // The missing titles as an acquisitions sheet.
    EXPECT_EQ(missing_csv(c), "题名,责任者,ISBN,价格\r\n小王子,圣埃克苏佩里,9787544200004,25.00\r\n海底两万里,凡尔纳,,30.00\r\n");
}

TEST_F(Reading, Isbn10MatchesTheIsbn13Record) {
    Coverage c = svc.coverage_of(list("x", {{"城南旧事（另版）", "", "7-02-012345-7", std::nullopt}}));
    ASSERT_EQ(c.held.size(), 1u);
    EXPECT_EQ(c.held[0].matched_by, "isbn");
    EXPECT_EQ(c.held[0].record_ids, std::vector<long long>{books.chengnan});
    EXPECT_EQ(c.held[0].copies, 3);
}

TEST_F(Reading, TitleAndAuthorFallback) {
    Coverage c = svc.coverage_of(list("x", {{"昆虫记", "［法］法布尔", "9787101555554", std::nullopt},
                                            {"西游记", "曹雪芹", "", std::nullopt},
                                            {"《西游记》", "", "", std::nullopt}}));
    ASSERT_EQ(c.held.size(), 2u);
    EXPECT_EQ(c.held[0].matched_by, "title_author");
    EXPECT_EQ(c.held[0].record_ids, std::vector<long long>{books.kunchong});
    // Another author is another book; no author given, the title alone decides.
    ASSERT_EQ(c.missing.size(), 1u);
    EXPECT_EQ(c.missing[0].entry.author, "曹雪芹");
    EXPECT_EQ(c.held[1].record_ids, std::vector<long long>{books.xiyou});
}

TEST_F(Reading, LostAndWithdrawnCopiesAreNotHeld) {
    auto item = lib->catalog().item_by_barcode("CF1");
    ASSERT_TRUE(item);
    lib->catalog().set_item_state(item->id, cat::ItemStatus::Lost);
    Coverage c = svc.coverage_of(list("x", {{"草房子", "曹文轩", "", std::nullopt}}));
    ASSERT_EQ(c.held.size(), 1u);
    EXPECT_EQ(c.held[0].copies, 1);
}

TEST_F(Reading, BadFilesNameFileAndLine) {
    shuxiang::set_language(shuxiang::Language::En);
    auto missing = reading_data("no_author.csv");
    try {
        parse_list_csv(shuxiang::read_file(missing), missing.string());
        FAIL() << "no error";
    } catch (const shuxiang::InputError& e) {
        EXPECT_EQ(e.file(), missing.string());
        EXPECT_EQ(e.where(), "line 1");
        EXPECT_NE(e.message().find("责任者"), std::string::npos) << e.message();
    }
    EXPECT_THROW(parse_list_csv("题名,责任者,ISBN\n\xFF\xFF\xFF,\xFE,1\n", "bad.csv"), shuxiang::InputError);
    try {
        parse_list_csv("题名,责任者,ISBN\n草房子,曹文轩,1,2\n", "cols.csv");
        FAIL() << "no error";
    } catch (const shuxiang::InputError& e) {
        EXPECT_EQ(e.where(), "line 2");
    }
    EXPECT_THROW(parse_list_csv("题名,责任者,ISBN\n", "empty.csv"), shuxiang::InputError);
    shuxiang::set_language(shuxiang::Language::ZhCN);
    EXPECT_TRUE(svc.lists().empty());
}

TEST_F(Reading, EnglishHeaders) {
    auto file = reading_data("english.csv");
    auto entries = parse_list_csv(shuxiang::read_file(file), file.string());
    ASSERT_EQ(entries.size(), 2u);
    Coverage c = svc.coverage_of(list("en", entries));
    EXPECT_EQ(c.held.size(), 1u);
    EXPECT_EQ(c.missing.size(), 1u);
}

TEST_F(Reading, OnlyLibrariansAndTeachersWriteLists) {
    Result v = svc.import_list(as("v1"), list("志愿者书目", grade3()));
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.code, "not_permitted");
    EXPECT_TRUE(svc.import_list(as("admin"), list("馆员书目", grade3())).ok);
    Result twice = svc.import_list(as("t1"), list("馆员书目", grade3()));
    EXPECT_EQ(twice.code, "list_exists");
    Ctx reader{"", "2026-09-01", "T1"};
    EXPECT_FALSE(svc.import_list(reader, list("读者书目", grade3())).ok);
    EXPECT_EQ(svc.lists().size(), 1u);
}

TEST_F(Reading, SuggestMissingTitlesWithTheRecommender) {
    ASSERT_TRUE(svc.import_list(as("t1"), list("三年级必读", grade3())).ok);
    Result r = svc.suggest_missing(as("t1"), "三年级必读", {});
    ASSERT_TRUE(r.ok) << r.message;
    auto made = lib->acquisitions().suggestions();
    ASSERT_EQ(made.size(), 2u);
    EXPECT_EQ(made[0].title, "小王子");
    EXPECT_EQ(made[0].by, "T1");
    EXPECT_EQ(made[0].entered_by, "t1");
    EXPECT_EQ(made[0].isbn, "9787544200004");
    EXPECT_DOUBLE_EQ(made[0].price, 25.0);
    EXPECT_NE(made[0].note.find("三年级必读"), std::string::npos) << made[0].note;
    EXPECT_EQ(made[1].title, "海底两万里");
    EXPECT_EQ(made[1].status, "pending");
    // The librarian has no reader record: the recommender must be named.
    EXPECT_EQ(svc.suggest_missing(as("admin"), "三年级必读", {}).code, "no_recommender");
    EXPECT_EQ(svc.suggest_missing(as("v1"), "三年级必读", {"T1", 10, 1}).code, "not_permitted");
    EXPECT_EQ(lib->acquisitions().suggestions().size(), 2u);
}

TEST_F(Reading, SuggestWithoutPriceIsRefusedPerTitle) {
    ASSERT_TRUE(svc.import_list(as("t1"), list("无价", {{"小王子", "", "9787544200004", std::nullopt}})).ok);
    Result r = svc.suggest_missing(as("t1"), "无价", {});
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.code, "no_suggestion");
    ASSERT_EQ(r.details.size(), 1u);
    EXPECT_TRUE(lib->acquisitions().suggestions().empty());
    EXPECT_TRUE(svc.suggest_missing(as("t1"), "无价", {"", 28.5, 2}).ok);
    EXPECT_EQ(lib->acquisitions().suggestions().at(0).copies, 2);
}

namespace {

// Class 3-2 (S1, S2, S3) and S4 of 3-1; loans inside and outside September 2026.
struct Programme : Reading {
    void SetUp() override {
        Reading::SetUp();
        for (auto& p : {student("S1", "甲", 3, "2"), student("S2", "乙", 3, "2"), student("S3", "丙", 3, "2"),
                        student("S4", "丁", 3, "1")})
            ASSERT_TRUE(lib->patrons().add(as("admin"), p).ok);
        ReadingList l = list("三年级必读", grade3());
        l.class_key = "3-2";
        l.period_from = "2026-09-01";
        l.period_to = "2026-09-30";
        ASSERT_TRUE(svc.import_list(as("t1"), l).ok);
        auto& circ = lib->circulation();
        auto loan = [&](const char* who, const char* barcode, const char* out, const char* back) {
            Result r = circ.checkout(as("admin", out), who, barcode);
            ASSERT_TRUE(r.ok) << who << " " << barcode << ": " << r.message;
            ASSERT_TRUE(circ.checkin(as("admin", back), barcode).ok);
        };
        loan("S2", "KC1", "2026-08-20", "2026-08-25");  // before the period
        loan("S1", "CF1", "2026-09-05", "2026-09-10");
        loan("S1", "CN1", "2026-09-10", "2026-09-15");
        loan("S1", "CF2", "2026-09-16", "2026-09-20");  // the same title again counts once
        loan("S2", "XY1", "2026-09-05", "2026-09-08");  // not on the list
        loan("S4", "CN2", "2026-09-05", "2026-09-08");  // another class
        loan("S3", "KC1", "2026-10-02", "2026-10-05");  // after the period
    }
};

}  // namespace

TEST_F(Programme, ClassTotalsFromLoansInThePeriod) {
    ClassProgress p;
    Result r = svc.class_progress(as("t1"), "三年级必读", "三年级2班", "", "", p);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(p.class_key, "3-2");
    EXPECT_EQ(p.from, "2026-09-01");
    EXPECT_EQ(p.readers, 3);
    EXPECT_EQ(p.list_titles, 5);
    EXPECT_EQ(p.titles_read, 2);
    EXPECT_EQ(p.readers_reading, 1);
    EXPECT_NEAR(p.average, 2.0 / 3.0, 1e-9);
    // A wider period takes in S2's August loan and S3's October one.
    ASSERT_TRUE(svc.class_progress(as("t1"), "三年级必读", "3-2", "2026-08-01", "2026-10-31", p).ok);
    EXPECT_EQ(p.titles_read, 4);
    EXPECT_EQ(p.readers_reading, 3);
    EXPECT_EQ(svc.class_progress(as("t1"), "三年级必读", "3-2", "2026-10-01", "2026-09-01", p).code, "bad_period");
}

TEST_F(Programme, ReaderProgressOnlyForThemselvesOrStaff) {
    ReaderProgress rp;
    ASSERT_TRUE(svc.reader_progress(as("t1"), "三年级必读", "S1", "", "", rp).ok);
    EXPECT_EQ(rp.titles_read, (std::vector<std::string>{"草房子", "城南旧事"}));
    Ctx s1{"", "2026-09-30", "S1"}, s2{"", "2026-09-30", "S2"};
    ASSERT_TRUE(svc.reader_progress(s1, "三年级必读", "S1", "", "", rp).ok);
    EXPECT_EQ(rp.titles_read.size(), 2u);
    ASSERT_TRUE(svc.reader_progress(s2, "三年级必读", "S2", "", "", rp).ok);
    EXPECT_TRUE(rp.titles_read.empty());
    // A pupil sees neither another pupil's progress nor the class's.
    EXPECT_EQ(svc.reader_progress(s2, "三年级必读", "S1", "", "", rp).code, "not_permitted");
    ClassProgress p;
    EXPECT_EQ(svc.class_progress(s2, "三年级必读", "3-2", "", "", p).code, "not_permitted");
    EXPECT_EQ(svc.reader_progress(as("t1"), "三年级必读", "S9", "", "", rp).code, "unknown_patron");
}

TEST(ReadingSchema, VersionFourLibraryGainsTheListTables) {
    auto path = temp_db("reading_v4");
    {
        auto lib = LibraryServices::open(path);
        ASSERT_TRUE(lib->patrons().add(as("admin"), teacher("T1", "王老师")).ok);
    }
    {
        FileDb f(path);
        ASSERT_EQ(sqlite3_exec(f.db, "DROP TABLE reading_list_entries; DROP TABLE reading_lists; DROP TABLE reading_activities; "
                                       "UPDATE circ_schema SET version = 4;",
                               nullptr, nullptr, nullptr),
                  SQLITE_OK);
    }
    auto lib = LibraryServices::open(path);
    EXPECT_EQ(lib->repository().schema_version(), 7);
    EXPECT_TRUE(lib->patrons().find("T1"));
    ReadingService svc(lib->repository());
    ReadingList l;
    l.name = "寒假书目";
    l.holiday = "寒假";
    l.entries = {{"草房子", "曹文轩", "", std::nullopt}};
    ASSERT_TRUE(svc.import_list(as("admin"), l).ok);
    ASSERT_EQ(svc.lists().size(), 1u);
    EXPECT_EQ(svc.lists()[0].holiday, "寒假");
}
