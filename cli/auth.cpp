// Authentication of the acting operator for every mutating command, and reading secrets safely.
#include "auth.hpp"

#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "registry.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {

namespace {

std::string first_line(std::string s) {
    auto nl = s.find('\n');
    if (nl != std::string::npos) s.resize(nl);
    if (!s.empty() && s.back() == '\r') s.pop_back();
    return s;
}

std::string env_token() {
    const char* t = std::getenv("SHUXIANG_TOKEN");
    return t ? std::string(t) : std::string();
}

}  // namespace

// The first line of a password file; warns when others than its owner may read it.
std::string read_password_file(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        std::cerr << trf("identity.cli.password_file_mode", {path}) << "\n";
    return first_line(read_file(path));
}

AuthSession open_auth(const std::string& db) {
    AuthSession s;
    s.lib = circulation::LibraryServices::open(db);
    s.store = identity::open_credentials(db);
    s.auth = std::make_unique<identity::Authenticator>(*s.lib, *s.store);
    return s;
}

std::string read_secret_stdin(const std::string& option) {
    std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    std::string s = first_line(std::move(all));
    if (s.empty()) throw InputError(option, "", tr("identity.cli.empty_secret"));
    return s;
}

std::string prompt_secret(const std::string& prompt) {
    if (!::isatty(STDIN_FILENO)) return {};
    std::cerr << prompt << std::flush;
    termios old{};
    const bool restore = tcgetattr(STDIN_FILENO, &old) == 0;
    if (restore) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (restore) tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    std::cerr << "\n";
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

std::string new_secret(bool from_stdin, const std::string& option) {
    if (from_stdin) return read_secret_stdin(option);
    if (!::isatty(STDIN_FILENO)) throw InputError(option, "", tr("identity.cli.secret_needed"));
    std::string a = prompt_secret(tr("identity.cli.prompt_new"));
    std::string b = prompt_secret(tr("identity.cli.prompt_again"));
    if (a != b) throw InputError(option, "", tr("identity.cli.secrets_differ"));
    return a;
}

circulation::Ctx authenticate(AuthSession& s, const ActingOperator& who, const std::string& day, bool json) {
    const std::string token = env_token();
    std::string password;
    if (token.empty() && !who.as.empty()) {
        if (!who.password_file.empty()) password = read_password_file(who.password_file);
        else password = prompt_secret(trf("identity.cli.prompt_password", {who.as}));
    }
    // Without --as, the token names its operator.
    auto out = s.auth->authenticate_operator(who.as, token, password, identity::unix_now());
    if (!out.result.ok) throw Refused(out.result.code, out.result.message, json);
    return circulation::Ctx{out.who.id, day};
}

std::vector<identity::DemoOperator> give_demo_operators(const std::string& db) {
    auto s = open_auth(db);
    if (!s.auth->bootstrap_open()) return {};
    auto r = identity::add_demo_operators(*s.auth, *s.lib, circulation::today(), identity::unix_now());
    if (!r.ok) throw Refused(r.code, r.message, false);
    return identity::demo_operators();
}

circulation::Ctx authenticate(const std::string& db, const ActingOperator& who, const std::string& day, bool json) {
    auto s = open_auth(db);
    return authenticate(s, who, day, json);
}

}  // namespace shuxiang::cli
