// libFuzzer target: the ISO 2709 reader in permissive and strict mode, with auto and forced
// encodings, plus the mapping and the writer on whatever it recovers. A record written back must
// read back and write the same bytes again; its MARCXML must be well-formed.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "shuxiang/catalog/iso2709.hpp"
#include "shuxiang/catalog/mapping.hpp"
#include "shuxiang/catalog/marcxml.hpp"
#include "shuxiang/util/error.hpp"

using namespace shuxiang::catalog;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    // The first byte picks the forced encoding so that every decoder sees fuzzed bytes.
    ReadOptions opt;
    if (size > 0) {
        switch (data[0] & 3) {
            case 1: opt.encoding = Encoding::Marc8; break;
            case 2: opt.encoding = Encoding::Gb18030; break;
            case 3: opt.encoding = Encoding::Utf8; break;
            default: break;
        }
    }
    Iso2709Reader reader(bytes, opt);
    ReadRecord rec;
    std::size_t last = 0;
    while (reader.next(rec)) {
        if (reader.position() <= last && last != 0) std::abort();  // must always make progress
        last = reader.position();
        BibRecord b = to_bib(rec.record, rec.flavor);
        (void)b;
        std::vector<std::string> warnings;
        std::string out = write_iso2709(rec.record, rec.flavor, &warnings);
        if (warnings.empty()) {
            std::vector<ReadRecord> again = read_iso2709(out);
            // The writer may fix the encoding flags (leader/09, 100$a/26-27); after that, writing is
            // a fixed point.
            if (again.size() != 1 || write_iso2709(again[0].record, rec.flavor) != out) std::abort();
            if (again[0].record.fields.size() != rec.record.fields.size()) std::abort();
        }
        // MARCXML export of whatever was recovered is well-formed: only XML 1.0 characters, and
        // it reads back as one record.
        const std::string xml = write_marcxml({rec.record}, rec.flavor);
        for (unsigned char c : xml)
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') std::abort();
        if (!is_valid_utf8(xml) || read_marcxml(xml).size() != 1) std::abort();
    }
    for (const auto& d : reader.diagnostics()) (void)d.message();
    ReadOptions strict;
    strict.mode = ReadMode::Strict;
    try {
        read_iso2709(bytes, strict);
    } catch (const shuxiang::InputError&) {
    }
    return 0;
}
