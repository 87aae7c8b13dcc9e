// The JSON Schema of plan files (assets/schema/sxplan.schema.json) against what the program reads and
// writes. No C++ JSON Schema validator is packaged in Debian, so a small one checks the keywords the
// schema uses; it refuses keywords it does not know, so the check cannot silently weaken.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "helpers.hpp"
#include "io_problems.hpp"
#include "shuxiang/plan/migrate.hpp"

using namespace sxtest;
using nlohmann::json;

namespace {

json load_schema() {
    return json::parse(shuxiang::read_file(std::filesystem::path(SHUXIANG_SOURCE_ASSET_DIR) / "schema/sxplan.schema.json"));
}

class MiniValidator {
public:
    explicit MiniValidator(json schema) : root_(std::move(schema)) {}

    std::vector<std::string> errors(const json& instance) {
        errors_.clear();
        check(instance, root_, "");
        return errors_;
    }

    std::set<std::string> unknown_keywords;

private:
    const json& resolve(const json& s) {
        if (!s.contains("$ref")) return s;
        const std::string ref = s["$ref"];
        EXPECT_EQ(ref.rfind("#/", 0), 0u) << ref;
        return root_[json::json_pointer(ref.substr(1))];
    }

    static bool has_type(const json& v, const std::string& t) {
        if (t == "object") return v.is_object();
        if (t == "array") return v.is_array();
        if (t == "string") return v.is_string();
        if (t == "boolean") return v.is_boolean();
        if (t == "number") return v.is_number();
        if (t == "integer") return v.is_number_integer() || (v.is_number_float() && v.get<double>() == std::floor(v.get<double>()));
        if (t == "null") return v.is_null();
        return false;
    }

    void fail(const std::string& ptr, const std::string& what) { errors_.push_back(ptr + ": " + what); }

    void check(const json& v, const json& schema_in, const std::string& ptr) {
        const json& s = resolve(schema_in);
        static const std::set<std::string> known{"$schema", "$id", "title", "description", "default", "type",
                                                 "required", "additionalProperties", "properties", "$defs",
                                                 "items", "prefixItems", "minItems", "maxItems", "enum", "const",
                                                 "minimum", "maximum", "exclusiveMinimum", "minLength", "$ref"};
        for (auto& [k, x] : s.items()) {
            (void)x;
            if (!known.count(k)) unknown_keywords.insert(k);
        }
        if (s.contains("type") && !has_type(v, s["type"])) return fail(ptr, "type " + s["type"].get<std::string>());
        if (s.contains("const") && v != s["const"]) fail(ptr, "const");
        if (s.contains("enum") && std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end()) fail(ptr, "enum");
        if (v.is_number()) {
            const double d = v.get<double>();
            if (s.contains("minimum") && d < s["minimum"].get<double>()) fail(ptr, "minimum");
            if (s.contains("maximum") && d > s["maximum"].get<double>()) fail(ptr, "maximum");
            if (s.contains("exclusiveMinimum") && d <= s["exclusiveMinimum"].get<double>()) fail(ptr, "exclusiveMinimum");
        }
        if (v.is_string() && s.contains("minLength") && v.get<std::string>().size() < s["minLength"].get<std::size_t>())
            fail(ptr, "minLength");
        if (v.is_object()) {
            if (s.contains("required"))
                for (const auto& r : s["required"])
                    if (!v.contains(r.get<std::string>())) fail(ptr, "required " + r.get<std::string>());
            const json props = s.value("properties", json::object());
            for (auto& [k, x] : v.items()) {
                if (props.contains(k))
                    check(x, props[k], ptr + "/" + k);
                else if (s.value("additionalProperties", true) == false)
                    fail(ptr + "/" + k, "not described by the schema");
            }
        }
        if (v.is_array()) {
            if (s.contains("minItems") && v.size() < s["minItems"].get<std::size_t>()) fail(ptr, "minItems");
            if (s.contains("maxItems") && v.size() > s["maxItems"].get<std::size_t>()) fail(ptr, "maxItems");
            const std::size_t prefix = s.contains("prefixItems") ? s["prefixItems"].size() : 0;
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (i < prefix)
                    check(v[i], s["prefixItems"][i], ptr + "/" + std::to_string(i));
                else if (s.contains("items"))
                    check(v[i], s["items"], ptr + "/" + std::to_string(i));
            }
        }
    }

