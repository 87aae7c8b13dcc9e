// A plain import loop for profilers: generates N demo records (seed 11, in batches of 10,000 as
// `catalog import` writes them), then times only Store::import_batch, printing wall and process
// CPU time.
//
//   catalog_import_loop [RECORDS [SCHEMA_VERSION [DB [BATCH]]]]   (BATCH: records per transaction, 10,000 as `catalog import`)
//   valgrind --tool=callgrind --toggle-collect='*run_import*' ./build/bin/catalog_import_loop 20000
#include <ctime>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "shuxiang/catalog/demo.hpp"
#include "shuxiang/catalog/sqlite/store_sqlite.hpp"

using namespace shuxiang::catalog;

namespace {

double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Not inlined, so that a profiler can collect exactly this.
[[gnu::noinline]] void run_import(Store& st, std::vector<std::vector<ImportEntry>>& batches) {
    for (auto& b : batches) st.import_batch(b);
}

}  // namespace

int main(int argc, char** argv) {
    const long long n = argc > 1 ? std::atoll(argv[1]) : 100000;
    const int version = argc > 2 ? std::atoi(argv[2]) : kStoreSchemaVersion;
    const std::string db = argc > 3 ? argv[3] : (std::filesystem::temp_directory_path() / "sx_import_loop.db").string();
    const auto batch = static_cast<std::size_t>(argc > 4 ? std::atoll(argv[4]) : 10000);
    std::vector<std::vector<ImportEntry>> batches;
    DemoOptions o;
    o.records = n;
    o.seed = 11;
    generate_demo(o, batch, [&](std::vector<ImportEntry>& b) { batches.push_back(b); });
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
    auto st = open_sqlite_store(db, version);
    const double c0 = cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    run_import(*st, batches);
    st.reset();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = cpu_seconds() - c0;
    std::printf("%lld records, schema %d: wall %.2f s (%.0f records/s), CPU %.2f s (%.0f records/s)\n", n, version, wall,
                static_cast<double>(n) / wall, cpu, static_cast<double>(n) / cpu);
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
    return 0;
}
