#include "worker_pool.hpp"

#include <algorithm>

namespace shuxiang::ped {

WorkerPool::WorkerPool(int workers) {
    for (int i = 0; i < workers; ++i) threads_.emplace_back([this, i] { loop(i + 1); });
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    start_.notify_all();
    for (auto& t : threads_) t.join();
}

void WorkerPool::run(int n, const std::function<void(int)>& task) {
    const int extra = std::min(n - 1, static_cast<int>(threads_.size()));
    {
        std::lock_guard<std::mutex> lock(mutex_);
        task_ = &task;
        tasks_ = extra + 1;
        pending_ = extra;
        ++generation_;
    }
    start_.notify_all();
    task(0);
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return pending_ == 0; });
    task_ = nullptr;
}

void WorkerPool::loop(int index) {
    unsigned long seen = 0;
    for (;;) {
        const std::function<void(int)>* task = nullptr;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            start_.wait(lock, [&] { return stop_ || generation_ != seen; });
            if (stop_) return;
            seen = generation_;
            if (index >= tasks_) continue;
            task = task_;
        }
        (*task)(index);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            --pending_;
        }
        done_.notify_one();
    }
}

}  // namespace shuxiang::ped
