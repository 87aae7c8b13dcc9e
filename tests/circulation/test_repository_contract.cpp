// The repository contract: every storage backend of the circulation services must pass this suite
// (SQLite now; the district's PostgreSQL backend joins with its own factory).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <functional>

#include "shuxiang/catalog/csv.hpp"
#include "shuxiang/circulation/repository.hpp"

namespace {

using namespace shuxiang::circulation;
namespace cat = shuxiang::catalog;

struct Backend {
    const char* name;
    // A fresh, empty library in `dir`; called again on the same dir, it reopens it.
    std::function<std::unique_ptr<Repository>(const std::filesystem::path& dir)> open;
};

// 张三, S1, class 3-2.
Patron student_s1() {
    Patron p;
    p.id = "S1";
    p.name = "张三";
    p.grade = 3;
    p.class_no = "2";
    return p;
}

const Backend kSqlite{"sqlite", [](const std::filesystem::path& dir) { return open_repository(dir / "library.db"); }};

class RepositoryContract : public ::testing::TestWithParam<Backend> {
protected:
    std::filesystem::path dir;
    std::unique_ptr<Repository> repo;
    void SetUp() override {
        dir = std::filesystem::temp_directory_path() /
              ("sx_contract_" + std::to_string(::getpid()) + "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        repo = GetParam().open(dir);
    }
    void TearDown() override {
        repo.reset();
        std::filesystem::remove_all(dir);
    }
    // A record with copies A1..An, through the catalog of a unit.
    long long add_record(UnitOfWork& u, int copies) {
        std::vector<cat::ImportEntry> batch(1);
        batch[0].record.title = "草房子";
        batch[0].record.control_number = "C1";
        batch[0].record.marc = cat::synthesize_cnmarc(batch[0].record);
        for (int i = 1; i <= copies; ++i) {
            cat::Item it;
            it.barcode = "A" + std::to_string(i);
            it.location = "S1";
            batch[0].items.push_back(it);
        }
        u.catalog().import_batch(batch);
        return batch[0].record.id;
    }
};

TEST_P(RepositoryContract, NewLibraryHasDefaultsAndSchema) {
    EXPECT_GE(repo->schema_version(), 2);
    auto u = repo->read();
    EXPECT_EQ(u->policies().size(), 6u);
    auto p = u->policy(PatronKind::Student, Stage::Primary);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->max_items, 2);
    EXPECT_EQ(p->loan_days, 14);
    EXPECT_FALSE(u->policy(PatronKind::Student, Stage::None));
    EXPECT_FALSE(u->setting("nothing.here"));
}

TEST_P(RepositoryContract, UncommittedUnitLeavesNothingCommittedUnitStays) {
    {
        auto u = repo->write();
        u->insert_operator({"v1", Role::Volunteer, "志愿者", "", false});
        u->put_setting("k", "1");
    }
    EXPECT_FALSE(repo->read()->find_operator("v1"));
    EXPECT_FALSE(repo->read()->setting("k"));
    {
        auto u = repo->write();
        u->insert_operator({"v1", Role::Volunteer, "志愿者", "", false});
        u->put_setting("k", "1");
        u->commit();
    }
    // Another repository on the same data sees it.
    auto other = GetParam().open(dir);
    auto o = other->read()->find_operator("v1");
    ASSERT_TRUE(o);
    EXPECT_EQ(o->name, "志愿者");
    EXPECT_EQ(other->read()->setting("k").value_or(""), "1");
}

TEST_P(RepositoryContract, OperatorsRoundTrip) {
    auto u = repo->write();
    u->insert_operator({"r1", Role::Reviewer, "审", "T9", false});
    auto o = u->find_operator("r1");
    ASSERT_TRUE(o);
    EXPECT_EQ(o->role, Role::Reviewer);
    EXPECT_EQ(o->patron_id, "T9");
    o->disabled = true;
    o->role = Role::Inspector;
    u->update_operator(*o);
    EXPECT_TRUE(u->find_operator("r1")->disabled);
    EXPECT_EQ(u->find_operator("r1")->role, Role::Inspector);
    EXPECT_EQ(u->operators().size(), 2u);  // and admin
    u->delete_operator("r1");
    EXPECT_FALSE(u->find_operator("r1"));
}

TEST_P(RepositoryContract, PatronsUpsert) {
    auto u = repo->write();
    Patron p = student_s1();
    u->upsert_patron(p);
    p.grade = 4;
    p.status = PatronStatus::Leaving;
    u->upsert_patron(p);
    auto got = u->find_patron("S1");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->grade, 4);
    EXPECT_EQ(got->status, PatronStatus::Leaving);
    EXPECT_EQ(u->patrons().size(), 1u);
}

TEST_P(RepositoryContract, LoansOpenCloseExtendAndOverdue) {
    auto u = repo->write();
    long long rec = add_record(*u, 2);
    Patron p = student_s1();
    u->upsert_patron(p);
    auto item = u->catalog().item_by_barcode("A1");
    ASSERT_TRUE(item);
    long long loan = u->insert_loan({item->id, "A1", rec, "S1", "", "S1", "2026-09-01", "2026-09-15"});
    EXPECT_GT(loan, 0);
    EXPECT_EQ(u->open_loans("S1").size(), 1u);
    auto open = u->open_loan_of_item(item->id);
    ASSERT_TRUE(open);
    EXPECT_EQ(open->loan.due_date, "2026-09-15");
    EXPECT_EQ(open->prev_location, "S1");
    u->extend_loan(loan, "2026-09-30");
    EXPECT_EQ(u->open_loans("S1").at(0).renewals, 1);
    auto od = u->overdue_before("2026-10-01");
    ASSERT_EQ(od.size(), 1u);
    EXPECT_EQ(od[0].class_key, "3-2");
    EXPECT_EQ(od[0].title, "草房子");
    EXPECT_TRUE(u->overdue_before("2026-09-30").empty());
    EXPECT_EQ(u->loans_of_item_since(item->id, "2026-01-01"), 1);
    u->close_loan(loan, "2026-09-20", "returned");
    EXPECT_FALSE(u->open_loan_of_item(item->id));
    EXPECT_TRUE(u->open_loans("S1").empty());
    // The catalog writes copies in the same unit.
    u->catalog().set_item_state(item->id, cat::ItemStatus::OnLoan, std::string("corner-1"));
    EXPECT_EQ(u->catalog().item_by_barcode("A1")->location, "corner-1");
    EXPECT_EQ(u->catalog().item_by_barcode("A1")->status, cat::ItemStatus::OnLoan);
}

