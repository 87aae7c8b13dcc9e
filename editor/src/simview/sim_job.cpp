#include "simview/sim_job.hpp"

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/util/error.hpp"

namespace shuxiang::editor::simview {
namespace {

// Thrown from the progress callback to leave run_scenario early: the simulator has no cancel flag,
// and its progress callback is the one place it hands control back.
struct Cancelled {};

}  // namespace

SimJob::~SimJob() {
    cancel();
    join();
}

void SimJob::join() {
    if (thread_.joinable()) thread_.join();
}

bool SimJob::start(const plan::Plan& plan, const scenario::RunSetupInput& in) {
    if (running_.load()) return false;
    join();
    cancel_.store(false);
    progress_.store(0.0);
    running_.store(true);
    thread_ = std::thread([this, snapshot = plan, in] {
        Outcome out;
        out.input = in;
        try {
            scenario::RunSetup setup = scenario::prepare_run(snapshot, in);
            setup.options.progress = [this](double f) {
                progress_.store(f);
                if (cancel_.load()) throw Cancelled{};
            };
            out.result = scenario::run_scenario(snapshot, plan::with_plan_types(plan::FurnitureCatalog::builtin(), snapshot),
                                                setup.scenario, setup.options);
            out.results.source = in.scenario + " seed " + std::to_string(in.seed);
            out.results.metrics = nlohmann::json::parse(scenario::metrics_json(*out.result));
            out.results.trajectories = parse_trajectories(out.result->trajectories, "trajectories");
        } catch (const Cancelled&) {
            out.cancelled = true;
        } catch (const InputError& e) {
            out.error = format_place(e.file(), e.where(), e.message());
        } catch (const std::exception& e) {
            out.error = e.what();
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            outcome_ = std::move(out);
        }
        running_.store(false);
    });
    return true;
}

std::optional<SimJob::Outcome> SimJob::take() {
    if (running_.load()) return std::nullopt;
    std::optional<Outcome> out;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        out.swap(outcome_);
    }
    if (out) join();
    return out;
}

}  // namespace shuxiang::editor::simview