    json root_;
    std::vector<std::string> errors_;
};

TEST(PlanSchema, IsDraft202012AndDescribesTheCurrentVersion) {
    const json s = load_schema();
    EXPECT_EQ(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    EXPECT_EQ(s["properties"]["schema_version"]["const"], kSchemaVersion);
    // Every $ref resolves.
    const json flat = s.flatten();
    int refs = 0;
    for (auto& [ptr, v] : flat.items())
        if (ptr.size() >= 5 && ptr.substr(ptr.size() - 5) == "/$ref") {
            const std::string ref = v;
            ASSERT_EQ(ref.rfind("#/", 0), 0u);
            EXPECT_TRUE(s.contains(json::json_pointer(ref.substr(1)))) << ref;
            ++refs;
        }
    EXPECT_GE(refs, 10);
}

TEST(PlanSchema, EnumsListExactlyTheModelsValues) {
    const json s = load_schema();
    auto values = [&](const char* ptr) {
        std::set<std::string> out;
        for (const auto& v : s[json::json_pointer(ptr)]) out.insert(v.get<std::string>());
        return out;
    };
    std::set<std::string> kinds;
    for (int i = 0; i <= static_cast<int>(RoomKind::Circulation); ++i) kinds.insert(to_string(static_cast<RoomKind>(i)));
    EXPECT_EQ(values("/$defs/room/properties/kind/enum"), kinds);
    std::set<std::string> types;
    for (int i = 0; i <= static_cast<int>(SchoolType::TwelveYear); ++i) types.insert(to_string(static_cast<SchoolType>(i)));
    EXPECT_EQ(values("/$defs/school/properties/type/enum"), types);
    std::set<std::string> swings;
    for (int i = 0; i <= static_cast<int>(DoorSwing::Sliding); ++i) swings.insert(to_string(static_cast<DoorSwing>(i)));
    EXPECT_EQ(values("/$defs/opening/properties/swing/enum"), swings);
    EXPECT_EQ(values("/$defs/opening/properties/opens_to/enum"),
              (std::set<std::string>{to_string(WallSide::Left), to_string(WallSide::Right)}));
    std::set<std::string> openings;
    for (int i = 0; i <= static_cast<int>(OpeningKind::EmergencyExit); ++i)
        openings.insert(to_string(static_cast<OpeningKind>(i)));
    EXPECT_EQ(values("/$defs/opening/properties/kind/enum"), openings);
}

TEST(PlanSchema, MigratedV2FixtureConforms) {
    MiniValidator v(load_schema());
    json doc = json::parse(fixture_text("v2/qingshi_road.sxplan.json"));
    ASSERT_TRUE(migrate_plan_json(doc).empty());
    EXPECT_EQ(doc["schema_version"], 5);
    const auto errors = v.errors(doc);
    EXPECT_TRUE(errors.empty()) << errors.front();
    EXPECT_TRUE(v.unknown_keywords.empty()) << *v.unknown_keywords.begin();
}

TEST(PlanSchema, MigratedV1FixtureConforms) {
    json doc = json::parse(fixture_text("v1/qingshi_road.sxplan.json"));
    ASSERT_TRUE(migrate_plan_json(doc).empty());
    MiniValidator v(load_schema());
    const auto errors = v.errors(doc);
    EXPECT_TRUE(errors.empty()) << errors.front();
}

TEST(PlanSchema, EverythingTheProgramWritesIsDescribed) {
    // rich_plan sets every field, including the optional `sections`, so every key written appears.
    MiniValidator v(load_schema());
    Plan rich = rich_plan();
    Stair st;
    st.id = "stair-1";
    st.name = "楼梯";
    st.from_level = "B1";
    st.to_level = "roof";
    st.foot = {1, 1};
    st.head = {1, 3.52};
    st.steps = 10;
    rich.stairs.push_back(st);
    const json written = json::parse(plan_to_json_text(rich));
    const auto errors = v.errors(written);
    EXPECT_TRUE(errors.empty()) << errors.front();
    EXPECT_TRUE(written["levels"][0]["furniture"][0].contains("sections"));
    // And every property the schema describes is one the program writes (none is stale).
    const json s = load_schema();
    auto keys = [](const json& o) {
        std::set<std::string> k;
        for (auto& [key, x] : o.items()) {
            (void)x;
            k.insert(key);
        }
        return k;
    };
    EXPECT_EQ(keys(s["properties"]), keys(written));
    EXPECT_EQ(keys(s["$defs"]["school"]["properties"]), keys(written["school"]));
    EXPECT_EQ(keys(s["$defs"]["school"]["properties"]["students"]["properties"]), keys(written["school"]["students"]));
    const json& l = written["levels"][0];
    EXPECT_EQ(keys(s["$defs"]["level"]["properties"]), keys(l));
    EXPECT_EQ(keys(s["$defs"]["room"]["properties"]), keys(l["rooms"][0]));
    EXPECT_EQ(keys(s["$defs"]["wall"]["properties"]), keys(l["walls"][0]));
    EXPECT_EQ(keys(s["$defs"]["opening"]["properties"]), keys(l["openings"][0]));
    EXPECT_EQ(keys(s["$defs"]["furniture"]["properties"]), keys(l["furniture"][0]));
    EXPECT_EQ(keys(s["$defs"]["furniture_type"]["properties"]), keys(written["furniture_types"][0]));
    EXPECT_EQ(keys(s["$defs"]["stair"]["properties"]), keys(written["stairs"][0]));
}

TEST(PlanSchema, RequiredFieldsAreTheOnesTheReaderRequires) {
    // Removing a required key (per the schema) from the fixture makes the reader report exactly that key.
    const json s = load_schema();
    const json base = json::parse(fixture_text("v2/qingshi_road.sxplan.json"));
    const std::vector<std::pair<std::string, std::string>> objects{
        {"", "/"}, {"/school", "/$defs/school"}, {"/levels/0", "/$defs/level"},
        {"/levels/0/rooms/0", "/$defs/room"}, {"/levels/0/walls/0", "/$defs/wall"},
        {"/levels/0/openings/0", "/$defs/opening"}, {"/levels/0/furniture/0", "/$defs/furniture"}};
    English english;
    int checked = 0;
    for (const auto& [at, def] : objects) {
        const json& d = def == "/" ? s : s[json::json_pointer(def)];
        for (const auto& r : d["required"]) {
            const std::string key = r;
            if (key == "schema_version") continue;  // its absence is covered in the migration tests
            json doc = base;
            doc[json::json_pointer(at.empty() ? "" : at)].erase(key);
            auto problems = validate_plan_text(doc.dump(), test_catalog());
            ASSERT_FALSE(problems.empty()) << at << " " << key;
            EXPECT_EQ(problems[0].pointer, at) << key;
            EXPECT_EQ(problems[0].message, "missing required field '" + key + "'");
            ++checked;
        }
    }
    EXPECT_EQ(checked, 2 + 3 + 1 + 3 + 2 + 4 + 3);
}

TEST(PlanIoTranslations, EveryMessageKeyIsInThePlanIoFile) {
    const json file = json::parse(shuxiang::read_file(std::filesystem::path(SHUXIANG_SOURCE_ASSET_DIR) / "i18n/plan_io.json"));
    std::set<std::string> in_code;
    for (const auto& m : shuxiang::plan::detail::message_texts()) {
        in_code.insert(m.key);
        ASSERT_TRUE(file.contains(m.key)) << m.key;
        EXPECT_EQ(file[m.key]["en"], m.en) << m.key;
        EXPECT_FALSE(file[m.key]["zh"].get<std::string>().empty()) << m.key;
    }
    std::set<std::string> in_file;
    for (auto& [k, v] : file.items()) {
        (void)v;
        in_file.insert(k);
    }
    EXPECT_EQ(in_code, in_file);
}

}  // namespace
