#include "shuxiang/catalog/marc.hpp"

namespace shuxiang::catalog {

const Subfield* Field::find(char code) const {
    for (const auto& s : subfields)
        if (s.code == code) return &s;
    return nullptr;
}

std::vector<std::string> Field::all(char code) const {
    std::vector<std::string> out;
    for (const auto& s : subfields)
        if (s.code == code) out.push_back(s.value);
    return out;
}

const Field* MarcRecord::field(std::string_view tag) const {
    for (const auto& f : fields)
        if (f.tag == tag) return &f;
    return nullptr;
}

std::vector<const Field*> MarcRecord::fields_with(std::string_view tag) const {
    std::vector<const Field*> out;
    for (const auto& f : fields)
        if (f.tag == tag) out.push_back(&f);
    return out;
}

std::string MarcRecord::value(std::string_view tag, char code) const {
    for (const auto& f : fields)
        if (f.tag == tag)
            if (auto* s = f.find(code)) return s->value;
    return {};
}

}  // namespace shuxiang::catalog
