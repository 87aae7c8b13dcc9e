#include "shuxiang/util/error.hpp"

namespace shuxiang {

std::string format_place(const std::string& file, const std::string& where, const std::string& message) {
    std::string out;
    if (!file.empty()) out += file + ": ";
    if (!where.empty()) out += where + ": ";
    out += message;
    return out;
}

InputError::InputError(std::string file, std::string where, std::string message)
    : std::runtime_error(format_place(file, where, message)),
      file_(std::move(file)),
      where_(std::move(where)),
      message_(std::move(message)) {}

EnvironmentError::EnvironmentError(std::string file, std::string message)
    : std::runtime_error(format_place(file, "", message)), file_(std::move(file)) {}

}  // namespace shuxiang
