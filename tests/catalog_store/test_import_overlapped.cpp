// import_overlapped: the producer thread's batches reach the store in order, whole, and both
// kinds of failure stop the import without hanging or losing committed batches.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>

#include "shuxiang/catalog/demo.hpp"
#include "shuxiang/catalog/import.hpp"
#include "shuxiang/catalog/sqlite/store_sqlite.hpp"

namespace fs = std::filesystem;
using namespace shuxiang::catalog;

namespace {

struct Scratch {
    fs::path dir;
    fs::path db;
    Scratch() {
        static int n = 0;
        dir = fs::temp_directory_path() / ("sx_overlap_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
        fs::remove_all(dir);
        fs::create_directories(dir);
        db = dir / "library.db";
    }
    ~Scratch() { fs::remove_all(dir); }
};

// Demo entries, generated up front so the producer only hands them over.
std::vector<ImportEntry> demo_entries(long long n) {
    std::vector<ImportEntry> all;
    DemoOptions o;
    o.records = n;
    o.seed = 3;
    generate_demo(o, 1000, [&](std::vector<ImportEntry>& b) {
        for (auto& e : b) all.push_back(std::move(e));
    });
    return all;
}

std::size_t items_in(const std::vector<ImportEntry>& v) {
    std::size_t n = 0;
    for (const auto& e : v) n += e.items.size();
    return n;
}

}  // namespace

TEST(ImportOverlapped, WritesEveryBatchInOrder) {
    Scratch s;
    auto entries = demo_entries(5000);
    const std::size_t items = items_in(entries);
    auto st = open_sqlite_store(s.db);
    std::vector<long long> counts;
    std::vector<double> progress;
    std::vector<std::size_t> sizes;
    BatchResult r = import_overlapped(
        *st, 700,
        [&](const AddEntry& add) {
            for (std::size_t k = 0; k < entries.size(); ++k)
                add(std::move(entries[k]), static_cast<double>(k + 1) / static_cast<double>(entries.size()));
        },
        [&](double p, long long n, const BatchResult& b) {
            counts.push_back(n);
            progress.push_back(p);
            sizes.push_back(b.records_added);
        });
    EXPECT_EQ(r.records_added, 5000u);
    EXPECT_EQ(r.items_added, items);
    EXPECT_EQ(st->record_count(), 5000);
    EXPECT_EQ(st->item_count(), static_cast<long long>(items));
    // 87, 174, 348, 696, then 700 each (1,305 + 5 * 700 = 4,805) and the 195 left.
    EXPECT_EQ(first_batch_size(700), 87u);
    const std::vector<std::size_t> want = {87, 174, 348, 696, 700, 700, 700, 700, 700, 195};
    EXPECT_EQ(sizes, want);
    long long sum = 0;
    for (std::size_t k = 0; k < counts.size(); ++k) {
        sum += static_cast<long long>(want[k]);
        EXPECT_EQ(counts[k], sum);
        EXPECT_DOUBLE_EQ(progress[k], static_cast<double>(sum) / 5000.0);
    }
    // The records' ids follow the producer's order: the first entry has the lowest id.
    auto again = demo_entries(5000);
    EXPECT_EQ(st->records_by_isbn(again.front().record.isbns.front()).front(), 1);
}

// The producer fails part way: the batches it completed are committed, the partial one is not,
// and its exception comes out.
TEST(ImportOverlapped, ProducerFailureKeepsCompletedBatches) {
    Scratch s;
    auto entries = demo_entries(2000);
    auto st = open_sqlite_store(s.db);
    try {
        import_overlapped(*st, 500, [&](const AddEntry& add) {
            for (std::size_t k = 0; k < entries.size(); ++k) {
                if (k == 1700) throw std::runtime_error("bad record 1701");
                add(std::move(entries[k]), 0);
            }
        });
        FAIL() << "expected the producer's exception";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "bad record 1701");
    }
    EXPECT_EQ(st->record_count(), 62 + 124 + 248 + 496 + 500);  // the batches completed before entry 1701
}

// A write fails (a trigger refuses one record): the exception comes out, the batch is rolled
// back, and the producer stops instead of reading on or waiting for ever.
TEST(ImportOverlapped, WriteFailureStopsTheProducer) {
    Scratch s;
    auto entries = demo_entries(3000);
    entries[1200].record.title = "boom";
    {
        auto st = open_sqlite_store(s.db);
    }
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(s.db.string().c_str(), &h), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(h,
                           "CREATE TRIGGER boom AFTER INSERT ON records WHEN NEW.title = 'boom' "
                           "BEGIN SELECT RAISE(ABORT, 'injected'); END",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(h);
    auto st = open_sqlite_store(s.db);
    std::atomic<long long> produced{0};
    const long long offered = 1000000;  // far more than could be produced before the failure is seen
    EXPECT_THROW(import_overlapped(*st, 500,
                                   [&](const AddEntry& add) {
                                       for (long long k = 0; k < offered; ++k) {
                                           add(ImportEntry(entries[static_cast<std::size_t>(k % 3000)]), 0);
                                           ++produced;
                                       }
                                   }),
                 std::exception);
    // Batches of 62, 124, 248, 496 and 500: the fifth (entries 930..1429) held "boom".
    EXPECT_EQ(st->record_count(), 930);
    EXPECT_LE(produced.load(), 1430 + 2 * 500);  // stopped within two batches of the failure
}
