// Readers' feedback on a real SQLite library: reviews only after a return and only in one's own
// name, moderation (an unapproved review is never shown to others), recommendations becoming
// acquisition suggestions with their recommender, parents seeing only their linked pupils, and
// statistics without readers and with small classes suppressed.
#include "reading_fixture.hpp"
#include "shuxiang/reading/feedback.hpp"

using namespace sxt;
using namespace shuxiang::reading;

namespace {

Patron parent(const std::string& id, const std::string& name) {
    Patron p;
    p.id = id;
    p.name = name;
    p.kind = PatronKind::Parent;
    return p;
}

Ctx reader(const std::string& id, const std::string& day = "2026-09-20") { return Ctx{"", day, id}; }

struct Feedback : ::testing::Test {
    std::filesystem::path path = temp_db(std::string("feedback_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<LibraryServices> lib = LibraryServices::open(path);
    ReadingLibrary books;
    FeedbackService svc{lib->repository()};
    void SetUp() override {
        books.fill(lib->catalog());
        for (int i = 1; i <= 6; ++i) ASSERT_TRUE(lib->patrons().add(as("admin"), student("S" + std::to_string(i), "学生" + std::to_string(i), 3, "2")).ok);
        ASSERT_TRUE(lib->patrons().add(as("admin"), student("S9", "小班生", 3, "1")).ok);
        ASSERT_TRUE(lib->patrons().add(as("admin"), teacher("T1", "王老师")).ok);
        ASSERT_TRUE(lib->patrons().add(as("admin"), parent("P1", "张家长")).ok);
        ASSERT_TRUE(lib->operators().add(as("admin"), Operator{"t1", Role::Teacher, "王老师", "T1", false}).ok);
        ASSERT_TRUE(lib->operators().add(as("admin"), Operator{"r1", Role::Reviewer, "", "", false}).ok);
        ASSERT_TRUE(lib->operators().add(as("admin"), Operator{"lib2", Role::Librarian, "", "S1", false}).ok);
    }
    // The reader borrows the copy on `out` and returns it on `back`.
    void borrow_and_return(const std::string& patron, const std::string& barcode, const std::string& out = "2026-09-01",
                           const std::string& back = "2026-09-10") {
        ASSERT_TRUE(lib->circulation().checkout(as("admin", out), patron, barcode).ok);
        ASSERT_TRUE(lib->circulation().checkin(as("admin", back), barcode).ok);
    }
    long long reviewed(const std::string& patron, long long record, int stars, const std::string& text = "好看") {
        Result r = svc.write_review(reader(patron), patron, record, stars, text);
        EXPECT_TRUE(r.ok) << r.code << " " << r.message;
        return r.id;
    }
    bool audited(const std::string& action, const std::string& outcome) {
        for (auto& e : lib->admin().audit(1000))
            if (e.action == action && e.outcome == outcome) return true;
        return false;
    }
};

}  // namespace

TEST_F(Feedback, OnlyATitleBorrowedAndReturnedCanBeReviewed) {
    EXPECT_EQ(svc.write_review(reader("S1"), "S1", books.caofangzi, 5, "").code, "not_returned");
    ASSERT_TRUE(lib->circulation().checkout(as("admin"), "S1", "CF1").ok);
    EXPECT_EQ(svc.write_review(reader("S1"), "S1", books.caofangzi, 5, "").code, "not_returned");  // still on loan
    ASSERT_TRUE(lib->circulation().checkin(as("admin", "2026-09-05"), "CF1").ok);
    std::vector<ReturnedTitle> open;
    ASSERT_TRUE(svc.reviewable(reader("S1"), "S1", open).ok);
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].title, "草房子");
    Result r = svc.write_review(reader("S1"), "S1", books.caofangzi, 5, "  很感人。\n推荐！ ");
    ASSERT_TRUE(r.ok) << r.message;
    std::vector<Review> mine;
    ASSERT_TRUE(svc.reviews_by(reader("S1"), "S1", mine).ok);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].status, "pending");
    EXPECT_EQ(mine[0].text, "很感人。\n推荐！");
    EXPECT_EQ(svc.write_review(reader("S1"), "S1", books.caofangzi, 4, "again").code, "already_reviewed");
    ASSERT_TRUE(svc.reviewable(reader("S1"), "S1", open).ok);
    EXPECT_TRUE(open.empty());
    EXPECT_EQ(svc.write_review(reader("S1"), "S1", books.caofangzi + 1000, 5, "").code, "unknown_record");
}

