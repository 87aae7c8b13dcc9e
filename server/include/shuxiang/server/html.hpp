#pragma once
// HTML output helpers: the escaper every page goes through, and the small template filler that
// builds pages from assets/web/*.html.
#include <map>
#include <string>
#include <string_view>

#include "shuxiang/report/report.hpp"

namespace shuxiang::server {

// Escapes & < > " ' for HTML text and attribute values: the one escaper of the reports and pages.
using report::html_escape;

// JSON text made safe inside a <script type="application/json"> element (no "</script>", no "<!--").
std::string script_safe_json(std::string_view json);

// Fills a template: {{name}} -> vars[name] escaped, {{{name}}} -> vars[name] as it is (HTML the
// caller built and escaped), {{t:key}} -> tr(key) escaped. An unknown name is left visible as
// "{{name}}" so that gaps show.
std::string fill_template(std::string_view tmpl, const std::map<std::string, std::string>& vars);

}  // namespace shuxiang::server
