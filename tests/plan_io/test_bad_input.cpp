// Bad plan files: each kind of problem with its exact JSON pointer; validation collects all of them,
// loading stops at the first; no input crashes the reader.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

#include "helpers.hpp"
#include "shuxiang/util/error.hpp"

using namespace sxtest;
using nlohmann::json;

namespace {

json base_doc() { return json::parse(fixture_text("v2/qingshi_road.sxplan.json")); }

std::vector<Problem> problems_of(const std::function<void(json&)>& edit) {
    json doc = base_doc();
    edit(doc);
    return validate_plan_text(doc.dump(), test_catalog());
}

// The single problem of a file edited from the valid fixture.
Problem only_problem(const std::function<void(json&)>& edit) {
    auto problems = problems_of(edit);
    EXPECT_EQ(problems.size(), 1u);
    if (problems.size() != 1)
        for (const auto& p : problems) ADD_FAILURE() << "  " << p.pointer << ": " << p.message;
    return problems.empty() ? Problem{} : problems.front();
}

// The error that loading throws.
shuxiang::InputError load_error(const std::string& text) {
    try {
        plan_from_json_text(text, "bad.sxplan.json", test_catalog());
    } catch (const shuxiang::InputError& e) {
        return e;
    }
    ADD_FAILURE() << "no exception";
    return shuxiang::InputError("", "", "");
}

class BadInput : public ::testing::Test {
protected:
    English english;
};

TEST_F(BadInput, TheFixtureIsValid) { EXPECT_TRUE(problems_of([](json&) {}).empty()); }

TEST_F(BadInput, BrokenJsonNamesLineAndColumn) {
    const std::string text = "{\n  \"schema_version\": 2,\n  \"school\" {}\n}";
    auto e = load_error(text);
    EXPECT_EQ(e.file(), "bad.sxplan.json");
    EXPECT_EQ(e.where(), "line 3, column 12");
    EXPECT_EQ(e.message(), "invalid JSON: syntax error while parsing object separator - unexpected '{'; expected ':'");
    EXPECT_EQ(std::string(e.what()),
              "bad.sxplan.json: line 3, column 12: invalid JSON: syntax error while parsing object separator - "
              "unexpected '{'; expected ':'");
    auto problems = validate_plan_text(text, test_catalog());
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].pointer, "");
    EXPECT_EQ(problems[0].key, "plan_io.json_syntax");
    EXPECT_EQ(problems[0].args[0], "3");
    EXPECT_EQ(problems[0].args[1], "12");
    EXPECT_EQ(problems[0].message,
              "invalid JSON at line 3, column 12: syntax error while parsing object separator - unexpected '{'; "
              "expected ':'");
}

TEST_F(BadInput, ColumnsCountCharactersNotBytes) {
    // "名称" is 6 bytes but 2 characters; the stray 'x' is the 11th character of line 2.
    const std::string text = "{\n  \"名称\": 1 x\n}";
    EXPECT_EQ(load_error(text).where(), "line 2, column 11");
}

TEST_F(BadInput, EmptyAndTruncatedFiles) {
    EXPECT_EQ(load_error("").where(), "line 1, column 1");
    EXPECT_EQ(load_error("{\"schema_version\": 2, \"levels\": [").where(), "line 1, column 34");
}

TEST_F(BadInput, NumberTooLargeNamesLineAndColumn) {
    auto e = load_error("{\"schema_version\": 2,\n \"notes\": \"\", \"opening_hours_per_week\": 1e999}");
    EXPECT_EQ(e.where(), "line 2, column 41");
    EXPECT_EQ(e.message(), "number too large: 1e999");
    const auto problems = validate_plan_text("{\"schema_version\": 2,\n \"notes\": \"\", \"opening_hours_per_week\": 1e999}",
                                             test_catalog());
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].message, "number too large at line 2, column 41: 1e999");
}

