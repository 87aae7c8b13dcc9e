#pragma once
// File helpers: whole-file reads and atomic writes (temporary file, flush, fsync, rename).
#include <filesystem>
#include <string>
#include <string_view>

namespace shuxiang {

// Reads a whole file as bytes. Throws InputError naming the file when it cannot be read.
std::string read_file(const std::filesystem::path& path);

// Writes `data` to `path` atomically: either the old file stays untouched or the new one is
// complete. Throws InputError naming the file on failure; the temporary file is removed.
void atomic_write_file(const std::filesystem::path& path, std::string_view data);

}  // namespace shuxiang
