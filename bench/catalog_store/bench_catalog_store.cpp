// Catalog store benchmarks: import throughput into SQLite (target >= 50,000 records/s) and search
// latency on a 1,000,000-record database made by the demo generator (target: median < 20 ms).
//
//   bench_catalog_store [--benchmark_filter=...]
//   SX_BENCH_DIR     folder for the databases (default: the system temp folder)
//   SX_BENCH_RECORDS records in the search database (default 1000000)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "shuxiang/catalog/demo.hpp"
#include "shuxiang/catalog/sqlite/store_sqlite.hpp"

namespace fs = std::filesystem;
using namespace shuxiang::catalog;

namespace {

fs::path bench_dir() {
    const char* d = std::getenv("SX_BENCH_DIR");
    fs::path p = d && *d ? fs::path(d) : fs::temp_directory_path();
    fs::create_directories(p);
    return p;
}

long long search_records() {
    const char* n = std::getenv("SX_BENCH_RECORDS");
    return n && *n ? std::atoll(n) : 1000000;
}

void remove_db(const fs::path& p) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
}

// Records per second through Store::import_batch (records generated beforehand, not timed).
void BM_Import(benchmark::State& state) {
    const auto n = static_cast<long long>(state.range(0));
    const auto batch_size = static_cast<std::size_t>(state.range(1));
    // Schema version 1 has no full-text index (and the old items table, whose status check cost a
    // temporary B-tree per item): compare with care.
    const auto version = static_cast<int>(state.range(2));
    std::vector<std::vector<ImportEntry>> batches;
    DemoOptions o;
    o.records = n;
    o.seed = 11;
    generate_demo(o, batch_size, [&](std::vector<ImportEntry>& b) { batches.push_back(b); });
    const fs::path db = bench_dir() / "sx_bench_import.db";
    long long items = 0;
    for (const auto& b : batches)
        for (const auto& e : b) items += static_cast<long long>(e.items.size());
    for (auto _ : state) {
        state.PauseTiming();
        remove_db(db);
        auto copy = batches;
        auto st = open_sqlite_store(db, version);
        state.ResumeTiming();
        for (auto& b : copy) st->import_batch(b);
        state.PauseTiming();
        st.reset();
        state.ResumeTiming();
    }
    state.counters["records_per_s"] =
        benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
    state.counters["items_per_s"] =
        benchmark::Counter(static_cast<double>(items), benchmark::Counter::kIsIterationInvariantRate);
    remove_db(db);
}
BENCHMARK(BM_Import)->Args({100000, 10000, kStoreSchemaVersion})->Args({100000, 500, kStoreSchemaVersion})->Args({100000, 10000, 1})->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

// The search database is made once by the demo generator and kept for later runs.
Store& search_store() {
    static std::unique_ptr<Store> st = [] {
        const long long n = search_records();
        const fs::path db = bench_dir() / ("sx_bench_search_" + std::to_string(n) + ".db");
        auto s = open_sqlite_store(db);
        if (s->record_count() != n) {
            s.reset();
            remove_db(db);
            s = open_sqlite_store(db);
            DemoOptions o;
            o.records = n;
            o.seed = 2026;
            auto t0 = std::chrono::steady_clock::now();
            generate_demo(o, 10000, [&](std::vector<ImportEntry>& b) { s->import_batch(b); });
            // As `shuxiang catalog demo` and bulk imports do; SX_BENCH_NO_OPTIMIZE=1 keeps the segments
            // that FTS5's incremental merging left, to measure what the final merge buys.
            if (!std::getenv("SX_BENCH_NO_OPTIMIZE")) s->optimize();
            double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::fprintf(stderr, "built %lld-record search database in %.1f s (%.0f records/s incl. generation)\n", n, secs,
                         static_cast<double>(n) / secs);
        }
        return s;
    }();
    return *st;
}

// Queries a librarian or a pupil types: one and two characters, longer titles, an author name,
// Latin text, a call-number prefix, an ISBN and a barcode.
const std::vector<std::string> kQueries = {
    "湘",     "熊",       "星",         "月亮",     "小熊",    "数学",     "恐龙",     "十万个为什么", "草房子",
    "编程",   "湖湘名人", "洞庭湖",     "王",       "刘涛",    "人民文学", "少年儿童", "注音版",       "百科",
    "I287.5", "TP3",      "K296.4/1",   "S00000123", "宇宙 探索", "上下五千年", "心理学",  "神奇的昆虫",   "阅读"};

void BM_Search(benchmark::State& state) {
    Store& st = search_store();
    const auto limit = static_cast<std::size_t>(state.range(0));
    std::vector<double> ms;
    std::size_t q = 0, hits = 0;
    for (auto _ : state) {
        const auto& query = kQueries[q++ % kQueries.size()];
        auto t0 = std::chrono::steady_clock::now();
        auto h = st.search(query, limit);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        hits += h.size();
        benchmark::DoNotOptimize(h);
    }
    std::sort(ms.begin(), ms.end());
    auto pct = [&](double p) { return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * static_cast<double>(ms.size())))]; };
    state.counters["median_ms"] = pct(0.5);
    state.counters["p90_ms"] = pct(0.9);
    state.counters["max_ms"] = ms.empty() ? 0.0 : ms.back();
    state.counters["hits_per_query"] = ms.empty() ? 0.0 : static_cast<double>(hits) / static_cast<double>(ms.size());
    state.counters["records"] = static_cast<double>(st.record_count());
}
BENCHMARK(BM_Search)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(27 * 8);

// Per-query latency, so that a slow query shows by name.
void BM_SearchEach(benchmark::State& state) {
    Store& st = search_store();
    const auto& query = kQueries[static_cast<std::size_t>(state.range(0))];
    state.SetLabel(query);
    for (auto _ : state) benchmark::DoNotOptimize(st.search(query, 20));
}
BENCHMARK(BM_SearchEach)->DenseRange(0, 26)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

}  // namespace

BENCHMARK_MAIN();