TEST_F(BadInput, WrongType) {
    auto p = only_problem([](json& d) { d["school"]["teachers"] = "many"; });
    EXPECT_EQ(p.pointer, "/school/teachers");
    EXPECT_EQ(p.message, "expected integer, found string");
    p = only_problem([](json& d) { d["levels"][0]["rooms"][1]["polygon"][2] = {12, 8, 1}; });
    EXPECT_EQ(p.pointer, "/levels/0/rooms/1/polygon/2");
    EXPECT_EQ(p.message, "expected a point [x, y], found array of 3");
    p = only_problem([](json& d) { d["levels"][0]["openings"][2]["entrance"] = 1; });
    EXPECT_EQ(p.pointer, "/levels/0/openings/2/entrance");
    EXPECT_EQ(p.message, "expected boolean, found integer");
    p = only_problem([](json& d) { d["levels"] = json::object(); });
    EXPECT_EQ(p.pointer, "/levels");
    EXPECT_EQ(p.message, "expected array, found object");
    p = only_problem([](json& d) { d["school"]["classes"] = 20.5; });
    EXPECT_EQ(p.pointer, "/school/classes");
    EXPECT_EQ(p.key, "plan_io.not_integer");
    p = only_problem([](json& d) { d["school"]["classes"] = 3000000000LL; });
    EXPECT_EQ(p.pointer, "/school/classes");
    EXPECT_EQ(p.message, "integer 3000000000 is out of range");
    // A whole number written as 20.0 is an integer.
    EXPECT_TRUE(problems_of([](json& d) { d["school"]["classes"] = 20.0; }).empty());
}

TEST_F(BadInput, DuplicateKeys) {
    // The second "width" of the fourth opening and a repeated top-level key.
    std::string text = fixture_text("v2/qingshi_road.sxplan.json");
    const std::string door = R"("id": "d-stack", "kind": "door", "wall": "w-mid", "offset": 6, "width": 1.0,)";
    const auto at = text.find(door);
    ASSERT_NE(at, std::string::npos);
    text.insert(at + door.size(), R"( "width": 2.0,)");
    text.insert(text.find("\"levels\""), R"("notes": "again", )");
    const auto problems = validate_plan_text(text, test_catalog());
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].pointer, "/notes");
    EXPECT_EQ(problems[1].pointer, "/levels/0/openings/3/width");
    EXPECT_EQ(problems[1].message, "key 'width' is given twice in this object; only the last would be kept");
    // Same keys in different objects are fine (the fixture has many "id"s).
    EXPECT_TRUE(validate_plan_text(fixture_text("v2/qingshi_road.sxplan.json"), test_catalog()).empty());
}

TEST_F(BadInput, TopLevelMustBeAnObject) {
    auto e = load_error("[1, 2]");
    EXPECT_EQ(e.where(), "");
    EXPECT_EQ(e.message(), "expected object, found array");
}

TEST_F(BadInput, MissingRequiredField) {
    auto p = only_problem([](json& d) { d["levels"][0]["rooms"][3].erase("kind"); });
    EXPECT_EQ(p.pointer, "/levels/0/rooms/3");
    EXPECT_EQ(p.message, "missing required field 'kind'");
    p = only_problem([](json& d) { d["levels"][0]["furniture"][1].erase("position"); });
    EXPECT_EQ(p.pointer, "/levels/0/furniture/1");
    EXPECT_EQ(p.message, "missing required field 'position'");
    p = only_problem([](json& d) { d.erase("school"); });
    EXPECT_EQ(p.pointer, "");
    EXPECT_EQ(p.message, "missing required field 'school'");
}

TEST_F(BadInput, UnknownField) {
    auto p = only_problem([](json& d) { d["levels"][0]["walls"][0]["colour/name"] = "red"; });
    EXPECT_EQ(p.pointer, "/levels/0/walls/0/colour~1name");
    EXPECT_EQ(p.message, "unknown field 'colour/name'");
}

TEST_F(BadInput, UnknownEnumValue) {
    auto p = only_problem([](json& d) { d["levels"][0]["rooms"][0]["kind"] = "library"; });
    EXPECT_EQ(p.pointer, "/levels/0/rooms/0/kind");
    EXPECT_EQ(p.message,
              "unknown value 'library'; expected one of: stacks, lending, reading, research, rest, audio_visual, "
              "av_store, periodicals, workroom, classroom_corner, reading_corridor, outdoor_reading, circulation");
    p = only_problem([](json& d) { d["school"]["type"] = "university"; });
    EXPECT_EQ(p.pointer, "/school/type");
    p = only_problem([](json& d) { d["levels"][0]["openings"][3]["swing"] = "outward"; });
    EXPECT_EQ(p.pointer, "/levels/0/openings/3/swing");
    p = only_problem([](json& d) { d["levels"][0]["openings"][3]["opens_to"] = "outward"; });
    EXPECT_EQ(p.pointer, "/levels/0/openings/3/opens_to");
    EXPECT_EQ(p.message, "unknown value 'outward'; expected one of: left, right");
    p = only_problem([](json& d) { d["levels"][0]["openings"][0]["kind"] = "skylight"; });
    EXPECT_EQ(p.pointer, "/levels/0/openings/0/kind");
    p = only_problem([](json& d) { d["levels"][0]["rooms"][0]["stack_arrangement"] = "mobile"; });
    EXPECT_EQ(p.pointer, "/levels/0/rooms/0/stack_arrangement");
    EXPECT_EQ(p.message, "unknown value 'mobile'; expected one of: open, closed, compact");
}

