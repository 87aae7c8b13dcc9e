#pragma once
// A simulation run on a background thread: a snapshot of the plan, the scenario set up as
// `shuxiang simulate` does (scenario::prepare_run), progress to show, and cancelling.
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "shuxiang/plan/model.hpp"
#include "shuxiang/scenario/run.hpp"
#include "shuxiang/scenario/setup.hpp"
#include "simview/sim_data.hpp"

namespace shuxiang::editor::simview {

class SimJob {
public:
    SimJob() = default;
    ~SimJob();  // cancels and joins a run still going
    SimJob(const SimJob&) = delete;
    SimJob& operator=(const SimJob&) = delete;

    // Starts a run on a copy of `plan`; false when one is already running.
    bool start(const plan::Plan& plan, const scenario::RunSetupInput& in);
    bool running() const { return running_.load(); }
    double progress() const { return progress_.load(); }
    void cancel() { cancel_.store(true); }

    // The outcome of a finished run, once (then the job is idle again): a result, or an error
    // message (empty when it was cancelled).
    struct Outcome {
        std::optional<scenario::RunResult> result;
        SimResults results;  // metrics and parsed trajectories of `result` (parsed off the UI thread)
        std::string error;
        bool cancelled = false;
        scenario::RunSetupInput input;
    };
    std::optional<Outcome> take();

private:
    void join();

    std::thread thread_;
    std::atomic<bool> running_{false}, cancel_{false};
    std::atomic<double> progress_{0.0};
    std::mutex mutex_;
    std::optional<Outcome> outcome_;
};

}  // namespace shuxiang::editor::simview
