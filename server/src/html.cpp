#include "shuxiang/server/html.hpp"

#include "shuxiang/util/i18n.hpp"

namespace shuxiang::server {

std::string script_safe_json(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    for (char c : json) {
        if (c == '<') out += "\\u003c";
        else if (c == '>') out += "\\u003e";
        else if (c == '&') out += "\\u0026";
        else out += c;
    }
    return out;
}

namespace {

std::string lookup(std::string_view name, const std::map<std::string, std::string>& vars, bool& found) {
    found = true;
    if (name.substr(0, 2) == "t:") return tr(name.substr(2));
    auto it = vars.find(std::string(name));
    if (it != vars.end()) return it->second;
    found = false;
    return {};
}

}  // namespace

std::string fill_template(std::string_view tmpl, const std::map<std::string, std::string>& vars) {
    std::string out;
    out.reserve(tmpl.size() * 2);
    std::size_t pos = 0;
    while (pos < tmpl.size()) {
        auto open = tmpl.find("{{", pos);
        if (open == std::string_view::npos) break;
        out.append(tmpl.substr(pos, open - pos));
        bool raw = tmpl.substr(open, 3) == "{{{";
        std::string_view close_mark = raw ? "}}}" : "}}";
        auto start = open + (raw ? 3 : 2);
        auto close = tmpl.find(close_mark, start);
        if (close == std::string_view::npos) {
            pos = open;
            break;
        }
        auto name = tmpl.substr(start, close - start);
        bool found = false;
        std::string value = lookup(name, vars, found);
        if (!found) out.append(tmpl.substr(open, close + close_mark.size() - open));
        else out += raw ? value : html_escape(value);
        pos = close + close_mark.size();
    }
    out.append(tmpl.substr(pos));
    return out;
}

}  // namespace shuxiang::server
