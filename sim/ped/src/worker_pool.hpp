// A fixed set of worker threads that run one indexed task each per call (the model step's chunks).
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace shuxiang::ped {

class WorkerPool {
public:
    explicit WorkerPool(int workers);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Runs task(0 .. n-1): task 0 on the calling thread, the others on workers (at most workers + 1
    // tasks); returns when all are done.
    void run(int n, const std::function<void(int)>& task);

private:
    void loop(int index);

    std::vector<std::thread> threads_;
    std::mutex mutex_;
    std::condition_variable start_;
    std::condition_variable done_;
    const std::function<void(int)>* task_ = nullptr;
    int tasks_ = 0;
    int pending_ = 0;
    unsigned long generation_ = 0;
    bool stop_ = false;
};

}  // namespace shuxiang::ped
