#pragma once
// Who is acting on the command line: the one place where a command in an operator's name gets that
// operator authenticated (SHUXIANG_TOKEN, --password-file, or a password typed at the terminal).
#include <memory>
#include <string>

#include "shuxiang/circulation/services.hpp"
#include "shuxiang/identity/authenticator.hpp"
#include "shuxiang/identity/demo.hpp"
#include <vector>

namespace shuxiang::cli {

// The services of one library database with its credential store and Authenticator.
struct AuthSession {
    std::unique_ptr<circulation::LibraryServices> lib;
    std::unique_ptr<identity::CredentialStore> store;
    std::unique_ptr<identity::Authenticator> auth;
};
AuthSession open_auth(const std::string& db);

// What a command knows about its acting operator: --as (may be empty when SHUXIANG_TOKEN names
// the operator) and --password-file.
struct ActingOperator {
    std::string as;
    std::string password_file;
};

// The Ctx of the authenticated acting operator on `day`. Throws Refused (exit 3; audited by the
// Authenticator) when the operator cannot be authenticated, InputError for an unreadable file.
circulation::Ctx authenticate(const std::string& db, const ActingOperator& who, const std::string& day, bool json);
circulation::Ctx authenticate(AuthSession& s, const ActingOperator& who, const std::string& day, bool json);

// Gives a fresh demo database its demo operators (identity/demo.hpp) and returns them, with their
// demo-only passwords; nothing when an operator of the database already holds a password.
std::vector<identity::DemoOperator> give_demo_operators(const std::string& db);

// The password on the first line of FILE (--password-file); a warning on stderr when the file may be
// read by others than its owner.
std::string read_password_file(const std::string& path);

// A secret read from standard input (its first line) for --password-stdin / --pin-stdin; InputError
// naming `option` when it is empty.
std::string read_secret_stdin(const std::string& option);
// A secret typed at the terminal without echo; empty when stdin is not a terminal.
std::string prompt_secret(const std::string& prompt);
// A new secret: from stdin with `from_stdin`, else typed twice at the terminal; InputError otherwise.
std::string new_secret(bool from_stdin, const std::string& option);

}  // namespace shuxiang::cli
