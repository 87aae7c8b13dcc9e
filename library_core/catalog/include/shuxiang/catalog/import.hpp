#pragma once
// Bulk import with reading and writing overlapped: a second thread reads and maps records into
// batches while the calling thread writes the previous batch into the store. On two cores the
// parsing, the MARC mapping and prepare_import_entry (together about a third of an import's work)
// then cost no wall time.
#include <cstddef>
#include <functional>

#include "shuxiang/catalog/store.hpp"

namespace shuxiang::catalog {

// Hands one entry to the import; `progress` (0..1, the producer's own measure, for example the
// read position in the file) travels with the batch and comes back once the batch is written.
using AddEntry = std::function<void(ImportEntry&& entry, double progress)>;

// Called on the calling thread after each batch is committed: the progress of the batch's last
// entry, the entries written so far and the batch's result.
using BatchWritten = std::function<void(double progress, long long entries, const BatchResult& result)>;

// Runs `produce(add)` on a producer thread; batches (and the last, partial one) are imported with
// Store::import_batch on the calling thread, in order. The first batch holds
// first_batch_size(batch_size) entries, each next one twice as many, up to `batch_size`, so that
// writing starts early. At most one full batch waits while another is written, so memory stays at
// about three batches.
//
// Errors: when `produce` throws, the batches it had completed are still written (as a sequential
// import would have committed them), the partial batch is dropped and the exception is rethrown
// here. When a write throws, the producer is stopped at its next add() and the write's exception
// is rethrown. Returns the summed results of every batch.
std::size_t first_batch_size(std::size_t batch_size);  // an eighth, at least 1

BatchResult import_overlapped(Store& store, std::size_t batch_size, const std::function<void(const AddEntry&)>& produce,
                              const BatchWritten& on_written = {});

}  // namespace shuxiang::catalog