TEST_F(Feedback, StarsAndTextAreChecked) {
    borrow_and_return("S1", "CF1");
    EXPECT_EQ(svc.write_review(reader("S1"), "S1", books.caofangzi, 0, "").code, "bad_stars");
    EXPECT_EQ(svc.write_review(reader("S1"), "S1", books.caofangzi, 6, "").code, "bad_stars");
    std::string long_text;
    for (std::size_t i = 0; i <= kMaxReviewChars; ++i) long_text += "书";
    EXPECT_EQ(svc.write_review(reader("S1"), "S1", books.caofangzi, 5, long_text).code, "text_too_long");
    EXPECT_EQ(svc.write_review(reader("S1"), "S1", books.caofangzi, 5, "bad \xff byte").code, "bad_text");
    EXPECT_EQ(svc.write_review(reader("S1"), "S1", books.caofangzi, 5, std::string("bell \a")).code, "bad_text");
    long_text.resize(long_text.size() - 3);  // exactly the limit
    EXPECT_TRUE(svc.write_review(reader("S1"), "S1", books.caofangzi, 5, long_text).ok);
    EXPECT_EQ(plain_text_length("草房子 ok"), 6u);
}

TEST_F(Feedback, AReaderReviewsAndReadsOnlyInTheirOwnName) {
    borrow_and_return("S1", "CF1");
    // S2 writing in S1's name, or reading S1's reviews, is refused and audited.
    EXPECT_EQ(svc.write_review(reader("S2"), "S1", books.caofangzi, 1, "坏").code, "not_permitted");
    reviewed("S1", books.caofangzi, 5, "秘密的读后感");
    std::vector<Review> rows;
    EXPECT_EQ(svc.reviews_by(reader("S2"), "S1", rows).code, "not_permitted");
    EXPECT_TRUE(rows.empty());
    EXPECT_TRUE(audited("feedback.reviews", "refused"));
    std::vector<ReturnedTitle> open;
    EXPECT_EQ(svc.reviewable(reader("S2"), "S1", open).code, "not_permitted");
    // The queue is the librarian's: not a reader, not a teacher.
    EXPECT_EQ(svc.pending(reader("S2"), rows).code, "not_permitted");
    EXPECT_EQ(svc.pending(as("t1"), rows).code, "not_permitted");
    ASSERT_TRUE(svc.pending(as("admin"), rows).ok);
    EXPECT_EQ(rows.size(), 1u);
    // A teacher who may see readers sees S1's reviews (the class teacher's view).
    EXPECT_TRUE(svc.reviews_by(as("t1"), "S1", rows).ok);
}

TEST_F(Feedback, AnUnapprovedReviewIsNeverShownToOthers) {
    borrow_and_return("S1", "CF1");
    borrow_and_return("S2", "CF2");
    borrow_and_return("T1", "CN1");
    const long long a = reviewed("S1", books.caofangzi, 5, "<script>alert(1)</script>好书");
    const long long b = reviewed("S2", books.caofangzi, 1, "不好");
    EXPECT_TRUE(svc.approved(books.caofangzi).empty());
    // Rejected: still never shown; its author sees the reason and may write again.
    EXPECT_EQ(svc.moderate(as("admin"), b, false, "").code, "no_reason");
    ASSERT_TRUE(svc.moderate(as("admin"), b, false, "请写具体一些").ok);
    EXPECT_TRUE(svc.approved(books.caofangzi).empty());
    std::vector<Review> mine;
    ASSERT_TRUE(svc.reviews_by(reader("S2"), "S2", mine).ok);
    EXPECT_EQ(mine[0].status, "rejected");
    EXPECT_EQ(mine[0].reason, "请写具体一些");
    ASSERT_TRUE(svc.write_review(reader("S2"), "S2", books.caofangzi, 3, "人物写得很好").ok);
    ASSERT_TRUE(svc.reviews_by(reader("S2"), "S2", mine).ok);
    EXPECT_EQ(mine[0].status, "pending");
    EXPECT_TRUE(svc.approved(books.caofangzi).empty());
    // Approved: shown, without the reader's number or name, the text as written.
    ASSERT_TRUE(svc.moderate(as("admin", "2026-09-21"), a, true, "").ok);
    auto shown = svc.approved(books.caofangzi);
    ASSERT_EQ(shown.size(), 1u);
    EXPECT_EQ(shown[0].text, "<script>alert(1)</script>好书");
    EXPECT_EQ(shown[0].reader, "student");
    EXPECT_EQ(shown[0].grade, 3);
    EXPECT_EQ(shown[0].day, "2026-09-21");
    EXPECT_EQ(svc.moderate(as("admin"), a, false, "x").code, "not_pending");
    EXPECT_EQ(svc.moderate(as("admin"), 999, true, "").code, "unknown_review");
}

