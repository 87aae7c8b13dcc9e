#include "shuxiang/district/push.hpp"

#include <algorithm>

#include "shuxiang/catalog/clc.hpp"
#include "shuxiang/catalog/isbn.hpp"

namespace shuxiang::district {
namespace {

struct Fnv {
    unsigned long long h = 1469598103934665603ULL;
    void add(std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        h ^= 0x1f;  // field separator, so that ("ab","c") differs from ("a","bc")
        h *= 1099511628211ULL;
    }
    std::string hex() const {
        static const char* d = "0123456789abcdef";
        std::string out(16, '0');
        for (int k = 0; k < 16; ++k) out[15 - k] = d[(h >> (4 * k)) & 0xf];
        return out;
    }
};

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : "\n") + s;
    return out;
}

TitlePush title_of(const catalog::BibRecord& r, long long copies) {
    TitlePush t;
    t.local_id = r.id;
    t.keys = match_keys(r);
    t.title = r.title;
    t.responsibility = r.responsibility;
    t.publisher = r.publisher;
    t.year = r.year;
    t.clc_top = catalog::clc_top_class(r.clc_class.empty() ? r.call_number : r.clc_class);
    t.call_number = r.call_number;
    t.series = r.series;
    t.subjects = joined(r.subjects);
    t.copies = copies;
    t.fingerprint = fingerprint(t);
    return t;
}

}  // namespace

std::vector<std::string> match_keys(const catalog::BibRecord& r) {
    std::vector<std::string> keys;
    for (const auto& i : r.isbns)
        if (auto n = catalog::isbn_normalize(i); n && std::find(keys.begin(), keys.end(), "isbn:" + *n) == keys.end())
            keys.push_back("isbn:" + *n);
    if (keys.empty() && !r.control_number.empty()) keys.push_back("001:" + r.control_number);
    if (keys.empty()) keys.push_back("key:" + catalog::dedupe_key(r));
    return keys;
}

std::string fingerprint(const TitlePush& t) {
    Fnv f;
    for (const auto& k : t.keys) f.add(k);
    for (const auto* s : {&t.title, &t.responsibility, &t.publisher, &t.year, &t.clc_top, &t.call_number, &t.series,
                          &t.subjects})
        f.add(*s);
    f.add(std::to_string(t.copies));
    return f.hex();
}

SchoolSnapshot snapshot_school(catalog::Store& store) {
    SchoolSnapshot snap;
    store.for_each_record([&](const catalog::BibRecord& r) {
        long long held = 0;
        for (const auto& it : store.items_of(r.id))
            held += it.status != catalog::ItemStatus::Lost && it.status != catalog::ItemStatus::Withdrawn;
        if (held > 0) snap.titles.push_back(title_of(r, held));
    });
    std::sort(snap.titles.begin(), snap.titles.end(), [](auto& a, auto& b) { return a.local_id < b.local_id; });
    Fnv all;
    for (const auto& t : snap.titles) all.add(std::to_string(t.local_id) + ":" + t.fingerprint);
    snap.watermark = std::to_string(snap.titles.size()) + "-" + all.hex();
    return snap;
}

PushResult push_school(DistrictStore& d, const std::string& code, const SchoolSnapshot& snap) {
    for (const auto& s : d.schools())
        if (s.code == code && s.watermark == snap.watermark) {
            PushResult r;
            r.unchanged = true;
            r.watermark = snap.watermark;
            return r;
        }
    auto known = d.fingerprints(code);
    std::vector<TitlePush> changed;
    for (const auto& t : snap.titles) {
        auto it = known.find(t.local_id);
        if (it == known.end() || it->second != t.fingerprint) changed.push_back(t);
        if (it != known.end()) known.erase(it);
    }
    std::vector<long long> removed;
    for (const auto& [id, fp] : known) removed.push_back(id);
    return d.apply_push(code, changed, removed, snap.watermark);
}

}  // namespace shuxiang::district