TEST_F(BadInput, BadNumbers) {
    auto p = only_problem([](json& d) { d["levels"][0]["openings"][1]["width"] = -1.2; });
    EXPECT_EQ(p.pointer, "/levels/0/openings/1/width");
    EXPECT_EQ(p.message, "must be greater than 0 (got -1.2)");
    p = only_problem([](json& d) { d["levels"][0]["walls"][2]["thickness"] = 0; });
    EXPECT_EQ(p.pointer, "/levels/0/walls/2/thickness");
    p = only_problem([](json& d) { d["levels"][0]["rooms"][0]["clear_height"] = -3; });
    EXPECT_EQ(p.pointer, "/levels/0/rooms/0/clear_height");
    p = only_problem([](json& d) { d["school"]["students"]["junior"] = -5; });
    EXPECT_EQ(p.pointer, "/school/students/junior");
    EXPECT_EQ(p.message, "must not be negative (got -5)");
    p = only_problem([](json& d) { d["opening_hours_per_week"] = 200; });
    EXPECT_EQ(p.pointer, "/opening_hours_per_week");
    EXPECT_EQ(p.message, "must be at most 168 (got 200.0)");
    p = only_problem([](json& d) { d["levels"][0]["furniture"][0]["sections"] = 0; });
    EXPECT_EQ(p.pointer, "/levels/0/furniture/0/sections");
    p = only_problem([](json& d) { d["levels"][0]["openings"][0]["sill"] = -0.1; });
    EXPECT_EQ(p.pointer, "/levels/0/openings/0/sill");
}

TEST_F(BadInput, NotFiniteNumbersInAModel) {
    // JSON text cannot hold NaN; a plan built in memory can, and validation names it.
    Plan p = plan_from_json_text(fixture_text("v2/qingshi_road.sxplan.json"), "f", test_catalog());
    p.levels[0].walls[1].thickness = std::numeric_limits<double>::quiet_NaN();
    p.levels[0].furniture[2].position.y = std::numeric_limits<double>::infinity();
    auto problems = validate_plan(p, test_catalog());
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].pointer, "/levels/0/walls/1/thickness");
    EXPECT_EQ(problems[0].message, "not a finite number");
    EXPECT_EQ(problems[1].pointer, "/levels/0/furniture/2/position/1");
}

TEST_F(BadInput, StudentsInAStageTheSchoolDoesNotHave) {
    auto p = only_problem([](json& d) { d["school"]["students"]["senior"] = 120; });
    EXPECT_EQ(p.pointer, "/school/students/senior");
    EXPECT_EQ(p.message, "a 'nine_year' school has no senior students (got 120)");
}

TEST_F(BadInput, UnknownFurnitureType) {
    auto p = only_problem([](json& d) { d["levels"][0]["furniture"][1]["type"] = "hammock"; });
    EXPECT_EQ(p.pointer, "/levels/0/furniture/1/type");
    EXPECT_EQ(p.message, "unknown furniture type 'hammock'");
    // The type check is its own step.
    Plan plan = plan_from_json_text(fixture_text("v2/qingshi_road.sxplan.json"), "f", test_catalog());
    plan.levels[0].furniture[1].type = "hammock";
    EXPECT_TRUE(check_plan_values(plan).empty());
    ASSERT_EQ(check_furniture_types(plan, test_catalog()).size(), 1u);
    EXPECT_EQ(check_furniture_types(plan, FurnitureCatalog{}).size(), 3u);
}

TEST_F(BadInput, DuplicateIds) {
    // Ids are unique across the whole plan, not only among objects of one kind.
    auto p = only_problem([](json& d) { d["levels"][0]["furniture"][2]["id"] = "r-stack"; });
    EXPECT_EQ(p.pointer, "/levels/0/furniture/2/id");
    EXPECT_EQ(p.message, "duplicate id 'r-stack' (first used at /levels/0/rooms/1/id)");
    p = only_problem([](json& d) { d["levels"][0]["openings"][3]["id"] = ""; });
    EXPECT_EQ(p.pointer, "/levels/0/openings/3/id");
    EXPECT_EQ(p.message, "id must not be empty");
}