TEST_F(Feedback, ModerationIsTheLibrariansAndNotOfOnesOwnReview) {
    borrow_and_return("S1", "CF1");
    const long long id = reviewed("S1", books.caofangzi, 4);
    EXPECT_EQ(svc.moderate(as("t1"), id, true, "").code, "not_permitted");
    EXPECT_EQ(svc.moderate(as("r1"), id, true, "").code, "not_permitted");
    EXPECT_EQ(svc.moderate(reader("S1"), id, true, "").code, "not_permitted");
    EXPECT_EQ(svc.moderate(as("lib2"), id, true, "").code, "own_review");  // lib2 is linked to S1
    EXPECT_TRUE(audited("feedback.approve", "refused"));
    EXPECT_TRUE(svc.approved(books.caofangzi).empty());
    EXPECT_TRUE(svc.moderate(as("admin"), id, true, "").ok);
    EXPECT_EQ(svc.approved(books.caofangzi).size(), 1u);
}

TEST_F(Feedback, ALibrarianTypesASlipButATeacherMayNot) {
    borrow_and_return("S3", "CN1");
    Result r = svc.write_review(as("admin"), "S3", books.chengnan, 4, "纸质书评卡");
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(svc.write_review(as("t1"), "S3", books.kunchong, 4, "").code, "not_permitted");
    std::vector<Review> rows;
    ASSERT_TRUE(svc.reviews_by(reader("S3"), "S3", rows).ok);
    EXPECT_EQ(rows[0].entered_by, "admin");
}

TEST_F(Feedback, AHeldTitleIsRecommendedWithoutASuggestion) {
    NewRecommendation r;
    r.record_id = books.chengnan;
    r.note = "三年级必读";
    Result res = svc.recommend(as("t1"), r);
    ASSERT_TRUE(res.ok) << res.message;
    std::vector<Recommendation> rows;
    ASSERT_TRUE(svc.recommendations(as("t1"), "", rows).ok);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].by_patron, "T1");
    EXPECT_EQ(rows[0].by_kind, "teacher");
    EXPECT_EQ(rows[0].record_id, books.chengnan);
    EXPECT_EQ(rows[0].suggestion_id, 0);
    EXPECT_TRUE(lib->acquisitions().suggestions().empty());
    // By title and author: matched to the record the library holds.
    NewRecommendation t;
    t.title = "昆虫记";
    t.author = "法布尔";
    ASSERT_TRUE(svc.recommend(reader("P1"), t).ok);
    ASSERT_TRUE(svc.recommendations(reader("P1"), "P1", rows).ok);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].record_id, books.kunchong);
    EXPECT_TRUE(lib->acquisitions().suggestions().empty());
}

TEST_F(Feedback, ATitleNotHeldBecomesASuggestionByItsRecommender) {
    NewRecommendation r;
    r.title = "小王子";
    r.author = "圣埃克苏佩里";
    r.isbn = "9787544200004";
    EXPECT_EQ(svc.recommend(reader("P1"), r).code, "price_needed");
    EXPECT_TRUE(audited("feedback.recommend", "refused"));
    r.price = 25;
    r.note = "孩子很想读";
    Result res = svc.recommend(reader("P1"), r);
    ASSERT_TRUE(res.ok) << res.message;
    auto sugg = lib->acquisitions().suggestions("pending");
    ASSERT_EQ(sugg.size(), 1u);
    EXPECT_EQ(sugg[0].by, "P1");  // 谁推荐谁负责
    EXPECT_EQ(sugg[0].entered_by, "");
    EXPECT_EQ(sugg[0].title, "小王子");
    EXPECT_DOUBLE_EQ(sugg[0].price, 25);
    std::vector<Recommendation> rows;
    ASSERT_TRUE(svc.recommendations(reader("P1"), "P1", rows).ok);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].suggestion_id, sugg[0].id);
    EXPECT_EQ(rows[0].record_id, 0);
    // The ordinary four-eyes review follows: a reviewer approves it.
    EXPECT_TRUE(lib->acquisitions().review(as("r1"), sugg[0].id, "", "").ok);
    // Others' recommendations are not a reader's to read; pupils do not recommend; nobody in another's name.
    EXPECT_EQ(svc.recommendations(reader("S1"), "P1", rows).code, "not_permitted");
    EXPECT_EQ(svc.recommendations(reader("P1"), "", rows).code, "not_permitted");
    EXPECT_EQ(svc.recommend(reader("S1"), r).code, "recommend_kind");
    r.by = "T1";
    EXPECT_EQ(svc.recommend(reader("P1"), r).code, "not_permitted");
    r.by = "P1";
    EXPECT_EQ(svc.recommend(as("t1"), r).code, "not_permitted");  // a teacher recommends in their own name only
    EXPECT_TRUE(svc.recommend(as("admin"), r).ok);                // a librarian enters a parent's slip
    // A reader cannot make a suggestion in another reader's name through acquisitions either.
    Suggestion s;
    s.by = "T1";
    s.title = "x";
    s.price = 1;
    EXPECT_EQ(lib->acquisitions().suggest(reader("P1"), s).code, "not_permitted");
}

