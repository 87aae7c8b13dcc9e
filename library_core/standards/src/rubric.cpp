#include "shuxiang/standards/rubric.hpp"

#include <nlohmann/json.hpp>

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"
#include "shuxiang/util/paths.hpp"

namespace shuxiang::standards {

using nlohmann::json;

namespace {
double number(const json& j, const std::string& file, const std::string& ptr, double min) {
    if (!j.is_number()) throw InputError(file, ptr, tr("common.json.expected_number"));
    double v = j.get<double>();
    if (!(v >= min)) throw InputError(file, ptr, trf("standards.error.at_least", {std::to_string(min)}));
    return v;
}

void names(const json& j, const std::string& file, const std::string& ptr, std::string& zh, std::string& en) {
    if (!j.contains("name")) return;
    if (!j["name"].is_object()) throw InputError(file, ptr + "/name", tr("common.json.expected_names"));
    zh = j["name"].value("zh", "");
    en = j["name"].value("en", zh);
}
}  // namespace

Rubric Rubric::load_file(const std::filesystem::path& path) {
    const std::string file = path.string();
    json j;
    try {
        j = json::parse(read_file(path));
    } catch (const json::parse_error& e) {
        throw InputError(file, "byte " + std::to_string(e.byte), tr("common.json.invalid"));
    }
    if (!j.is_object()) throw InputError(file, "", tr("common.json.expected_object"));
    if (!j.contains("schema_version") || !j["schema_version"].is_number_integer() || j["schema_version"].get<int>() > 1)
        throw InputError(file, "/schema_version", tr("standards.error.schema_1"));
    Rubric r;
    r.id = j.value("id", "");
    r.source = j.value("source", "");
    names(j, file, "", r.name_zh, r.name_en);
    if (j.contains("threshold")) r.threshold = number(j["threshold"], file, "/threshold", 0);
    if (j.contains("partial_credit")) {
        const auto& pc = j["partial_credit"];
        if (!pc.is_object()) throw InputError(file, "/partial_credit", tr("common.json.expected_object"));
        for (auto [name, st] : {std::pair{"pass", Status::Pass}, std::pair{"warning", Status::Warning},
                                std::pair{"fail", Status::Fail}, std::pair{"not_assessable", Status::NotAssessable}})
            if (pc.contains(name)) {
                double v = number(pc[name], file, std::string("/partial_credit/") + name, 0);
                if (v > 1) throw InputError(file, std::string("/partial_credit/") + name, tr("standards.error.between_0_1"));
                r.credit[st] = v;
            }
    }
    if (!j.contains("categories") || !j["categories"].is_array())
        throw InputError(file, "/categories", tr("standards.error.categories"));
    for (size_t i = 0; i < j["categories"].size(); ++i) {
        const auto& cj = j["categories"][i];
        std::string ptr = "/categories/" + std::to_string(i);
        if (!cj.is_object()) throw InputError(file, ptr, tr("common.json.expected_object"));
        RubricCategory c;
        c.id = cj.value("id", "");
        names(cj, file, ptr, c.name_zh, c.name_en);
        if (!cj.contains("items") || !cj["items"].is_array()) throw InputError(file, ptr + "/items", tr("common.json.expected_array"));
        for (size_t k = 0; k < cj["items"].size(); ++k) {
            const auto& ij = cj["items"][k];
            std::string ip = ptr + "/items/" + std::to_string(k);
            if (!ij.is_object() || !ij.contains("check") || !ij["check"].is_string())
                throw InputError(file, ip + "/check", tr("standards.error.check_id"));
            if (!ij.contains("points")) throw InputError(file, ip + "/points", tr("common.json.missing"));
            c.items.push_back({ij["check"].get<std::string>(), number(ij["points"], file, ip + "/points", 0)});
        }
        r.categories.push_back(std::move(c));
    }
    return r;
}

double Rubric::max_points() const {
    double s = 0;
    for (auto& c : categories)
        for (auto& i : c.items) s += i.points;
    return s;
}

Score score(const Checklist& checklist, const Rubric& rubric) {
    Score s;
    for (auto& cat : rubric.categories) {
        CategoryScore cs{cat.id, cat.name_zh, cat.name_en, 0, 0, {}};
        for (auto& item : cat.items) {
            ScoreLine line;
            line.check = item.check;
            line.max_points = item.points;
            const Check* c = checklist.find(item.check);
            if (!c) {
                line.missing = true;
                line.status = Status::NotAssessable;
            } else {
                line.status = c->status;
            }
            line.points = item.points * rubric.credit.at(line.status);
            if (line.status == Status::NotAssessable) ++s.not_assessed;
            cs.points += line.points;
            cs.max_points += line.max_points;
            cs.lines.push_back(line);
        }
        s.points += cs.points;
        s.max_points += cs.max_points;
        s.categories.push_back(std::move(cs));
    }
    s.percent = s.max_points > 0 ? 100.0 * s.points / s.max_points : 0;
    s.selected = s.percent >= rubric.threshold;
    return s;
}

std::filesystem::path builtin_rubric_path() { return asset_dir() / "standards" / "rubrics" / "excellent-library.json"; }

}  // namespace shuxiang::standards
