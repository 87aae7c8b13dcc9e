// POST /api/login — waits for the identity module (Authenticator).
#include "app.hpp"

namespace shuxiang::server {

void add_login_route(RouteTable&) {}
void audit_refusal(Call&, const std::string&) {}

}  // namespace shuxiang::server