TEST_F(Feedback, AParentSeesOnlyTheirLinkedPupils) {
    ASSERT_TRUE(lib->circulation().checkout(as("admin"), "S1", "CF1").ok);
    borrow_and_return("S1", "KC1");
    borrow_and_return("S2", "CN1");
    EXPECT_EQ(svc.link_parent(as("t1"), "P1", "S1").code, "not_permitted");
    EXPECT_EQ(svc.link_parent(as("admin"), "S2", "S1").code, "not_parent");
    EXPECT_EQ(svc.link_parent(as("admin"), "P1", "T1").code, "not_pupil");
    ASSERT_TRUE(svc.link_parent(as("admin"), "P1", "S1").ok);
    std::vector<Patron> kids;
    ASSERT_TRUE(svc.children(reader("P1"), "P1", kids).ok);
    ASSERT_EQ(kids.size(), 1u);
    EXPECT_EQ(kids[0].id, "S1");
    ChildView v;
    ASSERT_TRUE(svc.child_view(reader("P1"), "S1", v).ok);
    ASSERT_EQ(v.open_loans.size(), 1u);
    EXPECT_EQ(v.open_loans[0].barcode, "CF1");
    ASSERT_EQ(v.returned.size(), 1u);
    EXPECT_EQ(v.returned[0].title, "昆虫记");
    // Another pupil, another parent's list, another pupil's reviews: refused and audited.
    EXPECT_EQ(svc.child_view(reader("P1"), "S2", v).code, "not_permitted");
    EXPECT_TRUE(audited("feedback.child", "refused"));
    EXPECT_EQ(svc.children(reader("S1"), "P1", kids).code, "not_permitted");
    std::vector<Review> rows;
    EXPECT_EQ(svc.reviews_by(reader("P1"), "S2", rows).code, "not_permitted");
    EXPECT_TRUE(svc.reviews_by(reader("P1"), "S1", rows).ok);
    // A pupil does not see the parent's view of a sibling; after unlinking the parent sees nothing.
    EXPECT_EQ(svc.child_view(reader("S2"), "S1", v).code, "not_permitted");
    ASSERT_TRUE(svc.unlink_parent(as("admin"), "P1", "S1").ok);
    EXPECT_EQ(svc.unlink_parent(as("admin"), "P1", "S1").code, "not_linked");
    EXPECT_EQ(svc.child_view(reader("P1"), "S1", v).code, "not_permitted");
}

TEST_F(Feedback, AParentSeesTheProgressOfTheirPupilsProgramme) {
    ReadingService lists(lib->repository());
    auto file = reading_data("grade3.csv");
    ReadingList l;
    l.name = "三年级必读";
    l.class_key = "3-2";
    l.period_from = "2026-09-01";
    l.period_to = "2027-01-31";
    l.entries = parse_list_csv(shuxiang::read_file(file), file.string());
    ASSERT_TRUE(lists.import_list(as("t1"), l).ok);
    borrow_and_return("S1", "CF1", "2026-09-02", "2026-09-09");
    ASSERT_TRUE(svc.link_parent(as("admin"), "P1", "S1").ok);
    ChildView v;
    ASSERT_TRUE(svc.child_view(reader("P1"), "S1", v).ok);
    ASSERT_EQ(v.programmes.size(), 1u);
    EXPECT_EQ(v.programmes[0].list, "三年级必读");
    EXPECT_EQ(v.programmes[0].progress.titles_read, std::vector<std::string>{"草房子"});
    EXPECT_EQ(v.programmes[0].progress.list_titles, 5);
}

