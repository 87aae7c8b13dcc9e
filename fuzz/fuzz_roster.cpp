// libFuzzer target: the class roster reader (parse_roster). Whatever the bytes, it returns readers
// or errors and keeps its promises: every error names the file, every reader has an id that no
// other reader has, text is valid UTF-8, a student's grade is 1..12 and the class a number; and the
// readers written back as a roster CSV read back as the same readers.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "shuxiang/catalog/charset.hpp"
#include "shuxiang/circulation/roster.hpp"

using namespace shuxiang::circulation;

namespace {

std::string quoted(const std::string& s) {
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

bool utf8(const std::string& s) { return shuxiang::catalog::utf8_invalid_offset(s) == std::string_view::npos; }

void check(const ParsedRoster& r) {
    for (const auto& e : r.errors)
        if (e.rfind("fuzz.csv", 0) != 0) std::abort();
    std::set<std::string> ids;
    for (const auto& p : r.patrons) {
        if (p.id.empty() || !ids.insert(p.id).second) std::abort();
        if (!utf8(p.id) || !utf8(p.name)) std::abort();
        if (p.kind == PatronKind::Student) {
            if (p.grade < 1 || p.grade > 12) std::abort();
            if (p.class_no.find_first_not_of("0123456789") != std::string::npos) std::abort();
        }
    }
}

// The readers of a clean file, written as the school's office would write them, read back alike.
void round_trip(const ParsedRoster& r) {
    if (!r.errors.empty() || r.patrons.empty()) return;
    const bool students = r.patrons.front().kind == PatronKind::Student;
    std::string csv = students ? "学号,姓名,年级,班级\n" : "工号,姓名,类别\n";
    for (const auto& p : r.patrons) {
        csv += quoted(p.id) + "," + quoted(p.name) + ",";
        csv += students ? quoted(std::to_string(p.grade)) + "," + quoted(p.class_no)
                        : quoted(p.kind == PatronKind::Staff ? "职工" : "教师");
        csv += "\n";
    }
    const ParsedRoster again = parse_roster(csv, "fuzz.csv");
    if (!again.errors.empty() || again.patrons.size() != r.patrons.size()) std::abort();
    for (std::size_t i = 0; i < r.patrons.size(); ++i) {
        const Patron &a = r.patrons[i], &b = again.patrons[i];
        if (a.id != b.id || a.name != b.name || a.kind != b.kind || a.grade != b.grade || a.class_no != b.class_no)
            std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const ParsedRoster r = parse_roster(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    check(r);
    round_trip(r);
    return 0;
}
