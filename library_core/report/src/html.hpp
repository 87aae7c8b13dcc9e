#pragma once
// Shared pieces of the report module's HTML pages (private to the module).
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/standards/compliance.hpp"

namespace shuxiang::report::html {

std::string num(double v, int decimals = 0);
// A number for reading: thousands separated ("51,090", "1,234.5").
std::string grouped(double v, int decimals = 0);
// Both languages of a key; the page's CSS shows the one of its current language.
std::string bi(std::string_view key);
// Both languages of a literal pair.
std::string bi_text(const std::string& zh, const std::string& en);
std::string status_pill(standards::Status s);
// A recommendation's status: 已具备 when met, else 建议 (never 不达标).
std::string recommendation_pill(standards::Status s);
// One bar of a horizontal bar chart: its value against a target (a tick; none when target ≤ 0).
struct Bar {
    std::string label_zh, label_en;
    double value = 0, target = 0;
    std::string text;     // printed after the bar (already formatted)
    bool ok = true;       // green when it reaches the target, red otherwise
    std::string text_en;  // the text's English form when it differs (empty: the same)
};
// An inline SVG bar chart with bilingual labels; `id` names it for tests and links.
std::string bar_chart(const std::vector<Bar>& bars, const std::string& id);

// <!DOCTYPE html> … <body> with the shared style and the language toggle.
std::string page_begin(const std::string& title);
// The #en script and </body></html>.
std::string page_end();

}  // namespace shuxiang::report::html
