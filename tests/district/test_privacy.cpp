// No patron data reaches the district: names and reader numbers planted in a school's database
// (readers, loans, holds) are searched for in every row of every district table and in every
// export after the school pushed and submitted.
#include <gtest/gtest.h>

#include "school_fixture.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/district/push.hpp"
#include "shuxiang/district/submit.hpp"
#include "shuxiang/util/fs.hpp"
#include "support/pg_cluster.hpp"
#include "support/process.hpp"

using namespace shuxiang;
using namespace sxd;

namespace {

const std::vector<std::string> kPlanted = {"欧阳植入", "RDR-PLANT-77881", "T-PLANT-55120", "司马测试"};

// Readers with planted names and numbers, one with a loan and one with a hold.
void plant_readers(circulation::Repository& repo) {
    auto u = repo.write();
    circulation::Patron s;
    s.id = kPlanted[1];
    s.name = kPlanted[0];
    s.grade = 4;
    s.class_no = "2";
    u->upsert_patron(s);
    circulation::Patron t;
    t.id = kPlanted[2];
    t.kind = circulation::PatronKind::Teacher;
    t.name = kPlanted[3];
    u->upsert_patron(t);
    auto item = u->catalog().item_by_barcode("A1");
    circulation::NewLoan l;
    l.item_id = item->id;
    l.barcode = "A1";
    l.record_id = item->record_id;
    l.patron_id = kPlanted[1];
    l.out_date = "2026-09-01";
    l.due_date = "2026-09-15";
    u->insert_loan(l);
    u->catalog().set_item_state(item->id, catalog::ItemStatus::OnLoan);
    u->insert_hold(item->record_id, kPlanted[2], "2026-09-02");
    u->commit();
}

std::vector<std::string> findings(const std::string& where, const std::string& text) {
    std::vector<std::string> out;
    for (const auto& p : kPlanted)
        if (text.find(p) != std::string::npos) out.push_back(where + ": " + p);
    return out;
}

}  // namespace

TEST(DistrictPrivacy, NoNameOrReaderNumberReachesAnyTableOrExport) {
    SX_PG_DATABASE(url);
    auto dir = scratch("privacy");
    {
        auto repo = circulation::open_repository(dir / "school.db");
        add_titles(*repo, school_a_titles(), "A");
        plant_readers(*repo);
    }
    // The school really holds them (so that a leak could happen).
    ASSERT_EQ(circulation::LibraryServices::open(dir / "school.db")->repository().read()->find_patron(kPlanted[1])->name,
              kPlanted[0]);
    const std::string db = (dir / "school.db").string();
    auto r = test::run_shuxiang("district push --pg '" + url + "' --db " + db + " --school P1 --json");
    ASSERT_EQ(r.code, 0) << r.out;
    std::vector<std::string> leaks = findings("push output", r.out);
    // The proposal carries the school's holdings summary, computed from the same database.
    auto lib = circulation::LibraryServices::open(dir / "school.db");
    auto p = proposal_for("P1", "芙蓉区", 300, lib->stats().holdings_summary(2026), "2026-11-01");
    atomic_write_file(dir / "p1.sxproposal.json", report::proposal_to_json_text(p));
    r = test::run_shuxiang("district submit --pg '" + url + "' " + (dir / "p1.sxproposal.json").string());
    ASSERT_EQ(r.code, 0) << r.out;
    for (const auto& q : {"草房子", "小王子", "曹文轩"}) {
        r = test::run_shuxiang("district search --pg '" + url + "' " + q + " --json");
        ASSERT_EQ(r.code, 0) << r.out;
        EXPECT_NE(r.out.find("P1"), std::string::npos) << r.out;
        for (auto& f : findings(std::string("search ") + q, r.out)) leaks.push_back(f);
    }
    auto d = district::open_district(url);
    std::size_t rows = 0;
    for (const auto& [table, lines] : d->dump())
        for (const auto& line : lines) {
            ++rows;
            for (auto& f : findings("table " + table, line)) leaks.push_back(f);
        }
    EXPECT_GT(rows, 10u);
    // pg_dump: the whole database as the bureau would back it up or hand it on.
    auto dump = test::run_command(sx_pg_cluster_->bin() + "/pg_dump '" + url + "'");
    ASSERT_EQ(dump.code, 0) << dump.out;
    EXPECT_NE(dump.out.find("草房子"), std::string::npos);
    for (auto& f : findings("pg_dump", dump.out)) leaks.push_back(f);
    for (const auto& l : leaks) ADD_FAILURE() << "patron data in the district: " << l;
    std::filesystem::remove_all(dir);
}
