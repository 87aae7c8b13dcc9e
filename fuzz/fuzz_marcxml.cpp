// libFuzzer target: the MARCXML reader (permissive and strict), then the writer on what it read.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shuxiang/catalog/marcxml.hpp"
#include "shuxiang/util/error.hpp"

using namespace shuxiang::catalog;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    std::vector<Diagnostic> diags;
    auto recs = read_marcxml(bytes, {}, &diags);
    std::vector<MarcRecord> models;
    for (auto& r : recs) models.push_back(r.record);
    std::string xml = write_marcxml(models, MarcFlavor::Marc21);
    auto again = read_marcxml(xml);
    if (again.size() != models.size()) __builtin_trap();
    ReadOptions strict;
    strict.mode = ReadMode::Strict;
    try {
        read_marcxml(bytes, strict);
    } catch (const shuxiang::InputError&) {
    }
    return 0;
}
