#pragma once
// The runner every mutating operation of the library goes through, for this module's services and
// for the modules built on them (reading lists): one unit of work, the role check, one audit row.
#include <functional>
#include <string>
#include <string_view>

#include "shuxiang/circulation/repository.hpp"
#include "shuxiang/circulation/types.hpp"

namespace shuxiang::circulation {

// Runs one mutating operation: a write unit; the actor's check (an operator whose role allows `a`
// and who is not disabled, or a reader the body checks with reader_allows); the body; one audit
// row. A refusal rolls the unit back and is audited in a unit of its own.
Result run_op(Repository& repo, const Ctx& c, Action a, std::string_view action, const std::string& target,
              const std::function<Result(UnitOfWork&)>& body);

}  // namespace shuxiang::circulation
