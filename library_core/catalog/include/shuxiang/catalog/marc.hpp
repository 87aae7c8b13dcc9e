#pragma once
// MARC records as read from ISO 2709 or MARCXML, kept losslessly: leader, control fields, and data
// fields with indicators and subfields, in file order. Text is UTF-8 once decoded.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shuxiang::catalog {

enum class MarcFlavor { Marc21, Cnmarc };  // CNMARC follows UNIMARC

struct Subfield {
    char code = 'a';
    std::string value;
    friend bool operator==(const Subfield&, const Subfield&) = default;
};

struct Field {
    std::string tag;          // 3 characters
    std::string data;         // control fields (00X) only
    char ind1 = ' ';
    char ind2 = ' ';
    std::vector<Subfield> subfields;
    bool is_control() const { return tag.size() == 3 && tag[0] == '0' && tag[1] == '0'; }
    // First subfield with this code, or nullptr.
    const Subfield* find(char code) const;
    std::vector<std::string> all(char code) const;
    friend bool operator==(const Field&, const Field&) = default;
};

struct MarcRecord {
    std::string leader;  // 24 characters
    std::vector<Field> fields;

    const Field* field(std::string_view tag) const;
    std::vector<const Field*> fields_with(std::string_view tag) const;
    // First value of tag$code, or "" when absent.
    std::string value(std::string_view tag, char code) const;
    friend bool operator==(const MarcRecord&, const MarcRecord&) = default;
};

}  // namespace shuxiang::catalog
