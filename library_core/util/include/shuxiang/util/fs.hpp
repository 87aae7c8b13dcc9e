#pragma once
// File helpers: whole-file reads and atomic writes (temporary file, flush, fsync, rename).
#include <filesystem>
#include <string>
#include <string_view>

namespace shuxiang {

// Reads a whole file as bytes. Throws InputError naming the file when it cannot be read.
std::string read_file(const std::filesystem::path& path);

// A whole file's bytes without copying them onto the heap: a regular file is mapped read-only
// (the kernel pages it in as it is read and can drop the pages again), anything else (a pipe, an
// empty file) is read with read_file(). For large inputs such as a catalog file of 100,000
// records (54 MiB). Throws InputError naming the file when it cannot be read.
class FileBytes {
public:
    explicit FileBytes(const std::filesystem::path& path);
    ~FileBytes();
    FileBytes(const FileBytes&) = delete;
    FileBytes& operator=(const FileBytes&) = delete;
    std::string_view view() const { return view_; }

private:
    void* map_ = nullptr;
    std::size_t map_size_ = 0;
    std::string copy_;  // when not mapped
    std::string_view view_;
};

// Writes `data` to `path` atomically: either the old file stays untouched or the new one is
// complete. Throws InputError naming the file on failure; the temporary file is removed.
void atomic_write_file(const std::filesystem::path& path, std::string_view data);

}  // namespace shuxiang
