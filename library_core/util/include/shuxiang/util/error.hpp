#pragma once
// InputError: the exception thrown at I/O and parse boundaries for bad input, naming the file and
// place; EnvironmentError: the machine refused (disk full, read-only).
#include <stdexcept>
#include <string>

namespace shuxiang {

// Thrown when a file or user input cannot be used. `file` is the path (or "<stdin>"), `where` the
// place inside it in the format's own terms: a JSON pointer, "line 12", "record 5, byte 1234".
class InputError : public std::runtime_error {
public:
    InputError(std::string file, std::string where, std::string message);
    const std::string& file() const noexcept { return file_; }
    const std::string& where() const noexcept { return where_; }
    const std::string& message() const noexcept { return message_; }

private:
    std::string file_;
    std::string where_;
    std::string message_;
};

// Thrown when the machine, not the input, stops an operation: the disk is full, the file or its
// folder is read-only, an I/O error. The CLI exits 1 for it (2 is bad input); `file` is the path.
class EnvironmentError : public std::runtime_error {
public:
    EnvironmentError(std::string file, std::string message);
    const std::string& file() const noexcept { return file_; }

private:
    std::string file_;
};

// Formats "file: where: message" (parts that are empty are left out).
std::string format_place(const std::string& file, const std::string& where, const std::string& message);

}  // namespace shuxiang
