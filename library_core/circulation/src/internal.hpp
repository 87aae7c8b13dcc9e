#pragma once
// Shared pieces of the circulation services: results, the settings table, and the runner that
// gives every mutating operation its unit of work, role check and audit row.
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/circulation/operation.hpp"
#include "shuxiang/circulation/repository.hpp"
#include "shuxiang/circulation/rules.hpp"
#include "shuxiang/circulation/types.hpp"

namespace shuxiang::circulation {

// A refusal: code `code`, message from translation key circ.refuse.<code>.
Result refusal(std::string code, std::initializer_list<std::string> args);
Result success(std::string_view key, std::initializer_list<std::string> args, long long id);
// The first of the rule's refusals as the result (an argument "@key" is translated), the others'
// messages in details; nullopt when there is none.
std::optional<Result> refused(const std::vector<Refusal>& reasons);

// A sum of money as written in messages: "30.00".
std::string money_text(double v);

// Text without surrounding spaces, tabs and line ends.
std::string trim(std::string_view s);

const SettingInfo* find_setting(std::string_view key);
// The number in `text` when it is one (the whole text) and within the setting's range.
std::optional<double> parse_setting(const SettingInfo& info, std::string_view text);
// A known setting's value in this unit: what was set, else its default.
double setting_in(UnitOfWork& u, std::string_view key);
LoanPolicy policy_in(UnitOfWork& u, const Patron& p);
// The library's calendar in this unit, and a due date on it.
Calendar calendar_in(UnitOfWork& u);
std::string due_in(UnitOfWork& u, const std::string& out, int days);

// Writes one audit row (in `u`).
void audit_in(UnitOfWork& u, const Ctx& c, std::string_view action, std::string_view target, const Result& r);

// Why c's actor may not do `a` in this unit, if so.
std::optional<Result> refuse_actor(UnitOfWork& u, const Ctx& c, Action a);


}  // namespace shuxiang::circulation
