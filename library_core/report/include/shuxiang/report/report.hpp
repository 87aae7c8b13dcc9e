#pragma once
// The bureau's review report: one self-contained HTML page (Chinese with an English toggle, no
// external files) and the same content as JSON.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"
#include "shuxiang/standards/compliance.hpp"
#include "shuxiang/standards/holdings.hpp"
#include "shuxiang/standards/rubric.hpp"

namespace shuxiang::report {

// A picture of the plan to embed (a photo still of the editor): its file name and PNG bytes.
struct ReportImage {
    std::string name;
    std::string png;
};

struct ReportInput {
    const plan::Plan* plan = nullptr;
    const plan::FurnitureCatalog* catalog = nullptr;
    const standards::Checklist* checklist = nullptr;
    const standards::HoldingsSummary* holdings = nullptr;  // may be null
    std::string profile_name_zh, profile_name_en;
    std::optional<nlohmann::json> sim_metrics;  // metrics.json of the latest simulation, if any
    std::string generated;                      // date of the report, YYYY-MM-DD
    const standards::Score* score = nullptr;    // excellent-library score under a rubric, if any
    double score_threshold = 0;                 // the rubric's threshold for selection
    const standards::RuleSet* rules = nullptr;  // the profile, for the rooms table's required areas
    std::vector<ReportImage> images;            // views embedded after the plan (data: URIs, no external files)
    // Digital resources (records with 856 access links and no copies), shown beside paper and never
    // counted towards the paper-book norms; unset when not known.
    std::optional<long long> digital_records;
};

std::string render_html(const ReportInput& in);
nlohmann::ordered_json render_json(const ReportInput& in);

// Top view of one level as an SVG fragment: rooms coloured by kind, walls, furniture footprints,
// openings, and numbered markers for the checks that point at places.
std::string level_svg(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, std::size_t level,
                      const std::vector<std::pair<int, standards::Marker>>& markers);

// Escapes text for HTML and SVG.
std::string html_escape(std::string_view s);

}  // namespace shuxiang::report
