#pragma once
// InputError: the one exception type thrown at I/O and parse boundaries, naming the file and place.
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

// Formats "file: where: message" (parts that are empty are left out).
std::string format_place(const std::string& file, const std::string& where, const std::string& message);

}  // namespace shuxiang
