#pragma once
// The bureau's configurable scoring rubric for the excellent-library selection: points per check,
// grouped in categories, with partial credit by status.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "shuxiang/standards/compliance.hpp"

namespace shuxiang::standards {

struct RubricItem {
    std::string check;  // id of a check in the checklist
    double points = 0;
};

struct RubricCategory {
    std::string id, name_zh, name_en;
    std::vector<RubricItem> items;
};

struct Rubric {
    std::string id, name_zh, name_en, source;
    double threshold = 85;  // score needed to be selected
    std::map<Status, double> credit{{Status::Pass, 1.0}, {Status::Warning, 0.5}, {Status::Fail, 0.0},
                                    {Status::NotAssessable, 0.0}};
    std::vector<RubricCategory> categories;

    // Throws InputError naming the file and JSON pointer.
    static Rubric load_file(const std::filesystem::path& path);
    double max_points() const;
};

struct ScoreLine {
    std::string check;
    double points = 0, max_points = 0;
    Status status = Status::NotAssessable;
    bool missing = false;  // the checklist has no such check
};

struct CategoryScore {
    std::string id, name_zh, name_en;
    double points = 0, max_points = 0;
    std::vector<ScoreLine> lines;
};

struct Score {
    double points = 0, max_points = 0;
    double percent = 0;  // points / max_points × 100
    bool selected = false;
    int not_assessed = 0;  // items that scored nothing because they could not be assessed
    std::vector<CategoryScore> categories;
};

Score score(const Checklist& checklist, const Rubric& rubric);

std::filesystem::path builtin_rubric_path();

}  // namespace shuxiang::standards
