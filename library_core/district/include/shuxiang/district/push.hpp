#pragma once
// A school's union-catalogue push: what its database holds (titles with held copies, never loans
// or readers), compared with what the district has, so that only changes travel.
#include <string>
#include <vector>

#include "shuxiang/catalog/store.hpp"
#include "shuxiang/district/store.hpp"

namespace shuxiang::district {

// Every record of the school with at least one held copy (every status but lost and withdrawn),
// and the watermark: a digest of all of them (equal watermarks: nothing changed since).
struct SchoolSnapshot {
    std::vector<TitlePush> titles;  // by local id
    std::string watermark;
};
SchoolSnapshot snapshot_school(catalog::Store& store);

// The keys that match a record across schools: its valid ISBNs ("isbn:<ISBN-13>"); without one
// its control number ("001:..."); without either the catalogue's own match key ("key:...").
std::vector<std::string> match_keys(const catalog::BibRecord& r);
// A stable digest (FNV-1a 64, hex) of a pushed title's fields and copies.
std::string fingerprint(const TitlePush& t);

// Pushes the snapshot for school `code`: nothing when the district's watermark is the same,
// otherwise the titles whose fingerprint differs and the removal of those gone. Repeating a push
// changes nothing.
PushResult push_school(DistrictStore& d, const std::string& code, const SchoolSnapshot& snap);

}  // namespace shuxiang::district
