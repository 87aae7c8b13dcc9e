// The district store on a real PostgreSQL: schema, union catalogue push (matching, incremental,
// idempotent), search in Chinese, the catalogue contract shared with the school's store,
// submissions, the inspection draw and bureau logins.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "school_fixture.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/district/auth.hpp"
#include "shuxiang/district/inspection.hpp"
#include "shuxiang/district/submit.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "support/pg_cluster.hpp"

using namespace shuxiang;
using namespace sxd;

namespace {

struct TwoSchools {
    std::filesystem::path dir;
    std::unique_ptr<circulation::Repository> a, b;
    explicit TwoSchools(const std::string& name) : dir(scratch(name)) {
        a = circulation::open_repository(dir / "a.db");
        b = circulation::open_repository(dir / "b.db");
        add_titles(*a, school_a_titles(), "A");
        add_titles(*b, school_b_titles(), "B");
    }
    ~TwoSchools() {
        a.reset();
        b.reset();
        std::filesystem::remove_all(dir);
    }
};

std::set<std::string> titles_of(const std::vector<catalog::SearchHit>& hits) {
    std::set<std::string> out;
    for (const auto& h : hits) out.insert(h.title);
    return out;
}

}  // namespace

TEST(DistrictStore, CreatesTheSchemaOnceAndReopens) {
    SX_PG_DATABASE(url);
    EXPECT_EQ(district::open_district(url)->schema_version(), district::kDistrictSchemaVersion);
    auto again = district::open_district(url);
    EXPECT_EQ(again->schema_version(), district::kDistrictSchemaVersion);
    auto dump = again->dump();
    ASSERT_EQ(dump["schema_version"].size(), 1u);
    for (const char* t : {"union_title", "union_key", "holding", "submission", "school", "inspection"})
        EXPECT_TRUE(dump.count(t)) << t;
}

TEST(DistrictStore, RefusesANewerSchema) {
    SX_PG_DATABASE(url);
    district::open_district(url);
    auto r = test::run_command(sx_pg_cluster_->bin() + "/psql -q '" + url + "' -c 'UPDATE schema_version SET version = 99'");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_THROW(district::open_district(url), InputError);
}

TEST(DistrictStore, UnreachableDatabaseIsAnEnvironmentErrorWithoutThePassword) {
    try {
        district::open_district("postgresql://bureau:s3cret@127.0.0.1:1/district?connect_timeout=2");
        FAIL() << "connected";
    } catch (const EnvironmentError& e) {
        EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("***"), std::string::npos) << e.what();
    }
}

TEST(DistrictStore, TitlesMatchAcrossSchoolsByIsbnOrControlNumber) {
    SX_PG_DATABASE(url);
    TwoSchools s("match");
    auto d = district::open_district(url);
    d->upsert_school({"A", "实验小学", "芙蓉区", "", ""});
    d->upsert_school({"B", "育才小学", "天心区", "", ""});
    district::push_school(*d, "A", district::snapshot_school(s.a->catalog()));
    district::push_school(*d, "B", district::snapshot_school(s.b->catalog()));
    auto hits = d->union_search("草房子", 10);
    ASSERT_EQ(hits.size(), 1u);  // one ISBN written two ways: one title
    EXPECT_EQ(hits[0].copies, 8);
    ASSERT_EQ(hits[0].holders.size(), 2u);
    EXPECT_EQ(hits[0].holders[0].code, "B");  // most copies first
    EXPECT_EQ(hits[0].holders[0].copies, 5);
    EXPECT_EQ(hits[0].holders[0].name, "育才小学");
    auto prince = d->union_search("小王子", 10);
    ASSERT_EQ(prince.size(), 1u);  // no ISBN, same control number
    EXPECT_EQ(prince[0].holders.size(), 2u);
    EXPECT_EQ(d->dump()["union_title"].size(), 5u);
}

