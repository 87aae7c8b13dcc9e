#pragma once
// The demo database's operators: fixed ids with published, demo-only passwords, so that `make run`
// and the web server's demo can be tried at once. Never for a real library.
#include <string>
#include <vector>

#include "shuxiang/identity/authenticator.hpp"

namespace shuxiang::identity {

struct DemoOperator {
    std::string id;
    circulation::Role role;
    std::string name;
    std::string password;  // published in README.md: demo only
};
// librarian, reviewer, volunteer and teacher, each with password "demo-<id>".
const std::vector<DemoOperator>& demo_operators();

// Adds the demo operators with their passwords through the bootstrap (the librarian) and the
// librarian's authority (the others). Refused with bootstrap_closed when an operator of the
// database already holds a password: a real library's database is never given demo passwords.
Result add_demo_operators(Authenticator& auth, circulation::LibraryServices& lib, const std::string& day, long long now);

}  // namespace shuxiang::identity
