#pragma once
// Digital resources (e-books, audio books, databases): their access links from MARC 856 $u (MARC21
// and CNMARC alike), which of them a page may render as a link, and which records are digital.
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/catalog/bib.hpp"

namespace shuxiang::catalog {
class Store;
}

namespace shuxiang::reading {

// One access link: 856 $u with its public note ($z, else $y link text, else "").
struct AccessLink {
    std::string url, label;
};

std::vector<AccessLink> access_links(const catalog::MarcRecord& m);

// Whether a page may render `url` as a link (<a href>): http:// and https:// only, without
// spaces, quotes or angle brackets; anything else (javascript:, data:, file:) is shown as text.
bool linkable_url(std::string_view url);

// A record is digital when it has an access link and no physical copy (copies that are lost or
// withdrawn do not count): the paper norms count copies, so digital records never count there.
bool is_digital(const catalog::BibRecord& r, std::size_t physical_copies);

// Digital records of the catalogue, apart from paper (a scan of every record).
struct DigitalCount {
    long long records = 0;  // digital records
    long long links = 0;    // their access links
};
DigitalCount count_digital(catalog::Store& store);

}  // namespace shuxiang::reading
