#include "shuxiang/labels/spine.hpp"

#include "shuxiang/catalog/clc.hpp"

namespace shuxiang::labels {

namespace {

// Counts UTF-8 code points (a 上/下 volume mark is one character wide on the label).
std::size_t chars(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return std::string(s);
}

// Cuts an ASCII piece into pieces of max_chars (the last resort for text without break points).
void cut_into(std::string_view s, std::size_t max_chars, std::vector<std::string>& out) {
    while (chars(s) > max_chars && s.size() > max_chars) {
        out.emplace_back(s.substr(0, max_chars));
        s.remove_prefix(max_chars);
    }
    if (!s.empty()) out.emplace_back(s);
}

// Where the 书次号 ends in the text after '/': before a volume or copy mark, before '(' and '='
// (edition / copy marks printed on the third line), before "v." and "c." after the first character.
std::size_t book_number_end(std::string_view rest) {
    for (std::size_t k = 0; k < rest.size(); ++k) {
        char c = rest[k];
        if (c == ':' || c == '/' || c == '#' || c == ' ' || c == ',' || c == ';' || c == '(' || c == '=') return k;
        if (static_cast<unsigned char>(c) >= 0x80) return k;
        bool dotted = k > 0 && k + 1 < rest.size() && rest[k + 1] == '.';
        if (dotted && (c == 'v' || c == 'V' || c == 'c' || c == 'C')) return k;
    }
    return rest.size();
}

}  // namespace

std::vector<std::string> break_class_number(std::string_view cls, std::size_t max_chars) {
    std::vector<std::string> out;
    if (max_chars == 0) max_chars = 1;
    while (cls.size() > max_chars) {
        std::size_t best = 0;
        for (const char* marks : {".", "-=(\""}) {
            for (std::size_t k = 1; k <= max_chars && k < cls.size(); ++k)
                if (std::string_view(marks).find(cls[k]) != std::string_view::npos) best = k;
            if (best != 0) break;
        }
        if (best == 0) {
            cut_into(cls.substr(0, max_chars), max_chars, out);
            cls.remove_prefix(max_chars);
            continue;
        }
        out.emplace_back(cls.substr(0, best));
        cls.remove_prefix(best);
    }
    if (!cls.empty()) out.emplace_back(cls);
    return out;
}

std::vector<std::string> spine_lines(std::string_view call_number, std::size_t max_chars) {
    std::vector<std::string> lines;
    auto parsed = catalog::parse_call_number(call_number);
    std::string text = parsed ? parsed->text : trim(call_number);
    if (text.empty()) return lines;
    auto slash = text.find('/');
    std::string cls = trim(std::string_view(text).substr(0, slash));
    if (parsed) lines = break_class_number(cls, max_chars);
    else cut_into(cls, max_chars, lines);
    if (slash == std::string::npos) return lines;
    std::string_view rest = std::string_view(text).substr(slash + 1);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    std::size_t end = parsed ? book_number_end(rest) : rest.size();
    if (end == 0 && !rest.empty()) end = rest.size();  // nothing recognisable: print it whole
    cut_into(rest.substr(0, end), max_chars, lines);
    std::string marks = trim(rest.substr(end));
    if (!marks.empty()) lines.push_back(marks);
    return lines;
}

}  // namespace shuxiang::labels