TEST_F(BadInput, OpeningOnAnUnknownWall) {
    auto p = only_problem([](json& d) { d["levels"][0]["openings"][2]["wall"] = "w-east"; });
    EXPECT_EQ(p.pointer, "/levels/0/openings/2/wall");
    EXPECT_EQ(p.message, "no wall 'w-east' on this level");
}

TEST_F(BadInput, OpeningBeyondTheWall) {
    // w-mid runs from (12,0) to (12,8): 8 m.
    auto p = only_problem([](json& d) { d["levels"][0]["openings"][3]["offset"] = 8.5; });
    EXPECT_EQ(p.pointer, "/levels/0/openings/3/offset");
    EXPECT_EQ(p.message, "offset 8.5 m is beyond the end of wall 'w-mid' (8.0 m long)");
    // Centre on the wall but the 1 m door sticks out past its end: 7.75 ± 0.5.
    p = only_problem([](json& d) { d["levels"][0]["openings"][3]["offset"] = 7.75; });
    EXPECT_EQ(p.pointer, "/levels/0/openings/3/offset");
    EXPECT_EQ(p.message, "the opening spans 7.25 to 8.25 m along wall 'w-mid', which is 8.0 m long");
    p = only_problem([](json& d) { d["levels"][0]["openings"][3]["offset"] = -1; });
    EXPECT_EQ(p.pointer, "/levels/0/openings/3/offset");
    EXPECT_EQ(p.key, "plan_io.negative");
    // Exactly flush with the end is fine.
    EXPECT_TRUE(problems_of([](json& d) { d["levels"][0]["openings"][3]["offset"] = 7.5; }).empty());
}

TEST_F(BadInput, RoomWithTooFewVertices) {
    auto p = only_problem([](json& d) { d["levels"][0]["rooms"][2]["polygon"] = {{0, 8}, {6, 8}}; });
    EXPECT_EQ(p.pointer, "/levels/0/rooms/2/polygon");
    EXPECT_EQ(p.message, "a room needs at least 3 vertices (got 2)");
    p = only_problem([](json& d) { d["levels"][0]["walls"][0]["points"] = {{0, 0}}; });
    EXPECT_EQ(p.pointer, "/levels/0/walls/0/points");
    EXPECT_EQ(p.message, "a wall needs at least 2 points (got 1)");
}

TEST_F(BadInput, SelfIntersectingRooms) {
    // A bow tie: edge 0 (0,0)→(4,4) crosses edge 2 (4,0)→(0,4).
    auto p = only_problem([](json& d) { d["levels"][0]["rooms"][0]["polygon"] = {{0, 0}, {4, 4}, {4, 0}, {0, 4}}; });
    EXPECT_EQ(p.pointer, "/levels/0/rooms/0/polygon");
    EXPECT_EQ(p.message, "the polygon crosses itself: edges 0 and 2 intersect");
    // A vertex touching another edge: vertex 3 (2,0) lies on edge 0.
    p = only_problem([](json& d) { d["levels"][0]["rooms"][0]["polygon"] = {{0, 0}, {4, 0}, {4, 4}, {2, 0}, {0, 4}}; });
    EXPECT_EQ(p.message, "the polygon crosses itself: edges 0 and 2 intersect");
    // A spike folding back along its own edge: edges 1 (4,0)→(4,4) and 2 (4,4)→(4,2) overlap.
    p = only_problem([](json& d) { d["levels"][0]["rooms"][0]["polygon"] = {{0, 0}, {4, 0}, {4, 4}, {4, 2}, {0, 2}}; });
    EXPECT_EQ(p.message, "the polygon crosses itself: edges 1 and 2 intersect");
    p = only_problem([](json& d) { d["levels"][0]["rooms"][0]["polygon"] = {{0, 0}, {4, 0}, {4, 4}, {4, 0}}; });
    EXPECT_EQ(p.message, "vertices 1 and 3 are the same point");
    // Three points on a line: the closing edge 2 runs back over edge 0.
    p = only_problem([](json& d) { d["levels"][0]["rooms"][0]["polygon"] = {{0, 0}, {2, 0}, {5, 0}}; });
    EXPECT_EQ(p.message, "the polygon crosses itself: edges 0 and 2 intersect");
    // A concave L-shape is fine.
    EXPECT_TRUE(problems_of([](json& d) {
                    d["levels"][0]["rooms"][0]["polygon"] = {{0, 0}, {4, 0}, {4, 2}, {2, 2}, {2, 4}, {0, 4}};
                }).empty());
}

