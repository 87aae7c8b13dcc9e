#include "io_problems.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "shuxiang/util/i18n.hpp"

namespace shuxiang::plan::detail {
namespace {

std::string fill(std::string s, const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string mark = "{" + std::to_string(i) + "}";
        for (std::size_t pos = s.find(mark); pos != std::string::npos; pos = s.find(mark, pos + args[i].size()))
            s.replace(pos, mark.size(), args[i]);
    }
    return s;
}

}  // namespace

const std::vector<MessageText>& message_texts() {
    static const std::vector<MessageText> texts{
        {"plan_io.file_not_found", "file not found"},
        {"plan_io.cannot_read", "cannot read the file: {0}"},
        {"plan_io.json_syntax", "invalid JSON at line {0}, column {1}: {2}"},
        {"plan_io.number_overflow", "number too large at line {0}, column {1}: {2}"},
        {"plan_io.duplicate_key", "key '{0}' is given twice in this object; only the last would be kept"},
        {"plan_io.json_syntax_here", "invalid JSON: {0}"},
        {"plan_io.number_overflow_here", "number too large: {0}"},
        {"plan_io.wrong_type", "expected {0}, found {1}"},
        {"plan_io.not_integer", "expected an integer, found {0}"},
        {"plan_io.integer_range", "integer {0} is out of range"},
        {"plan_io.missing_field", "missing required field '{0}'"},
        {"plan_io.unknown_field", "unknown field '{0}'"},
        {"plan_io.unknown_enum", "unknown value '{0}'; expected one of: {1}"},
        {"plan_io.schema_newer",
         "written by a newer version of Shuxiang (schema {0}); this program reads up to {1}"},
        {"plan_io.schema_older", "schema version {0} is not supported; this program reads {1} to {2}"},
        {"plan_io.not_finite", "not a finite number"},
        {"plan_io.not_positive", "must be greater than 0 (got {0})"},
        {"plan_io.negative", "must not be negative (got {0})"},
        {"plan_io.too_large", "must be at most {0} (got {1})"},
        {"plan_io.empty_id", "id must not be empty"},
        {"plan_io.duplicate_id", "duplicate id '{0}' (first used at {1})"},
        {"plan_io.unknown_wall", "no wall '{0}' on this level"},
        {"plan_io.offset_beyond_wall", "offset {0} m is beyond the end of wall '{1}' ({2} m long)"},
        {"plan_io.opening_past_wall_end",
         "the opening spans {0} to {1} m along wall '{2}', which is {3} m long"},
        {"plan_io.too_few_vertices", "a room needs at least 3 vertices (got {0})"},
        {"plan_io.too_few_points", "a wall needs at least 2 points (got {0})"},
        {"plan_io.repeated_vertex", "vertices {0} and {1} are the same point"},
        {"plan_io.self_intersecting", "the polygon crosses itself: edges {0} and {1} intersect"},
        {"plan_io.unknown_furniture_type", "unknown furniture type '{0}'"},
        {"plan_io.type_is_catalogue", "furniture type '{0}' is already a catalogue type"},
        {"plan_io.duplicate_type", "furniture type '{0}' is defined twice (first at {1})"},
        {"plan_io.too_few_footprint_points", "a footprint needs at least 3 points (got {0})"},
        {"plan_io.stage_not_in_school", "a '{0}' school has no {1} students (got {2})"},
        {"plan_io.v1_bad_stages", "the stage list {0} does not match any school type"},
        {"plan_io.v1_students_without_stages", "{0} students but no stages"},
        {"plan_io.unknown_level", "no level '{0}' in this plan"},
        {"plan_io.stair_same_level", "a stair must join two different levels (both ends on '{0}')"},
        {"plan_io.stair_not_upward", "level '{0}' ({1} m) is not above level '{2}' ({3} m); a stair goes from the lower level to the upper"},
        {"plan_io.stair_rise_range", "riser height {0} m is outside {1} to {2} m"},
        {"plan_io.stair_run_range", "tread depth {0} m is outside {1} to {2} m"},
        {"plan_io.stair_steps_range", "{0} steps is outside {1} to {2}"},
        {"plan_io.stair_rise_mismatch", "{0} steps of {1} m climb {2} m, but the levels lie {3} m apart"},
        {"plan_io.stair_run_mismatch", "foot and head are {0} m apart, but {1} treads of {2} m make {3} m"},
        {"plan_io.stair_outside_rooms", "the stair or its landing leaves the rooms of level '{0}' near ({1}, {2})"},
    };
    return texts;
}