TEST_F(Feedback, StatisticsAreAnonymousAndSuppressSmallCells) {
    borrow_and_return("S1", "CF1", "2026-03-01", "2026-03-05");
    borrow_and_return("S2", "CF1", "2026-03-06", "2026-03-08");
    borrow_and_return("S3", "CF2", "2026-03-06", "2026-03-09");
    borrow_and_return("S2", "CN1", "2026-04-01", "2026-04-03");
    borrow_and_return("S9", "CN2", "2026-04-01", "2026-04-03");
    const std::string day = "2026-05-01";
    std::vector<long long> ids;
    for (auto p : {"S1", "S2", "S3"}) ids.push_back(svc.write_review(reader(p, day), p, books.caofangzi, 4, "").id);
    ids.push_back(svc.write_review(reader("S2", day), "S2", books.chengnan, 5, "").id);  // one rating only
    ids.push_back(svc.write_review(reader("S9", day), "S9", books.chengnan, 5, "").id);  // stays pending
    for (std::size_t i = 0; i + 1 < ids.size(); ++i) ASSERT_TRUE(svc.moderate(as("admin", day), ids[i], true, "").ok);
    NewRecommendation held;
    held.record_id = books.xiyou;
    ASSERT_TRUE(svc.recommend(as("t1", day), held).ok);
    ASSERT_TRUE(svc.recommend(reader("P1", day), held).ok);
    NewRecommendation missing;
    missing.title = "海底两万里";
    missing.author = "凡尔纳";
    missing.price = 30;
    ASSERT_TRUE(svc.recommend(reader("P1", day), missing).ok);
    auto st = svc.stats(2026);
    ASSERT_EQ(st.most_recommended.size(), 2u);
    EXPECT_EQ(st.most_recommended[0].title, "西游记");
    EXPECT_EQ(st.most_recommended[0].recommendations, 2);
    EXPECT_EQ(st.most_recommended[0].by_kind.at("teacher"), 1);
    EXPECT_EQ(st.most_recommended[0].by_kind.at("parent"), 1);
    EXPECT_EQ(st.most_recommended[1].record_id, 0);  // not held
    ASSERT_EQ(st.best_rated.size(), 1u);               // 城南旧事 has one approved rating: not ranked
    EXPECT_EQ(st.best_rated[0].record_id, books.caofangzi);
    EXPECT_EQ(st.best_rated[0].ratings, 3);
    EXPECT_DOUBLE_EQ(st.best_rated[0].average, 4.0);
    EXPECT_EQ(st.titles_rated, 2);
    // 3-2 has 6 students (shown), 3-1 has one (suppressed); grade 3 has 7.
    ASSERT_EQ(st.by_class.size(), 2u);
    EXPECT_EQ(st.by_class[0].key, "3-1");
    EXPECT_TRUE(st.by_class[0].suppressed);
    EXPECT_EQ(st.by_class[0].loans, 0);
    EXPECT_EQ(st.by_class[1].key, "3-2");
    EXPECT_FALSE(st.by_class[1].suppressed);
    EXPECT_EQ(st.by_class[1].students, 6);
    EXPECT_EQ(st.by_class[1].readers, 3);
    EXPECT_EQ(st.by_class[1].loans, 4);
    ASSERT_EQ(st.by_grade.size(), 1u);
    EXPECT_EQ(st.by_grade[0].key, "3");
    EXPECT_EQ(st.by_grade[0].students, 7);
    EXPECT_EQ(st.by_grade[0].loans, 5);
    // The JSON names no reader.
    const std::string text = feedback_stats_json(st).dump();
    for (auto id : {"S1", "S2", "S9", "P1", "T1", "学生", "家长", "王老师"}) EXPECT_EQ(text.find(id), std::string::npos) << id;
    EXPECT_EQ(svc.stats(2025).most_recommended.size(), 0u);
}

TEST(FeedbackSchema, VersionFiveLibraryGainsTheFeedbackTables) {
    auto path = temp_db("feedback_v5");
    {
        auto lib = LibraryServices::open(path);
        ASSERT_TRUE(lib->patrons().add(as("admin"), teacher("T1", "王老师")).ok);
    }
    {
        FileDb f(path);
        ASSERT_EQ(sqlite3_exec(f.db, "DROP TABLE feedback_reviews; DROP TABLE feedback_recommendations; DROP TABLE feedback_parent_links;"
                                     "UPDATE circ_schema SET version = 5;",
                               nullptr, nullptr, nullptr),
                  SQLITE_OK);
    }
    auto lib = LibraryServices::open(path);
    EXPECT_EQ(lib->repository().schema_version(), 7);
    EXPECT_TRUE(lib->patrons().find("T1"));
    FeedbackService svc(lib->repository());
    std::vector<Recommendation> rows;
    EXPECT_TRUE(svc.recommendations(as("admin"), "", rows).ok);
}