TEST_F(BadInput, ValidationCollectsEveryProblemInOrder) {
    auto problems = problems_of([](json& d) {
        d["school"]["teachers"] = "many";
        d["levels"][0]["rooms"][0]["kind"] = "library";
        d["levels"][0]["openings"][1]["width"] = -1;
        d["levels"][0]["openings"][2]["wall"] = "nowhere";
        d["levels"][0]["furniture"][0]["type"] = "hammock";
        d["levels"][0]["furniture"][2]["id"] = "f-shelf-1";
        d["levels"][0]["rooms"][1]["polygon"] = {{0, 0}, {1, 1}};
    });
    std::vector<std::string> pointers;
    for (const auto& p : problems) pointers.push_back(p.pointer);
    // Schema problems first, then values and references in document order, then furniture types.
    const std::vector<std::string> expected{
        "/school/teachers",
        "/levels/0/rooms/0/kind",
        "/levels/0/rooms/1/polygon",
        "/levels/0/openings/1/width",
        "/levels/0/openings/2/wall",
        "/levels/0/furniture/2/id",
        "/levels/0/furniture/0/type",
    };
    EXPECT_EQ(pointers, expected);
    // Loading stops at the first.
    json doc = base_doc();
    doc["levels"][0]["openings"][1]["width"] = -1;
    doc["levels"][0]["furniture"][0]["type"] = "hammock";
    auto e = load_error(doc.dump());
    EXPECT_EQ(e.where(), "/levels/0/openings/1/width");
    EXPECT_EQ(std::string(e.what()), "bad.sxplan.json: /levels/0/openings/1/width: must be greater than 0 (got -1.0)");
}

TEST_F(BadInput, NewerSchemaIsRefused) {
    json doc = base_doc();
    doc["schema_version"] = 6;
    doc["something_new"] = true;
    auto e = load_error(doc.dump());
    EXPECT_EQ(e.where(), "/schema_version");
    EXPECT_EQ(e.message(), "written by a newer version of Shuxiang (schema 6); this program reads up to 5");
    // Only that problem: the rest of a newer file means nothing to this program.
    auto problems = validate_plan_text(doc.dump(), test_catalog());
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].key, "plan_io.schema_newer");
    doc["schema_version"] = 18446744073709551615ULL;
    EXPECT_EQ(load_error(doc.dump()).message(),
              "written by a newer version of Shuxiang (schema 18446744073709551615); this program reads up to 5");
}

TEST_F(BadInput, NewerSchemaMessageIsTranslated) {
    shuxiang::set_language(shuxiang::Language::ZhCN);
    auto e = load_error(R"({"schema_version": 7})");
    shuxiang::set_language(shuxiang::Language::En);
    EXPECT_EQ(e.message(), "此文件由更新版本的书香写成（格式版本 7），本程序最高只能读取版本 5");
}

TEST_F(BadInput, ChineseMessagesHaveNoEnglishTypeOrParserWords) {
    // The type words of "expected …, found …" and the JSON parser's account of a syntax error were
    // English inside the Chinese sentence ("应为 a point [x, y]").
    const auto p = only_problem([](json& d) { d["levels"][0]["rooms"][1]["polygon"][2] = {12, 8, 1}; });
    shuxiang::set_language(shuxiang::Language::ZhCN);
    const std::string point = localized_message(p);
    const std::string end = load_error(R"({"schema_version": 2, "levels": [)").message();
    const std::string literal = load_error("{\"a\": nope}").message();
    shuxiang::set_language(shuxiang::Language::En);
    EXPECT_EQ(point, "应为 一个点 [x, y]，实为 含 3 个元素的数组");
    EXPECT_EQ(end.rfind("JSON 语法错误：文件意外结束", 0), 0u) << end;
    EXPECT_EQ(literal.rfind("JSON 语法错误：无效的字面量", 0), 0u) << literal;
    for (const std::string& m : {point, end, literal})
        for (const char* word : {"a point", "array of", "syntax error", "unexpected", "invalid literal", "expected"})
            EXPECT_EQ(m.find(word), std::string::npos) << word << " in " << m;
    EXPECT_EQ(localized_message(p), "expected a point [x, y], found array of 3");  // English as before
}