Problem make_problem(std::string pointer, std::string_view key, std::vector<std::string> args) {
    Problem p;
    p.pointer = std::move(pointer);
    p.key = std::string(key);
    for (const auto& t : message_texts())
        if (key == t.key) p.message = fill(t.en, args);
    if (p.message.empty()) p.message = p.key;  // a key without text shows as itself, like tr()
    p.args = std::move(args);
    return p;
}

std::string pointer_token(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string child(const std::string& pointer, std::string_view key) { return pointer + "/" + pointer_token(key); }
std::string child(const std::string& pointer, std::size_t index) { return pointer + "/" + std::to_string(index); }

std::string number_text(double v) {
    if (!std::isfinite(v)) return std::isnan(v) ? "NaN" : (v > 0 ? "inf" : "-inf");
    return nlohmann::json(v).dump();
}

}  // namespace shuxiang::plan::detail

namespace shuxiang::plan {

namespace {

// The words of "expected {0}, found {1}" in the current language: JSON types, "a point [x, y]" and
// "array of N".
std::string type_word(const std::string& en) {
    static const char* const kWords[] = {"object", "array", "string", "number", "integer", "boolean", "null", "value"};
    for (const char* w : kWords)
        if (en == w) return tr(std::string("plan_io_words.type.") + w);
    if (en == "a point [x, y]") return tr("plan_io_words.type.point");
    if (en.rfind("array of ", 0) == 0) return trf("plan_io_words.type.array_of", {en.substr(9)});
    return en;
}

// The JSON parser's own (English) account of a syntax error, in the current language: what was
// wrong, with the text it last read kept as it is.
std::string syntax_detail(const std::string& en) {
    static const std::pair<const char*, const char*> kProblems[] = {
        {"unexpected end of input", "plan_io_words.syntax.end_of_input"}, {"invalid literal", "plan_io_words.syntax.invalid_literal"},
        {"invalid string", "plan_io_words.syntax.invalid_string"},        {"invalid number", "plan_io_words.syntax.invalid_number"},
        {"unexpected", "plan_io_words.syntax.unexpected"}};
    std::string text = tr("plan_io_words.syntax.error");
    for (auto [phrase, key] : kProblems)
        if (en.find(phrase) != std::string::npos) {
            text = tr(key);
            break;
        }
    if (auto at = en.find("last read: "); at != std::string::npos) text += trf("plan_io_words.syntax.last_read", {en.substr(at + 11)});
    return text;
}

}  // namespace

std::string localized_message(const Problem& p) {
    if (p.key.empty()) return p.message;
    std::string s = tr(p.key);
    if (s == p.key) return p.message;  // no translation: the English text is better than the key
    for (std::size_t i = 0; i < p.args.size(); ++i) {
        // English words of the parser and of the type checks are translated too.
        std::string arg = p.args[i];
        if (p.key == "plan_io.wrong_type") arg = type_word(arg);
        if (i == 2 && p.key == "plan_io.json_syntax" && language() != Language::En) arg = syntax_detail(arg);
        if (i == 0 && p.key == "plan_io.json_syntax_here" && language() != Language::En) arg = syntax_detail(arg);
        std::string mark = "{" + std::to_string(i) + "}";
        for (std::size_t pos = s.find(mark); pos != std::string::npos; pos = s.find(mark, pos + arg.size()))
            s.replace(pos, mark.size(), arg);
    }
    return s;
}

}  // namespace shuxiang::plan
