#include "shuxiang/catalog/stats.hpp"

#include "shuxiang/catalog/clc.hpp"

namespace shuxiang::catalog {

double CollectionStats::item_share(int part) const {
    if (total_items <= 0 || part < 1 || part > static_cast<int>(parts.size())) return 0;
    return static_cast<double>(parts[static_cast<std::size_t>(part - 1)].items) / static_cast<double>(total_items);
}

CollectionStats make_stats(const std::vector<ClassCount>& by_top_class) {
    const auto& table = ClcTable::get();
    CollectionStats s;
    for (const auto& c : table.classes) s.classes.push_back({c.code, 0, 0});
    for (const auto& p : table.parts) s.parts.push_back({std::to_string(p.number), 0, 0});
    for (const auto& row : by_top_class) {
        s.total_records += row.records;
        s.total_items += row.items;
        bool found = false;
        for (std::size_t k = 0; k < table.classes.size(); ++k) {
            if (table.classes[k].code != row.code) continue;
            s.classes[k].records += row.records;
            s.classes[k].items += row.items;
            int part = table.classes[k].part;
            for (std::size_t p = 0; p < table.parts.size(); ++p) {
                if (table.parts[p].number != part) continue;
                s.parts[p].records += row.records;
                s.parts[p].items += row.items;
            }
            found = true;
        }
        if (!found) {
            s.unclassified.records += row.records;
            s.unclassified.items += row.items;
        }
    }
    return s;
}

}  // namespace shuxiang::catalog
