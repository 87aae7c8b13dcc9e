#pragma once
// Registry of the CLI's subcommands: each cmd_*.cpp adds its own with a static Registrar, so that
// modules plug in without touching main.cpp.
#include <CLI/CLI.hpp>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace shuxiang::cli {

using RegisterFn = std::function<void(CLI::App& root)>;

std::vector<RegisterFn>& registry();

struct Registrar {
    explicit Registrar(RegisterFn fn) { registry().push_back(std::move(fn)); }
};

// The process exit code that the command's callback sets (0 by default).
int& exit_code();

// A refusal that ends a command with exit code 3 (authentication, for one): the message on stderr,
// or with `json` the refusal as a JSON object on stdout.
struct Refused : std::runtime_error {
    Refused(std::string code_, const std::string& message, bool json_) : std::runtime_error(message), code(std::move(code_)), json(json_) {}
    std::string code;
    bool json = false;
};

// Runs a command body, turning InputError and other exceptions into a message on stderr and a
// non-zero exit code (2 for bad input, 3 for Refused, 1 for other failures). The body returns the exit code.
void run_guarded(const std::function<int()>& body);

// "A1,A2,,A3" -> {"A1", "A2", "A3"}: a comma-separated option value, empty parts dropped.
// Refuses (InputError) a --db that does not exist, except for the commands that create a library.
void refuse_missing_database(const CLI::App& app);
// A CLI11 parse error in the user's language, naming the option.
std::string parse_error_text(const CLI::ParseError& e);

std::vector<std::string> split_list(const std::string& s);

}  // namespace shuxiang::cli