TEST_P(RepositoryContract, HoldsQueue) {
    auto u = repo->write();
    long long rec = add_record(*u, 1);
    long long h1 = u->insert_hold(rec, "S1", "2026-09-01");
    long long h2 = u->insert_hold(rec, "S2", "2026-09-02");
    EXPECT_EQ(u->count_waiting_holds(rec), 2);
    EXPECT_EQ(u->waiting_position(rec, h2), 2);
    auto first = u->first_waiting_hold(rec);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->id, h1);
    first->status = "ready";
    first->barcode = "A1";
    first->ready_date = "2026-09-05";
    u->update_hold(*first);
    EXPECT_EQ(u->ready_hold_for_copy("A1")->patron_id, "S1");
    EXPECT_EQ(u->holds_with_status("ready").size(), 1u);
    EXPECT_EQ(u->count_active_holds("S1"), 1);
    EXPECT_EQ(u->waiting_hold_of(rec, "S2")->id, h2);
    EXPECT_FALSE(u->waiting_hold_of(rec, "S1"));
    u->release_ready_holds_on("A1");
    auto back = u->find_hold(h1);
    EXPECT_EQ(back->status, "waiting");
    EXPECT_EQ(back->barcode, "");
    EXPECT_EQ(u->holds_of_record(rec).size(), 2u);
    EXPECT_EQ(u->holds_of_patron("S2").size(), 1u);
}

TEST_P(RepositoryContract, AuditNewestFirst) {
    auto u = repo->write();
    u->append_audit({"2026-09-01", "2026-09-01T08:00:00Z", "admin", "a.one", "x", "ok", "first"});
    u->append_audit({"2026-09-01", "2026-09-01T08:00:01Z", "admin", "a.two", "y", "refused", "second"});
    auto a = u->audit(10);
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[0].action, "a.two");
    EXPECT_EQ(a[0].outcome, "refused");
    EXPECT_EQ(u->audit(1).size(), 1u);
}

TEST_P(RepositoryContract, AcquisitionsRoundTrip) {
    auto u = repo->write();
    Suggestion s;
    s.by = "T1";
    s.entered_by = "admin";
    s.isbn = "9787020123452";
    s.title = "红楼梦";
    s.price = 30;
    s.list_price = 28.0;
    s.copies = 2;
    s.date = "2026-09-01";
    s.flags = {"price_list", "copies"};
    s.author = "曹雪芹";
    s.year = "2020";
    s.clc_class = "I242.4";
    long long id = u->insert_suggestion(s);
    auto got = u->find_suggestion(id);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->flags, s.flags);
    EXPECT_EQ(got->author, "曹雪芹");
    EXPECT_EQ(got->year, "2020");
    EXPECT_EQ(got->clc_class, "I242.4");
    EXPECT_EQ(*got->list_price, 28.0);
    EXPECT_FALSE(got->pages);
    got->status = "approved";
    got->reviewer = "r1";
    u->update_suggestion(*got);
    EXPECT_EQ(u->suggestions("approved").size(), 1u);
    EXPECT_TRUE(u->suggestions("pending").empty());
    EXPECT_FALSE(u->budget(2026));
    u->put_budget(2026, 100);
    Order o;
    o.suggestion_id = id;
    o.purchaser = "admin";
    o.date = "2026-09-02";
    o.copies = 2;
    o.cost = 60;
    long long oid = u->insert_order(o, 2026);
    EXPECT_DOUBLE_EQ(u->ordered_cost(2026), 60);
    EXPECT_DOUBLE_EQ(*u->budget(2026), 100);
    auto ord = u->find_order(oid);
    ASSERT_TRUE(ord);
    EXPECT_EQ(ord->status, "open");
    EXPECT_EQ(ord->received, 0);
    EXPECT_EQ(ord->record_id, 0);
    ord->status = "partially_received";
    ord->received = 1;
    ord->record_id = 42;
    ord->received_date = "2026-09-20";
    u->update_order(*ord);
    auto part = u->find_order(oid);
    EXPECT_EQ(part->received_date, "2026-09-20");
    EXPECT_EQ(part->received, 1);
    EXPECT_EQ(part->record_id, 42);
    o.copies = 1;
    long long other = u->insert_order(o, 2026);
    ASSERT_EQ(u->orders("").size(), 2u);
    EXPECT_EQ(u->orders("")[1].id, other);
    ASSERT_EQ(u->orders("partially_received").size(), 1u);
    EXPECT_EQ(u->orders("partially_received")[0].id, oid);
    EXPECT_EQ(u->orders("open")[0].id, other);
    EXPECT_FALSE(u->blocked({"X"}));
    u->add_block("X");
    EXPECT_TRUE(u->blocked({"Y", "X"}));
    EXPECT_FALSE(u->publisher_prefixes("人民文学出版社").empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, RepositoryContract, ::testing::Values(kSqlite),
                         [](const ::testing::TestParamInfo<Backend>& i) { return std::string(i.param.name); });

}  // namespace