TEST(DistrictStore, ChineseOneAndTwoCharacterQueriesAndIsbnFind) {
    SX_PG_DATABASE(url);
    TwoSchools s("search");
    auto d = district::open_district(url);
    district::push_school(*d, "A", district::snapshot_school(s.a->catalog()));
    district::push_school(*d, "B", district::snapshot_school(s.b->catalog()));
    EXPECT_EQ(titles_of(d->union_catalog().search("虫", 10)), std::set<std::string>{"昆虫记"});
    EXPECT_EQ(titles_of(d->union_catalog().search("旧事", 10)), std::set<std::string>{"城南旧事"});
    EXPECT_EQ(titles_of(d->union_catalog().search("曹文轩", 10)), std::set<std::string>{"草房子"});
    EXPECT_EQ(titles_of(d->union_catalog().search("charlotte", 10)), std::set<std::string>{"Charlotte's Web"});
    auto isbn = d->union_catalog().search("978-7-5327-7677-1", 10);
    ASSERT_FALSE(isbn.empty());
    EXPECT_EQ(isbn[0].title, "草房子");
    EXPECT_EQ(isbn[0].match, catalog::MatchKind::Isbn);
    EXPECT_TRUE(d->union_catalog().search("房草", 10).empty());  // a bigram that is not in any title
    EXPECT_TRUE(d->union_catalog().search("  ", 10).empty());
}

TEST(DistrictStore, PushIsIncrementalAndARepeatedPushChangesNothing) {
    SX_PG_DATABASE(url);
    TwoSchools s("incremental");
    auto d = district::open_district(url);
    auto first = district::push_school(*d, "A", district::snapshot_school(s.a->catalog()));
    EXPECT_EQ(first.added, 4);
    EXPECT_EQ(first.titles_created, 4);
    const auto before = d->dump();
    auto again = district::push_school(*d, "A", district::snapshot_school(s.a->catalog()));
    EXPECT_TRUE(again.unchanged);
    EXPECT_EQ(d->dump(), before);  // every row of every table as it was

    // A year's changes: a copy more of 草房子, the only copy of 昆虫记 withdrawn, a new title.
    auto& cat = s.a->catalog();
    std::vector<catalog::Item> more(1);
    more[0].barcode = "A-new-1";
    ASSERT_TRUE(cat.add_items(cat.item_by_barcode("A1")->record_id, more, "admin").ok);
    ASSERT_TRUE(cat.set_item_state(cat.item_by_barcode("A6")->id, catalog::ItemStatus::Withdrawn));
    add_titles(*s.a, {{"稻草人", "叶圣陶", "9787020090006", "A005", 2}}, "AN");
    auto next = district::push_school(*d, "A", district::snapshot_school(cat));
    EXPECT_FALSE(next.unchanged);
    EXPECT_EQ(next.added, 1);
    EXPECT_EQ(next.updated, 1);
    EXPECT_EQ(next.removed, 1);
    EXPECT_TRUE(d->union_search("昆虫记", 5).empty());  // nobody holds it any more
    EXPECT_EQ(d->union_search("草房子", 5).at(0).copies, 4);
    EXPECT_EQ(d->union_search("稻草人", 5).size(), 1u);
    const auto after = d->dump();
    EXPECT_TRUE(district::push_school(*d, "A", district::snapshot_school(cat)).unchanged);
    EXPECT_EQ(d->dump(), after);
    // Re-sending the same changes directly (a retried push) leaves the titles and holdings as they are.
    auto snap = district::snapshot_school(cat);
    d->apply_push("A", snap.titles, {}, snap.watermark);
    auto retried = d->dump();
    for (const char* t : {"union_title", "union_key", "holding", "school"}) EXPECT_EQ(retried[t], after.at(t)) << t;
}

// The catalogue contract: the school's own store and the union catalogue (after that one school's
// push) answer the same queries with the same titles, and count the same holdings.
struct CatalogBackend {
    const char* name;
};

class CatalogContract : public ::testing::TestWithParam<CatalogBackend> {};

