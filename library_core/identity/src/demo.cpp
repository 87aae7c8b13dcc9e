// The demo operators (demo.hpp).
#include "shuxiang/identity/demo.hpp"

namespace shuxiang::identity {

using circulation::Role;

const std::vector<DemoOperator>& demo_operators() {
    static const std::vector<DemoOperator> ops = {
        {"librarian", Role::Librarian, "演示馆员", "demo-librarian"},
        {"reviewer", Role::Reviewer, "演示审核员", "demo-reviewer"},
        {"volunteer", Role::Volunteer, "演示志愿者", "demo-volunteer"},
        {"teacher", Role::Teacher, "演示教师", "demo-teacher"},
    };
    return ops;
}

Result add_demo_operators(Authenticator& auth, circulation::LibraryServices& lib, const std::string& day, long long now) {
    const auto& ops = demo_operators();
    Result r = auth.bootstrap(ops.front().id, ops.front().name, ops.front().password, day, now);
    const circulation::Ctx by{ops.front().id, day};
    for (std::size_t i = 1; r.ok && i < ops.size(); ++i) {
        const auto& o = ops[i];
        if (!lib.operators().find(o.id)) r = lib.operators().add(by, {o.id, o.role, o.name, ""});
        if (r.ok) r = auth.set_operator_password(by, o.id, o.password, now);
    }
    return r;
}

}  // namespace shuxiang::identity
