#include "shuxiang/catalog/import.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace shuxiang::catalog {

namespace {

struct Batch {
    std::vector<ImportEntry> entries;
    double progress = 0;
};

// Thrown inside the producer to unwind it when the writer has failed.
struct Stopped {};

// One full batch may wait while another is written: the producer blocks on a second. Written
// batches go back to the producer, which destroys their entries itself: memory is then freed by
// the thread that allocated it (glibc gives each thread its own arena; freeing across threads
// contended for the producer's arena lock and cost a fifth of an import in malloc and page faults).
class Handover {
public:
    // Producer side: an empty batch, reusing a written one's storage when there is one.
    Batch fresh(std::size_t capacity) {
        Batch b;
        {
            std::lock_guard lock(m_);
            if (!recycled_.empty()) {
                b = std::move(recycled_.back());
                recycled_.pop_back();
            }
        }
        b.entries.clear();  // destroys the written entries here, on the producer thread
        b.entries.reserve(capacity);
        b.progress = 0;
        return b;
    }
    // Writer side: hands a written batch back.
    void recycle(Batch&& b) {
        std::lock_guard lock(m_);
        recycled_.push_back(std::move(b));
    }
    // Producer side. Returns when the batch is queued; throws Stopped once the writer gave up.
    void put(Batch&& b) {
        std::unique_lock lock(m_);
        space_.wait(lock, [&] { return queue_.empty() || stopped_; });
        if (stopped_) throw Stopped{};
        queue_.push_back(std::move(b));
        ready_.notify_one();
    }
    void finish(std::exception_ptr error) {
        std::lock_guard lock(m_);
        done_ = true;
        error_ = std::move(error);
        ready_.notify_one();
    }
    // Writer side: false when the producer has finished and nothing is left.
    bool take(Batch& out) {
        std::unique_lock lock(m_);
        ready_.wait(lock, [&] { return !queue_.empty() || done_; });
        if (queue_.empty()) return false;
        out = std::move(queue_.front());
        queue_.pop_front();
        space_.notify_one();
        return true;
    }
    void stop() {
        std::lock_guard lock(m_);
        stopped_ = true;
        space_.notify_one();
    }
    std::exception_ptr error() {
        std::lock_guard lock(m_);
        return error_;
    }

private:
    std::mutex m_;
    std::condition_variable ready_;
    std::condition_variable space_;
    std::deque<Batch> queue_;
    std::vector<Batch> recycled_;
    bool done_ = false;
    bool stopped_ = false;
    std::exception_ptr error_;
};

}  // namespace

std::size_t first_batch_size(std::size_t batch_size) { return std::max<std::size_t>(1, batch_size / 8); }

BatchResult import_overlapped(Store& store, std::size_t batch_size, const std::function<void(const AddEntry&)>& produce,
                              const BatchWritten& on_written) {
    if (batch_size == 0) batch_size = 1;
    Handover handover;
    std::thread producer([&] {
        std::exception_ptr error;
        try {
            // The first batch is an eighth of the full size and each next one doubles, so that the
            // writer starts within a few milliseconds instead of idling while a whole batch is read.
            std::size_t size = first_batch_size(batch_size);
            Batch current = handover.fresh(size);
            produce([&](ImportEntry&& e, double progress) {
                // Keys, joined fields and the MARC blob are derived here, off the writing thread
                // (unless the producer did it already, to hand the parsed MARC back to its reader).
                if (!e.prepared.ready) prepare_import_entry(e);
                current.entries.push_back(std::move(e));
                current.progress = progress;
                if (current.entries.size() >= size) {
                    handover.put(std::move(current));
                    size = std::min(batch_size, size * 2);
                    current = handover.fresh(size);
                }
            });
            if (!current.entries.empty()) handover.put(std::move(current));
        } catch (const Stopped&) {
        } catch (...) {
            error = std::current_exception();
        }
        handover.finish(error);
    });
    BatchResult total;
    long long written = 0;
    try {
        Batch b;
        while (handover.take(b)) {
            BatchResult r = store.import_batch(b.entries);
            total += r;
            written += static_cast<long long>(b.entries.size());
            const double progress = b.progress;
            handover.recycle(std::move(b));
            b = Batch{};
            if (on_written) on_written(progress, written, r);
        }
    } catch (...) {
        handover.stop();
        producer.join();
        throw;
    }
    producer.join();
    if (auto e = handover.error()) std::rethrow_exception(e);
    return total;
}

}  // namespace shuxiang::catalog