TEST_P(CatalogContract, SameQueriesSameTitlesSameStatistics) {
    SX_PG_DATABASE(url);
    TwoSchools s(std::string("contract_") + GetParam().name);
    std::unique_ptr<district::DistrictStore> d;
    catalog::CatalogQueries* q = &s.a->catalog();
    if (std::string(GetParam().name) == "postgresql") {
        d = district::open_district(url);
        district::push_school(*d, "A", district::snapshot_school(s.a->catalog()));
        q = &d->union_catalog();
    }
    EXPECT_EQ(titles_of(q->search("草", 10)), std::set<std::string>{"草房子"});
    EXPECT_EQ(titles_of(q->search("王子", 10)), std::set<std::string>{"小王子"});
    EXPECT_EQ(titles_of(q->search("法布尔", 10)), std::set<std::string>{"昆虫记"});
    EXPECT_EQ(titles_of(q->search("web", 10)), std::set<std::string>{"Charlotte's Web"});
    EXPECT_EQ(titles_of(q->search("少年", 10)).size(), 4u);  // the publisher
    EXPECT_EQ(titles_of(q->search("9787020093755", 10)), std::set<std::string>{"昆虫记"});
    EXPECT_TRUE(q->search("城南", 10).empty());
    EXPECT_EQ(q->search("少年", 2).size(), 2u);
    auto st = q->stats();
    EXPECT_EQ(st.total_records, 4);
    EXPECT_EQ(st.total_items, 8);
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogContract, ::testing::Values(CatalogBackend{"sqlite"}, CatalogBackend{"postgresql"}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(DistrictStore, SubmissionsAreCheckedLikeReviewAndKeptPerYear) {
    SX_PG_DATABASE(url);
    auto dir = scratch("submit");
    auto d = district::open_district(url);
    standards::Rubric rubric = standards::Rubric::load_file(standards::builtin_rubric_path());
    auto write = [&](const std::string& name, const report::Proposal& p) {
        atomic_write_file(dir / name, report::proposal_to_json_text(p));
        return dir / name;
    };
    auto good = proposal_for("S1", "芙蓉区", 500, holdings(500, 20000, 2025), "2025-11-01");
    auto s25 = district::submit_file(*d, write("s1-2025.sxproposal.json", good), rubric, 2026);
    EXPECT_EQ(s25.year, 2025);
    // The same verdict as `review` gives the file.
    std::vector<report::ProposalFile> files(1);
    files[0].file = "s1-2025.sxproposal.json";
    files[0].proposal = good;
    auto expect = report::summarize_district(files, plan::FurnitureCatalog::builtin(),
                                             standards::builtin_profile_dir().string(), "", rubric, 2025);
    EXPECT_EQ(s25.meets, expect.rows[0].meets_book_standard);
    EXPECT_EQ(s25.fail, expect.rows[0].fail);
    EXPECT_DOUBLE_EQ(s25.score, expect.rows[0].score);
    auto thin = proposal_for("S1", "芙蓉区", 500, holdings(500, 3000, 2026), "2026-11-01");
    district::submit_file(*d, write("s1-2026.sxproposal.json", thin), rubric, 2026);
    district::submit_file(*d, write("s1-2026b.sxproposal.json", thin), rubric, 2026);
    auto hist = d->submissions(std::nullopt, "S1");
    ASSERT_EQ(hist.size(), 2u);
    EXPECT_EQ(hist[0].year, 2025);
    EXPECT_EQ(hist[1].year, 2026);
    EXPECT_EQ(hist[1].revision, 2);
    EXPECT_FALSE(hist[1].meets);  // 6 books per student
    EXPECT_LT(hist[1].books_per_student, hist[1].required_books_per_student);
    // The annual review re-checks and keeps the files and revisions.
    auto summary = district::review_year(*d, 2026, rubric);
    EXPECT_EQ(summary.rows.size(), 1u);
    EXPECT_EQ(d->submissions(2026, "S1").at(0).revision, 2);
    auto nocode = proposal_for("", "", 500, holdings(500, 20000, 2026), "2026-11-01");
    EXPECT_THROW(district::submit_file(*d, write("nocode.sxproposal.json", nocode), rubric, 2026), InputError);
    std::filesystem::remove_all(dir);
}

TEST(DistrictStore, TheInspectionDrawIsReproducibleFromItsSeedAndPublishedOnce) {
    SX_PG_DATABASE(url);
    auto d = district::open_district(url);
    std::vector<std::string> codes;
    for (int k = 0; k < 12; ++k) {
        codes.push_back("S" + std::to_string(100 + k));
        d->upsert_school({codes.back(), "", "", "", ""});
    }
    EXPECT_EQ(district::draw_inspection(*d, 2026, 3, 42ULL, "boss").code, "no_inspectors");
    d->upsert_operator({"insp1", "督导一", district::BureauRole::Inspector, false});
    d->upsert_operator({"insp2", "督导二", district::BureauRole::Inspector, false});
    d->upsert_operator({"rev", "审核", district::BureauRole::Reviewer, false});
    auto r = district::draw_inspection(*d, 2026, 3, 42ULL, "boss");
    ASSERT_TRUE(r.ok) << r.code;
    EXPECT_EQ(r.inspection->seed, 42ULL);
    ASSERT_EQ(r.inspection->picks.size(), 3u);
    // Anyone can redo the draw from the seed and the lists.
    auto redo = district::draw_picks(codes, {"insp2", "insp1"}, 3, 42ULL);
    for (std::size_t k = 0; k < 3; ++k) {
        EXPECT_EQ(r.inspection->picks[k].school, redo[k].school);
        EXPECT_EQ(r.inspection->picks[k].inspector, redo[k].inspector);
    }
    EXPECT_NE(district::draw_picks(codes, {"insp1", "insp2"}, 3, 43ULL)[0].school + district::draw_picks(codes, {"insp1", "insp2"}, 3, 43ULL)[1].school,
              redo[0].school + redo[1].school);
    EXPECT_EQ(district::draw_inspection(*d, 2026, 3, 7ULL, "boss").code, "year_drawn");
    const auto& pick = r.inspection->picks[0];
    EXPECT_TRUE(d->set_inspection_result(2026, pick.school, "合格", "藏书达标"));
    EXPECT_FALSE(d->set_inspection_result(2026, "S999", "合格", ""));
    EXPECT_TRUE(d->publish_inspection(2026));
    EXPECT_FALSE(d->publish_inspection(2026));
    EXPECT_FALSE(d->set_inspection_result(2026, pick.school, "不合格", ""));  // published: final
    EXPECT_EQ(d->inspection(2026)->picks[0].result, "合格");
}

TEST(DistrictStore, BureauOperatorsLogInWithArgon2idAndAreLockedOut) {
    SX_PG_DATABASE(url);
    auto d = district::open_district(url);
    EXPECT_EQ(district::set_operator(*d, {"boss", "局长", district::BureauRole::Admin, false}, "short", 1000), "password_too_short");
    ASSERT_EQ(district::set_operator(*d, {"boss", "局长", district::BureauRole::Admin, false}, "Bureau-Pass-2026", 1000), "");
    EXPECT_EQ(d->credentials().secret({identity::PrincipalKind::Operator, "boss"})->rfind("$argon2id$", 0), 0u);
    auto ok = district::login_operator(*d, "boss", "Bureau-Pass-2026", 2000);
    EXPECT_TRUE(ok.ok);
    EXPECT_EQ(ok.who.role, district::BureauRole::Admin);
    EXPECT_EQ(district::login_operator(*d, "nobody", "Bureau-Pass-2026", 2000).code, "bad_credentials");
    for (int k = 0; k < 5; ++k) EXPECT_EQ(district::login_operator(*d, "boss", "wrong", 3000 + k).code, "bad_credentials");
    EXPECT_EQ(district::login_operator(*d, "boss", "Bureau-Pass-2026", 3010).code, "locked_out");
    EXPECT_TRUE(district::login_operator(*d, "boss", "Bureau-Pass-2026", 3010 + 16 * 60).ok);
}
