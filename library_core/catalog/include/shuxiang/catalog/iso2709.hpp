#pragma once
// ISO 2709 (MARC21, UNIMARC/CNMARC) reading and writing: a streaming, defect-tolerant reader that
// reports every repair with record number and byte offset, and a writer that computes the leader
// lengths and the directory.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/catalog/charset.hpp"
#include "shuxiang/catalog/marc.hpp"

namespace shuxiang::catalog {

// Permissive repairs what it can and reports it; Strict throws InputError on the first defect.
enum class ReadMode { Permissive, Strict };

// How a reader treats its input.
struct ReadOptions {
    ReadMode mode = ReadMode::Permissive;
    Encoding encoding = Encoding::Auto;   // Auto: trust the record's flag once the bytes agree
    std::optional<MarcFlavor> flavor;     // nullopt: decide per record (245 → MARC21, 200 → CNMARC, …)
    std::string file_name;                // used in diagnostics and errors ("<memory>" when empty)
    // false: validation only (`catalog check`); a record's fields are left empty unless decoding
    // them can still find a defect. Diagnostics are the same either way.
    bool keep_fields = true;
};

// One defect found (and repaired or skipped) while reading.
struct Diagnostic {
    std::size_t record = 0;  // 1-based number of the record in the file
    std::size_t offset = 0;  // byte offset in the file where the defect is
    std::string code;        // stable key, e.g. "length_mismatch"; tr("catalog_formats.diag." + code)
    std::vector<std::string> args;  // values for the translated message ({0}, {1}, …)
    // An informational note about a legal but noteworthy record (a legacy charset code that the
    // bytes explain): nothing was repaired, and strict mode does not refuse it.
    bool note = false;
    // The translated message in the current language.
    std::string message() const;
    // "record N, byte OFFSET" as used in errors; "byte OFFSET" for the file as a whole (record 0).
    std::string where() const;
};

// A record as read, with what the reader learnt about it.
struct ReadRecord {
    MarcRecord record;                 // text decoded to UTF-8; leader as found (repaired if broken)
    MarcFlavor flavor = MarcFlavor::Marc21;
    Encoding source_encoding = Encoding::Utf8;  // the encoding the bytes were decoded from
    std::size_t number = 0;            // 1-based record number
    std::size_t offset = 0;            // byte offset of the record's first byte
    std::size_t length = 0;            // bytes consumed, terminator included
    std::vector<Diagnostic> diagnostics;  // defects of this record (empty for a clean record)
};

// Decides the flavor of a record from its tags and leader.
MarcFlavor detect_flavor(const MarcRecord& r);
// The flavor a record's title field proves (245 without 200: MARC21; 200 without 245: CNMARC),
// or nullopt when it proves none; used to refuse a --format that contradicts the file.
std::optional<MarcFlavor> evident_flavor(const MarcRecord& r);

// Streams records out of an ISO 2709 byte buffer or file. Never crashes or loops on bad input:
// each call to next() consumes at least one byte. Filler between records (spaces, tabs, NULs,
// CR/LF, a DOS end-of-file 0x1A) is skipped silently, as is padding after the last record;
// directory entries may come in any order.
class Iso2709Reader {
public:
    // Reads from `data`, which must outlive the reader.
    explicit Iso2709Reader(std::string_view data, ReadOptions options = {});
    // Maps the file (throws InputError naming it when it cannot be opened).
    static Iso2709Reader open(const std::filesystem::path& path, ReadOptions options = {});
    Iso2709Reader(Iso2709Reader&&) noexcept;
    Iso2709Reader& operator=(Iso2709Reader&&) noexcept;
    ~Iso2709Reader();

    // Reads the next record; false at the end. Strict mode throws InputError instead of repairing.
    bool next(ReadRecord& out);
    // Every diagnostic so far, in file order (those between records included).
    const std::vector<Diagnostic>& diagnostics() const;
    std::size_t records_seen() const;  // records begun so far, unreadable ones included
    std::size_t position() const;  // bytes consumed so far (for progress bars)
    std::size_t size() const;      // total bytes

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// What validating a whole buffer found (check_iso2709).
struct CheckResult {
    std::size_t records = 0;          // records read (repaired ones included)
    std::vector<Diagnostic> diagnostics;  // every diagnostic, in file order, as one reader gives them
};

// Validates every record of a buffer, as Iso2709Reader with keep_fields = false would, on up to
// `threads` threads: the buffer is cut after record terminators (where a sequential reader ends a
// record too) and each piece's record numbers and offsets are moved into place.
CheckResult check_iso2709(std::string_view data, const ReadOptions& options, unsigned threads);

// Reads every record of a buffer (convenience over Iso2709Reader).
std::vector<ReadRecord> read_iso2709(std::string_view data, const ReadOptions& options = {},
                                     std::vector<Diagnostic>* diagnostics = nullptr);

// Serialises one record as UTF-8 ISO 2709. MARC21: leader/09 = 'a'. CNMARC: 100$a/26-27 = "50".
// Lengths, base address and directory are computed; entry map is 4500 (MARC21) or "450 " (CNMARC)
// unless the record's own leader already carries a valid one. Records over 99999 bytes or fields
// over 9999 bytes cannot be expressed: they are written with the largest value and `warnings`
// (when given) says so.
std::string write_iso2709(const MarcRecord& record, MarcFlavor flavor, std::vector<std::string>* warnings = nullptr);

}  // namespace shuxiang::catalog
