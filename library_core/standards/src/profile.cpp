#include "shuxiang/standards/profile.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"
#include "shuxiang/util/paths.hpp"

namespace shuxiang::standards {

using nlohmann::json;

const char* to_string(Confidence c) {
    switch (c) {
        case Confidence::Official: return "official";
        case Confidence::Secondary: return "secondary";
        case Confidence::Unconfirmed: return "unconfirmed";
    }
    return "unconfirmed";
}

namespace {

constexpr int kProfileSchema = 1;

std::map<std::string, Figure> read_figures(const json& obj, const std::string& file, const std::string& ptr,
                                           const std::string& profile) {
    std::map<std::string, Figure> out;
    if (!obj.is_object()) throw InputError(file, ptr, tr("standards.error.figures"));
    for (auto& [key, v] : obj.items()) {
        std::string p = ptr + "/" + key;
        if (!v.is_object()) throw InputError(file, p, tr("standards.error.figure"));
        Figure f;
        f.key = key;
        f.profile = profile;
        if (!v.contains("value") || !v["value"].is_number())
            throw InputError(file, p + "/value", tr("common.json.expected_number"));
        f.value = v["value"].get<double>();
        if (!std::isfinite(f.value)) throw InputError(file, p + "/value", tr("common.json.expected_finite"));
        if (!v.contains("source") || !v["source"].is_string() || v["source"].get<std::string>().empty())
            throw InputError(file, p + "/source", tr("standards.error.source"));
        f.source = v["source"].get<std::string>();
        if (v.contains("source_en")) {
            if (!v["source_en"].is_string()) throw InputError(file, p + "/source_en", tr("common.json.expected_string"));
            f.source_en = v["source_en"].get<std::string>();
        }
        if (v.contains("unit")) {
            if (!v["unit"].is_string()) throw InputError(file, p + "/unit", tr("common.json.expected_string"));
            f.unit = v["unit"].get<std::string>();
        }
        if (!v.contains("confidence") || !v["confidence"].is_string())
            throw InputError(file, p + "/confidence", tr("standards.error.confidence"));
        auto c = v["confidence"].get<std::string>();
        if (c == "official") f.confidence = Confidence::Official;
        else if (c == "secondary") f.confidence = Confidence::Secondary;
        else if (c == "unconfirmed") f.confidence = Confidence::Unconfirmed;
        else throw InputError(file, p + "/confidence", trf("standards.error.unknown_confidence", {c}));
        out.emplace(key, std::move(f));
    }
    return out;
}

std::string opt_string(const json& j, const char* key, const std::string& file) {
    if (!j.contains(key) || j[key].is_null()) return {};
    if (!j[key].is_string()) throw InputError(file, std::string("/") + key, tr("common.json.expected_string"));
    return j[key].get<std::string>();
}

std::vector<Profile> load_all(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (auto& e : std::filesystem::directory_iterator(dir, ec))
        if (e.path().extension() == ".json") files.push_back(e.path());
    if (ec) throw InputError(dir.string(), "", trf("standards.error.cannot_read_dir", {ec.message()}));
    std::sort(files.begin(), files.end());
    std::vector<Profile> out;
    for (auto& f : files) out.push_back(Profile::load_file(f));
    return out;
}

std::vector<std::string> string_list(const json& j, const std::string& file, const std::string& ptr) {
    if (!j.is_array()) throw InputError(file, ptr, tr("standards.error.regions"));
    std::vector<std::string> out;
    for (size_t i = 0; i < j.size(); ++i) {
        if (!j[i].is_string()) throw InputError(file, ptr + "/" + std::to_string(i), tr("common.json.expected_string"));
        out.push_back(j[i].get<std::string>());
    }
    return out;
}

void read_policy(const json& j, const std::string& file, Profile& p) {
    if (!j.is_object()) throw InputError(file, "/policy", tr("common.json.expected_object"));
    if (j.contains("book_standard")) {
        const auto& b = j["book_standard"];
        if (!b.is_object()) throw InputError(file, "/policy/book_standard", tr("common.json.expected_object"));
        if (b.contains("checks")) p.book_standard_checks = string_list(b["checks"], file, "/policy/book_standard/checks");
        if (b.contains("warning_meets")) {
            if (!b["warning_meets"].is_boolean())
                throw InputError(file, "/policy/book_standard/warning_meets", tr("common.json.expected_bool"));
            p.warning_meets = b["warning_meets"].get<bool>();
        }
        if (b.contains("source")) {
            if (!b["source"].is_string()) throw InputError(file, "/policy/book_standard/source", tr("common.json.expected_string"));
            p.policy_source = b["source"].get<std::string>();
        }
    }
    if (j.contains("required")) p.required = string_list(j["required"], file, "/policy/required");
    if (j.contains("mixed_school_titles")) {
        const auto& m = j["mixed_school_titles"];
        if (!m.is_object() || !m.contains("rule") || !m["rule"].is_string())
            throw InputError(file, "/policy/mixed_school_titles/rule", tr("common.json.expected_string"));
        std::string rule = m["rule"].get<std::string>();
        if (rule != "student_weighted" && rule != "highest_stage" && rule != "sum_of_stages")
            throw InputError(file, "/policy/mixed_school_titles/rule", trf("standards.error.unknown_rule", {rule}));
        p.mixed_titles_rule = rule;
    }
}

}  // namespace

bool Policy::in_book_standard(const std::string& id, const std::string& group) const {
    if (book_standard_checks.empty()) return group == "collection";
    for (auto& k : book_standard_checks) {
        if (k == id) return true;
        if (!k.empty() && k.back() == '.' && id.compare(0, k.size(), k) == 0) return true;
    }
    return false;
}

bool Policy::makes_required(const std::string& id) const {
    return std::find(required.begin(), required.end(), id) != required.end();
}

Profile Profile::load_file(const std::filesystem::path& path) {
    const std::string file = path.string();
    json j;
    try {
        j = json::parse(read_file(path));
    } catch (const json::parse_error& e) {
        throw InputError(file, "byte " + std::to_string(e.byte), tr("common.json.invalid"));
    }
    if (!j.is_object()) throw InputError(file, "", tr("common.json.expected_object"));
    if (!j.contains("schema_version") || !j["schema_version"].is_number_integer())
        throw InputError(file, "/schema_version", tr("common.json.expected_integer"));
    int v = j["schema_version"].get<int>();
    if (v > kProfileSchema)
        throw InputError(file, "/schema_version",
                         trf("common.json.newer_schema", {std::to_string(v), std::to_string(kProfileSchema)}));
    Profile p;
    p.id = opt_string(j, "id", file);
    if (p.id.empty()) throw InputError(file, "/id", tr("standards.error.no_id"));
    p.parent = opt_string(j, "parent", file);
    p.edition = opt_string(j, "edition", file);
    if (j.contains("name")) {
        if (!j["name"].is_object()) throw InputError(file, "/name", tr("common.json.expected_names"));
        p.name_zh = j["name"].value("zh", p.id);
        p.name_en = j["name"].value("en", p.id);
    }
    if (j.contains("regions")) {
        if (!j["regions"].is_array()) throw InputError(file, "/regions", tr("standards.error.regions"));
        for (size_t i = 0; i < j["regions"].size(); ++i) {
            if (!j["regions"][i].is_string()) throw InputError(file, "/regions/" + std::to_string(i), tr("common.json.expected_string"));
            p.regions.push_back(j["regions"][i].get<std::string>());
        }
    }
    if (j.contains("figures")) p.figures = read_figures(j["figures"], file, "/figures", p.id);
    if (j.contains("tolerances")) p.tolerances = read_figures(j["tolerances"], file, "/tolerances", p.id);
    if (j.contains("policy")) read_policy(j["policy"], file, p);
    return p;
}

RuleSet RuleSet::resolve(const std::vector<Profile>& profiles, const std::string& id) {
    auto find = [&](const std::string& want) -> const Profile* {
        for (auto& p : profiles)
            if (p.id == want) return &p;
        return nullptr;
    };
    std::vector<const Profile*> chain;
    std::set<std::string> seen;
    for (std::string cur = id; !cur.empty();) {
        const Profile* p = find(cur);
        if (!p) {
            if (chain.empty()) throw InputError("", "profile " + id, tr("standards.error.unknown_profile"));
            throw InputError("", "profile " + chain.back()->id, trf("standards.error.no_parent", {cur}));
        }
        if (!seen.insert(cur).second) throw InputError("", "profile " + id, trf("standards.error.cycle", {cur}));
        chain.push_back(p);
        cur = p->parent;
    }
    std::reverse(chain.begin(), chain.end());
    RuleSet rs;
    for (auto* p : chain) {
        rs.chain_.push_back(p->id);
        for (auto& [k, f] : p->figures) rs.figures_[k] = f;
        for (auto& [k, f] : p->tolerances) rs.tolerances_[k] = f;
        Policy& pol = rs.policy_;
        if (p->book_standard_checks) pol.book_standard_checks = *p->book_standard_checks;
        if (p->warning_meets) pol.warning_meets = *p->warning_meets;
        if (p->required) pol.required = *p->required;
        if (p->mixed_titles_rule) pol.mixed_titles_rule = *p->mixed_titles_rule;
        if (p->policy_source) pol.source = *p->policy_source;
    }
    rs.name_zh_ = chain.back()->name_zh;
    rs.name_en_ = chain.back()->name_en;
    return rs;
}

RuleSet RuleSet::load(const std::filesystem::path& dir, const std::string& id) {
    return resolve(load_all(dir), id);
}

RuleSet RuleSet::for_region(const std::filesystem::path& dir, const std::string& region) {
    auto profiles = load_all(dir);
    const Profile* best = nullptr;
    size_t best_len = 0;
    for (auto& p : profiles)
        for (auto& r : p.regions)
            if (!r.empty() && region.compare(0, r.size(), r) == 0 && r.size() > best_len) {
                best = &p;
                best_len = r.size();
            }
    return resolve(profiles, best ? best->id : "cn-national");
}

const Figure* RuleSet::figure(const std::string& key) const {
    auto it = figures_.find(key);
    return it == figures_.end() ? nullptr : &it->second;
}

const Figure* RuleSet::tolerance(const std::string& key) const {
    auto it = tolerances_.find(key);
    return it == tolerances_.end() ? nullptr : &it->second;
}

double RuleSet::value(const std::string& key, double fallback) const {
    auto* f = figure(key);
    return f ? f->value : fallback;
}

double RuleSet::tolerance_value(const std::string& key, double fallback) const {
    auto* f = tolerance(key);
    return f ? f->value : fallback;
}

void RuleSet::set(Figure f) { figures_[f.key] = std::move(f); }

std::filesystem::path builtin_profile_dir() { return asset_dir() / "standards"; }

}  // namespace shuxiang::standards
