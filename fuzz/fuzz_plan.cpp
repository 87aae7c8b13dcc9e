// libFuzzer target: the plan reader (JSON, step-wise migrations from every older schema version,
// validation). Whatever the bytes: a plan is read or refused with InputError, never a crash; a file
// the validator finds nothing wrong with is read; what was read, written and read again writes the
// same text (the writer is a fixpoint after one round).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "shuxiang/plan/io.hpp"
#include "shuxiang/util/error.hpp"

using namespace shuxiang;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto problems = plan::validate_plan_text(text);
    for (const auto& p : problems) (void)plan::localized_message(p);
    plan::Plan read;
    try {
        read = plan::plan_from_json_text(text, "fuzz.sxplan.json");
    } catch (const InputError& e) {
        if (problems.empty()) std::abort();  // valid by the validator, refused by the reader
        (void)e.what();
        return 0;
    }
    std::string once;
    try {
        once = plan::plan_to_json_text(read);
    } catch (const InputError&) {
        return 0;  // a number JSON cannot hold (cannot come from JSON text, but the writer says so)
    }
    plan::Plan again;
    try {
        again = plan::plan_from_json_text(once, "fuzz-again.sxplan.json");
    } catch (const InputError&) {
        std::abort();  // what the writer wrote, the reader must read
    }
    if (plan::plan_to_json_text(again) != once) std::abort();
    (void)plan::validate_plan(again);
    return 0;
}