TEST_F(BadInput, BadSchemaVersions) {
    auto e = load_error(R"({"schema_version": 0, "school": {}, "levels": []})");
    EXPECT_EQ(e.where(), "/schema_version");
    EXPECT_EQ(e.message(), "schema version 0 is not supported; this program reads 1 to 5");
    e = load_error(R"({"schema_version": "2"})");
    EXPECT_EQ(e.where(), "/schema_version");
    EXPECT_EQ(e.message(), "expected integer, found string");
    e = load_error(R"({"levels": []})");
    EXPECT_EQ(e.where(), "");
    EXPECT_EQ(e.message(), "missing required field 'schema_version'");
}

TEST_F(BadInput, EveryMessageHasItsTranslations) {
    // Problems from many kinds of bad input: each key has zh and en text, and the en text with the
    // arguments filled in is the problem's message.
    std::vector<Problem> all = problems_of([](json& d) {
        d["school"]["teachers"] = "many";
        d["school"]["type"] = "x";
        d["levels"][0]["rooms"][0]["polygon"] = {{0, 0}, {1, 1}};
        d["levels"][0]["openings"][1]["wall"] = "nowhere";
        d["levels"][0]["furniture"][0]["type"] = "hammock";
        d["levels"][0]["furniture"][2]["id"] = "f-shelf-1";
        d["levels"][0]["walls"][0]["extra"] = 1;
    });
    for (const char* text : {"{", "[1]", R"({"schema_version": 9})"}) {
        auto more = validate_plan_text(text, test_catalog());
        all.insert(all.end(), more.begin(), more.end());
    }
    ASSERT_GE(all.size(), 10u);
    for (const auto& p : all) {
        EXPECT_TRUE(shuxiang::translation_complete(p.key)) << p.key;
        EXPECT_EQ(localized_message(p), p.message) << p.key;
    }
}

// ---- never a crash ------------------------------------------------------------------------------

TEST_F(BadInput, EveryTruncationOfTheFixtureIsReportedNotCrashed) {
    const std::string text = fixture_text("v2/qingshi_road.sxplan.json");
    for (std::size_t n = 0; n + 1 < text.size(); n += 7) {  // all but the final newline
        auto problems = validate_plan_text(std::string_view(text).substr(0, n), test_catalog());
        EXPECT_FALSE(problems.empty()) << n;
        EXPECT_THROW(plan_from_json_text(std::string_view(text).substr(0, n), "t", test_catalog()),
                     shuxiang::InputError);
    }
}

TEST_F(BadInput, EveryValueReplacedByEveryTypeIsHandled) {
    // Walk every value of the v1 and v2 fixtures and replace it with values of other types; the reader
    // reports or accepts, never throws anything but InputError, never crashes.
    const std::vector<json> replacements{nullptr, true, -1, 0, 1e300, -0.5, "", "x", json::array(),
                                         json::array({1, 2}), json::object(), json::object({{"x", 1}})};
    for (const char* fixture : {"v1/qingshi_road.sxplan.json", "v2/qingshi_road.sxplan.json"}) {
        const json doc = json::parse(fixture_text(fixture));
        const json flat = doc.flatten();
        std::vector<std::string> pointers;
        for (auto& [ptr, v] : flat.items()) {
            (void)v;
            // The leaf and every parent container.
            std::string p = ptr;
            while (!p.empty()) {
                pointers.push_back(p);
                p = p.substr(0, p.rfind('/'));
            }
        }
        std::sort(pointers.begin(), pointers.end());
        pointers.erase(std::unique(pointers.begin(), pointers.end()), pointers.end());
        for (const auto& ptr : pointers) {
            for (const auto& r : replacements) {
                json d = doc;
                d[json::json_pointer(ptr)] = r;
                const std::string text = d.dump();
                EXPECT_NO_THROW(validate_plan_text(text, test_catalog())) << fixture << " " << ptr << " " << r;
                try {
                    plan_from_json_text(text, "t", test_catalog());
                } catch (const shuxiang::InputError&) {
                }
            }
        }
    }
}

TEST_F(BadInput, RandomBytesAndDeepNesting) {
    std::mt19937 rng(20261124);
    const std::string base = fixture_text("v2/qingshi_road.sxplan.json");
    for (int i = 0; i < 300; ++i) {
        std::string t = base;
        for (int k = 0; k < 4; ++k) t[rng() % t.size()] = static_cast<char>(rng() % 256);
        EXPECT_NO_THROW(validate_plan_text(t, test_catalog()));
    }
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    auto problems = validate_plan_text(deep, test_catalog());
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].message, "expected object, found array");
    EXPECT_FALSE(validate_plan_text(std::string("\0\0\0", 3), test_catalog()).empty());
}

}  // namespace
