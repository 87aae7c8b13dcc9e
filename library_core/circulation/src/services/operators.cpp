// Operators: adding, listing, roles, disabling and removing.
#include "../internal.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::circulation {

namespace {
bool other_active_librarian(UnitOfWork& u, std::string_view id) {
    for (auto& o : u.operators())
        if (o.id != id && o.role == Role::Librarian && !o.disabled) return true;
    return false;
}
}  // namespace

Result OperatorService::add(const Ctx& c, const Operator& o) {
    return run_op(repo_, c, Action::ManageOperators, "operators.add", o.id, [&](UnitOfWork& u) {
        if (o.id.empty()) return refusal("empty_id", {});
        if (u.find_operator(o.id)) return refusal("operator_exists", {o.id});
        u.insert_operator(o);
        return success("circ.ok.operator_added", {o.id, to_string(o.role)}, 0);
    });
}

std::vector<Operator> OperatorService::list() { return repo_.read()->operators(); }
std::optional<Operator> OperatorService::find(std::string_view id) { return repo_.read()->find_operator(id); }
std::size_t OperatorService::count() { return repo_.read()->operators().size(); }

Result OperatorService::set_role(const Ctx& c, std::string_view id, Role role) {
    std::string target = std::string(id) + " -> " + to_string(role);
    return run_op(repo_, c, Action::ManageOperators, "operators.role", target, [&](UnitOfWork& u) {
        auto o = u.find_operator(id);
        if (!o) return refusal("unknown_operator", {std::string(id)});
        // The library keeps at least one librarian who can manage operators.
        if (o->role == Role::Librarian && role != Role::Librarian && !other_active_librarian(u, id))
            return refusal("last_librarian", {o->id});
        o->role = role;
        u.update_operator(*o);
        return success("circ.ok.operator_role", {o->id, tr(std::string("circ.role.") + to_string(role))}, 0);
    });
}

Result OperatorService::set_disabled(const Ctx& c, std::string_view id, bool disabled) {
    return run_op(repo_, c, Action::ManageOperators, disabled ? "operators.disable" : "operators.enable", std::string(id),
                  [&](UnitOfWork& u) {
                      auto o = u.find_operator(id);
                      if (!o) return refusal("unknown_operator", {std::string(id)});
                      if (disabled && o->id == c.op) return refusal("not_self", {o->id});
                      if (disabled && o->role == Role::Librarian && !other_active_librarian(u, id))
                          return refusal("last_librarian", {o->id});
                      o->disabled = disabled;
                      u.update_operator(*o);
                      return success(disabled ? "circ.ok.operator_disabled" : "circ.ok.operator_enabled", {o->id}, 0);
                  });
}

Result OperatorService::remove(const Ctx& c, std::string_view id) {
    return run_op(repo_, c, Action::ManageOperators, "operators.remove", std::string(id), [&](UnitOfWork& u) {
        auto o = u.find_operator(id);
        if (!o) return refusal("unknown_operator", {std::string(id)});
        if (o->id == c.op) return refusal("not_self", {o->id});
        if (o->role == Role::Librarian && !other_active_librarian(u, id)) return refusal("last_librarian", {o->id});
        u.delete_operator(id);
        return success("circ.ok.operator_removed", {o->id}, 0);
    });
}

}  // namespace shuxiang::circulation
