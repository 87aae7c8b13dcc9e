#pragma once
// MARCXML (namespace http://www.loc.gov/MARC21/slim) reading and writing, for MARC21 and, as
// Koha and yaz do, UNIMARC/CNMARC records in the same container.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/catalog/iso2709.hpp"
#include "shuxiang/catalog/marc.hpp"

namespace shuxiang::catalog {

inline constexpr std::string_view kMarcxmlNamespace = "http://www.loc.gov/MARC21/slim";

// Reads every <record> of a MARCXML document (a <collection> or a single <record>, with or without
// a namespace prefix). Diagnostics carry the record number and the byte offset of the element.
// Strict mode throws InputError on the first defect, including malformed XML.
std::vector<ReadRecord> read_marcxml(std::string_view xml, const ReadOptions& options = {},
                                     std::vector<Diagnostic>* diagnostics = nullptr);
// Reads a file (throws InputError naming it when it cannot be read).
std::vector<ReadRecord> read_marcxml_file(const std::filesystem::path& path, ReadOptions options = {},
                                          std::vector<Diagnostic>* diagnostics = nullptr);

// Writes a <collection>; CNMARC records get format="UNIMARC" so a reader knows the flavor. The
// output is always well-formed XML 1.0: control characters other than TAB, LF and CR (a subfield
// delimiter left inside 001, say) are left out, as yaz does, and bytes that are not UTF-8 become
// U+FFFD; `warnings` (when given) names each record and field where that happened.
std::string write_marcxml(const std::vector<MarcRecord>& records, MarcFlavor flavor,
                          std::vector<std::string>* warnings = nullptr);

// True when the bytes look like XML rather than ISO 2709 (for format detection).
bool looks_like_marcxml(std::string_view data);

}  // namespace shuxiang::catalog
