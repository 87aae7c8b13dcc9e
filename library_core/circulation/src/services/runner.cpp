// The operation runner (run_op), audit rows and the per-unit settings and policies.
#include <chrono>
#include <ctime>

#include "../internal.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::circulation {

namespace {
std::string arg_text(const std::string& a) { return !a.empty() && a[0] == '@' ? tr(a.substr(1)) : a; }

std::string now_utc() {
    auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char at[32];
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return at;
}

std::string actor(const Ctx& c) { return c.op.empty() && !c.reader.empty() ? "reader:" + c.reader : c.op; }

}  // namespace

std::optional<Result> refuse_actor(UnitOfWork& u, const Ctx& c, Action a) {
    if (c.op.empty() && !c.reader.empty()) {
        if (!reader_may(a)) return refusal("not_permitted", {actor(c), tr("circ.role.reader")});
    } else {
        auto op = u.find_operator(c.op);
        if (!op) return refusal("unknown_operator", {c.op});
        if (op->disabled) return refusal("operator_disabled", {c.op});
        if (!role_allows(op->role, a)) return refusal("not_permitted", {c.op, tr(std::string("circ.role.") + to_string(op->role))});
    }
    if (!valid_date(c.date)) return refusal("bad_date", {c.date});
    return std::nullopt;
}

std::optional<Result> refused(const std::vector<Refusal>& reasons) {
    if (reasons.empty()) return std::nullopt;
    auto message = [](const Refusal& r) {
        std::vector<std::string> args;
        for (auto& a : r.args) args.push_back(arg_text(a));
        return trv("circ.refuse." + r.code, args);
    };
    Result res;
    res.code = reasons.front().code;
    res.message = message(reasons.front());
    for (std::size_t i = 1; i < reasons.size(); ++i) res.details.push_back(message(reasons[i]));
    return res;
}

void audit_in(UnitOfWork& u, const Ctx& c, std::string_view action, std::string_view target, const Result& r) {
    u.append_audit({c.date, now_utc(), actor(c), std::string(action), std::string(target), r.ok ? "ok" : "refused",
                    r.ok ? r.message : r.code + ": " + r.message});
}

Result run_op(Repository& repo, const Ctx& c, Action a, std::string_view action, const std::string& target,
              const std::function<Result(UnitOfWork&)>& body) {
    Result r;
    {
        auto u = repo.write();
        auto refusal_of_actor = refuse_actor(*u, c, a);
        r = refusal_of_actor ? *refusal_of_actor : body(*u);
        if (r.ok) {
            audit_in(*u, c, action, target, r);
            u->commit();
            return r;
        }
    }
    // Nothing of a refused operation stays; its audit row is its own unit.
    auto u = repo.write();
    audit_in(*u, c, action, target, r);
    u->commit();
    return r;
}

double setting_in(UnitOfWork& u, std::string_view key) {
    const SettingInfo* info = find_setting(key);
    if (!info) throw std::logic_error("unknown setting " + std::string(key));
    // A value stored by hand that is out of range or not a number falls back to the default.
    auto v = parse_setting(*info, u.setting(key).value_or(""));
    return v ? *v : info->default_value;
}

LoanPolicy policy_in(UnitOfWork& u, const Patron& p) {
    if (auto pol = u.policy(p.kind, p.stage())) return *pol;
    LoanPolicy none;
    none.kind = p.kind;
    none.stage = p.stage();
    return none;
}

Calendar calendar_in(UnitOfWork& u) {
    Calendar cal;
    cal.weekends_closed = setting_in(u, "circ.weekends_closed") != 0;
    cal.closed = u.closed_spans();
    return cal;
}

std::string due_in(UnitOfWork& u, const std::string& out, int days) { return due_date(out, days, calendar_in(u)); }

}  // namespace shuxiang::circulation
