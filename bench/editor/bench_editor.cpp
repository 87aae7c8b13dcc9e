// CPU costs behind an editor frame for a large library: building the drawable scene of a level
// (instances of furniture parts and book spines) and ray picking among its furniture.
#include <benchmark/benchmark.h>

#include "pick/picker.hpp"
#include "render/scene.hpp"
#include "shuxiang/plan/furniture.hpp"

namespace {

using namespace shuxiang;

// `ranges` double-faced 4-section ranges (shelf_double_steel_1800) in rows 1.5 m apart.
plan::Level library(int ranges) {
    plan::Level l;
    l.id = "L1";
    const int per_row = 25;
    const int rows = (ranges + per_row - 1) / per_row;
    l.rooms.push_back({"stacks", "stacks", plan::RoomKind::Stacks,
                       {{0, 0}, {per_row * 4.0 + 2, 0}, {per_row * 4.0 + 2, rows * 1.5 + 2}, {0, rows * 1.5 + 2}}, 3.0, false});
    for (int i = 0; i < ranges; ++i) {
        plan::Furniture f;
        f.id = "r" + std::to_string(i);
        f.type = "shelf_double_steel_1800";
        f.position = {2 + (i % per_row) * 4.0, 1.5 + (i / per_row) * 1.5};
        l.furniture.push_back(f);
    }
    return l;
}

void BM_BuildScene(benchmark::State& st) {
    const auto& cat = plan::FurnitureCatalog::builtin();
    const plan::Level l = library(static_cast<int>(st.range(0)));
    std::size_t books = 0;
    for (auto _ : st) {
        auto s = editor::build_scene(l, cat);
        books = s.books.size();
        benchmark::DoNotOptimize(s);
    }
    st.counters["sections"] = static_cast<double>(st.range(0) * 4);
    st.counters["spines"] = static_cast<double>(books);
}
BENCHMARK(BM_BuildScene)->Arg(25)->Arg(500)->Unit(benchmark::kMillisecond);

void BM_Pick(benchmark::State& st) {
    const auto& cat = plan::FurnitureCatalog::builtin();
    const auto s = editor::build_scene(library(static_cast<int>(st.range(0))), cat);
    editor::Picker picker;
    picker.rebuild(s.furniture);
    editor::Camera cam;
    cam.mode = editor::ViewMode::Top;
    cam.target = {50, 19.5f, 0};  // along a row of ranges
    cam.top_half_height = 20;
    int hits = 0, n = 0;
    for (auto _ : st) {
        const float u = static_cast<float>(n++ % 97) / 97.f;
        hits += picker.pick(cam.ray({u, 0.5f}, 1.6f), 1000.f).has_value();
    }
    st.counters["hit_rate"] = static_cast<double>(hits) / std::max(n, 1);
}
BENCHMARK(BM_Pick)->Arg(500);

}  // namespace

BENCHMARK_MAIN();
