// ISO 2709 parse throughput next to `yaz-marcdump -n` on the same generated file, in one run.
// The file (~100k synthetic CNMARC records in UTF-8) is written once to the temp folder.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include <sys/resource.h>
#include <time.h>

#include "shuxiang/catalog/iso2709.hpp"
#include "shuxiang/catalog/mapping.hpp"

using namespace shuxiang::catalog;

namespace {

constexpr int kRecords = 100000;

double process_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double children_cpu_seconds() {
    rusage ru{};
    getrusage(RUSAGE_CHILDREN, &ru);
    auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
    return secs(ru.ru_utime) + secs(ru.ru_stime);
}

const std::filesystem::path& bench_file() {
    static const std::filesystem::path path = [] {
        auto p = std::filesystem::temp_directory_path() / "shuxiang_bench_100k.mrc";
        std::mt19937 rng(42);
        const char* words[] = {"岳阳", "洞庭", "湖湘", "少年", "科学", "故事", "中国", "历史", "自然", "数学",
                               "语文", "英语", "地理", "文学", "诗词", "儿童", "动物", "植物", "宇宙", "童话"};
        const char* classes[] = {"I247.8", "K295.64", "G624.2", "Q95-49", "O1-49", "I287.7", "TP3-49", "H319.4"};
        const char* pubs[] = {"湖南少年儿童出版社", "人民文学出版社", "中华书局", "科学出版社", "湖南教育出版社"};
        std::string all;
        all.reserve(static_cast<std::size_t>(kRecords) * 700);
        for (int i = 0; i < kRecords; ++i) {
            BibRecord b;
            b.control_number = "SYN" + std::to_string(i);
            b.title = std::string(words[rng() % 20]) + words[rng() % 20] + words[rng() % 20];
            b.other_title = std::string(words[rng() % 20]) + "读本";
            b.responsibility = std::string(words[rng() % 20]) + "编著";
            b.publisher = pubs[rng() % 5];
            b.place = "长沙";
            b.year = std::to_string(1990 + static_cast<int>(rng() % 35));
            b.isbns = {"97875" + std::to_string(10000000 + rng() % 89999999)};
            b.price = static_cast<double>(10 + rng() % 90);
            b.pages = static_cast<int>(50 + rng() % 500);
            b.language = "chi";
            b.subjects = {std::string(words[rng() % 20]) + "--" + words[rng() % 20]};
            b.series = std::string(words[rng() % 20]) + "丛书";
            b.clc_class = classes[rng() % 8];
            b.call_number = b.clc_class + "/" + std::to_string(rng() % 300);
            b.audience = Audience::Primary;
            b.summary = std::string("本书介绍") + words[rng() % 20] + words[rng() % 20] + "的基础知识。";
            all += write_iso2709(to_marc(b, MarcFlavor::Cnmarc), MarcFlavor::Cnmarc);
        }
        std::ofstream(p, std::ios::binary) << all;
        return p;
    }();
    return path;
}

void BM_ShuxiangIso2709(benchmark::State& state) {
    const auto& path = bench_file();
    std::size_t records = 0;
    const double cpu0 = process_cpu_seconds();
    for (auto _ : state) {
        auto reader = Iso2709Reader::open(path);
        ReadRecord rec;
        std::size_t n = 0;
        while (reader.next(rec)) ++n;
        if (n != kRecords || !reader.diagnostics().empty()) state.SkipWithError("unexpected record count or diagnostics");
        records += n;
        benchmark::DoNotOptimize(rec);
    }
    // The machine may be shared: CPU seconds are the fairer comparison, wall-clock is shown too.
    state.counters["cpu_records_per_s"] = static_cast<double>(records) / (process_cpu_seconds() - cpu0);
    state.counters["records_per_s"] = benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsRate);
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                            static_cast<int64_t>(std::filesystem::file_size(path)));
}
BENCHMARK(BM_ShuxiangIso2709)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

// yaz-marcdump -n parses every record and prints nothing; timed as a whole process.
void BM_YazMarcdump(benchmark::State& state) {
    const auto& path = bench_file();
    if (std::system("command -v yaz-marcdump >/dev/null 2>&1") != 0) {
        state.SkipWithError("yaz-marcdump not installed");
        return;
    }
    const std::string cmd = "yaz-marcdump -n " + path.string() + " >/dev/null 2>&1";
    std::size_t records = 0;
    const double cpu0 = children_cpu_seconds();
    for (auto _ : state) {
        auto t0 = std::chrono::steady_clock::now();
        int rc = std::system(cmd.c_str());
        auto t1 = std::chrono::steady_clock::now();
        if (rc != 0) state.SkipWithError("yaz-marcdump failed");
        state.SetIterationTime(std::chrono::duration<double>(t1 - t0).count());
        records += kRecords;
    }
    state.counters["cpu_records_per_s"] = static_cast<double>(records) / (children_cpu_seconds() - cpu0);
    state.counters["records_per_s"] = benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_YazMarcdump)->Unit(benchmark::kMillisecond)->UseManualTime()->MinTime(2.0);

// Both readers alternately in each iteration, so that load changes on a shared machine hit both.
void BM_SideBySide(benchmark::State& state) {
    const auto& path = bench_file();
    if (std::system("command -v yaz-marcdump >/dev/null 2>&1") != 0) {
        state.SkipWithError("yaz-marcdump not installed");
        return;
    }
    const std::string cmd = "yaz-marcdump -n " + path.string() + " >/dev/null 2>&1";
    double ours_wall = 0, ours_cpu = 0, yaz_wall = 0, yaz_cpu = 0;
    for (auto _ : state) {
        auto t0 = std::chrono::steady_clock::now();
        const double c0 = process_cpu_seconds();
        auto reader = Iso2709Reader::open(path);
        ReadRecord rec;
        std::size_t n = 0;
        while (reader.next(rec)) ++n;
        ours_cpu += process_cpu_seconds() - c0;
        auto t1 = std::chrono::steady_clock::now();
        const double y0 = children_cpu_seconds();
        if (std::system(cmd.c_str()) != 0) state.SkipWithError("yaz-marcdump failed");
        yaz_cpu += children_cpu_seconds() - y0;
        auto t2 = std::chrono::steady_clock::now();
        ours_wall += std::chrono::duration<double>(t1 - t0).count();
        yaz_wall += std::chrono::duration<double>(t2 - t1).count();
        if (n != kRecords) state.SkipWithError("unexpected record count");
    }
    const double recs = static_cast<double>(state.iterations()) * kRecords;
    state.counters["shuxiang_rps"] = recs / ours_wall;
    state.counters["yaz_rps"] = recs / yaz_wall;
    state.counters["ratio_wall"] = yaz_wall / ours_wall;
    state.counters["shuxiang_cpu_rps"] = recs / ours_cpu;
    state.counters["yaz_cpu_rps"] = recs / yaz_cpu;
    state.counters["ratio_cpu"] = yaz_cpu / ours_cpu;
}
BENCHMARK(BM_SideBySide)->Unit(benchmark::kMillisecond)->Iterations(12);

}  // namespace

BENCHMARK_MAIN();
