// What a logged-in reader may do in the OPAC: see their own loans, place holds for themself. The
// reader's number always comes from the session, never from the request, so nobody reads or acts
// on another reader's account.
#include "app.hpp"

namespace shuxiang::server {

json loans_json(Call& c, const std::string& patron_id);

namespace {

void my_loans(Call& c) { c.send_json(loans_json(c, c.session->who.id)); }

void my_hold(Call& c) {
    json b = parse_body(c, {{"record", JType::Integer, true}});
    circulation::Ctx ctx{"", c.day(), c.session->who.id};
    send_result(c, c.svc().circulation().place_hold(ctx, c.session->who.id, b["record"].get<long long>()));
}

}  // namespace

void add_reader_routes(RouteTable& t) {
    t.push_back({"GET", "/api/me/loans", Access::Reader, false, my_loans});
    t.push_back({"POST", "/api/me/holds", Access::Reader, true, my_hold});
}

}  // namespace shuxiang::server
