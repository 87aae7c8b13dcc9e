// Access links of digital resources (MARC 856 $u) and the digital records of a catalogue.
#include "shuxiang/reading/digital.hpp"

#include "copies.hpp"
#include "shuxiang/catalog/store.hpp"

namespace shuxiang::reading {

namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

}  // namespace

std::vector<AccessLink> access_links(const catalog::MarcRecord& m) {
    std::vector<AccessLink> out;
    for (const auto* f : m.fields_with("856")) {
        const auto* z = f->find('z');
        const auto* y = f->find('y');
        const std::string label = z ? z->value : y ? y->value : std::string();
        for (auto& u : f->all('u'))
            if (!u.empty()) out.push_back({u, label});
    }
    return out;
}

bool linkable_url(std::string_view url) {
    const bool scheme = starts_with_ci(url, "http://") || starts_with_ci(url, "https://");
    return scheme && url.find_first_of(" \t\r\n\"'<>`\\") == std::string_view::npos;
}

bool is_digital(const catalog::BibRecord& r, std::size_t copies) { return copies == 0 && !access_links(r.marc).empty(); }

DigitalCount count_digital(catalog::Store& store) {
    DigitalCount c;
    store.for_each_record([&](const catalog::BibRecord& r) {
        if (!is_digital(r, static_cast<std::size_t>(copies_held(store, r.id)))) return;
        ++c.records;
        c.links += static_cast<long long>(access_links(r.marc).size());
    });
    return c;
}

}  // namespace shuxiang::reading
