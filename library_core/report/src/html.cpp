#include "html.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "shuxiang/report/report.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::report::html {

namespace {
constexpr const char* kStyle = R"CSS(
:root { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #222; }
body { margin: 0 auto; max-width: 190mm; padding: 10mm; font-size: 11pt; }
html[lang="zh-CN"] .en, html[lang="en"] .zh { display: none; }
h1 { font-size: 18pt; margin: 0 0 4pt 0; } h2 { font-size: 14pt; border-bottom: 2px solid #8a1c1c; padding-bottom: 2pt; margin-top: 16pt; }
.meta { color: #555; font-size: 10pt; }
.summary { display: flex; gap: 8pt; margin: 10pt 0; }
.summary div { flex: 1; border-radius: 6px; padding: 6pt; text-align: center; font-size: 10pt; }
.summary b { display: block; font-size: 20pt; }
.s-pass { background: #e3f4e3; } .s-warning { background: #fff1dc; } .s-fail { background: #fde2e2; } .s-na { background: #eee; }
table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
th, td { border-bottom: 1px solid #ddd; padding: 3pt 4pt; text-align: left; vertical-align: top; }
th { background: #f5f0e8; } td.num { text-align: right; white-space: nowrap; }
.pill { border-radius: 8px; padding: 1pt 6pt; font-size: 9pt; white-space: nowrap; }
.pill.pass { background: #2ca02c; color: #fff; } .pill.warning { background: #ff9f1c; color: #fff; }
.pill.fail { background: #d62728; color: #fff; } .pill.not_assessable { background: #bbb; color: #fff; }
.pill.recommendation { background: #5b8fd6; color: #fff; } .s-rec { background: #e4edf9; }
.conf { font-size: 8pt; color: #666; } .conf.unconfirmed { color: #b35900; }
.advice { color: #444; font-size: 9pt; } .source { color: #777; font-size: 8pt; }
svg.plan { width: 100%; max-height: 150mm; border: 1px solid #ccc; background: #fafafa; }
svg.chart { width: 100%; max-width: 140mm; }
.plan-problems { font-size: 9pt; margin: 4pt 0 0 0; } .plan-problems .pill { font-size: 8pt; }
.toggle { float: right; }
.synthetic { background: #fff3cd; border: 1px solid #e0c36c; padding: 4pt; font-size: 9pt; }
@media print { .toggle { display: none; } body { padding: 0; } h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
@page { size: A4; margin: 12mm; }
)CSS";
}  // namespace

std::string num(double v, int decimals) {
    if (!std::isfinite(v)) return "–";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string grouped(double v, int decimals) {
    std::string s = num(v, decimals);
    if (!std::isfinite(v)) return s;
    size_t start = s[0] == '-' ? 1 : 0;
    size_t end = s.find('.');
    if (end == std::string::npos) end = s.size();
    for (size_t i = end; i > start + 3; i -= 3) s.insert(i - 3, ",");
    return s;
}

std::string bi(std::string_view key) {
    return bi_text(tr_in(Language::ZhCN, key), tr_in(Language::En, key));
}

std::string bi_text(const std::string& zh, const std::string& en) {
    return "<span class=\"zh\">" + html_escape(zh) + "</span><span class=\"en\">" + html_escape(en) + "</span>";
}

std::string status_pill(standards::Status s) {
    std::string key = std::string("status.") + standards::to_string(s);
    return "<span class=\"pill " + std::string(standards::to_string(s)) + "\">" + bi(key) + "</span>";
}

std::string recommendation_pill(standards::Status s) {
    if (s == standards::Status::Pass) return "<span class=\"pill pass\">" + bi("status.recommendation_met") + "</span>";
    return "<span class=\"pill recommendation\">" + bi("status.recommendation") + "</span>";
}

std::string bar_chart(const std::vector<Bar>& bars, const std::string& id) {
    const double label_w = 170, bar_w = 260, row_h = 26;
    double max = 0;
    for (auto& b : bars) max = std::max({max, b.value, b.target});
    if (max <= 0) max = 1;
    max *= 1.05;
    std::string o = "<svg class=\"chart\" id=\"" + html_escape(id) + "\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 560 " +
                    num(bars.size() * row_h + 10) + "\" role=\"img\">\n";
    for (size_t i = 0; i < bars.size(); ++i) {
        const Bar& b = bars[i];
        double y = 5 + double(i) * row_h;
        o += "<text class=\"zh\" x=\"0\" y=\"" + num(y + 15) + "\" font-size=\"12\">" + html_escape(b.label_zh) + "</text>";
        o += "<text class=\"en\" x=\"0\" y=\"" + num(y + 15) + "\" font-size=\"12\">" + html_escape(b.label_en) + "</text>\n";
        o += "<rect class=\"bar\" x=\"" + num(label_w) + "\" y=\"" + num(y + 2) + "\" width=\"" +
             num(std::max(0.0, b.value) / max * bar_w, 1) + "\" height=\"18\" fill=\"" + (b.ok ? "#2ca02c" : "#d62728") +
             "\" data-value=\"" + num(b.value, 2) + "\"/>\n";
        if (b.target > 0) {
            double x = label_w + b.target / max * bar_w;
            o += "<line class=\"target\" x1=\"" + num(x, 1) + "\" x2=\"" + num(x, 1) + "\" y1=\"" + num(y - 1) +
                 "\" y2=\"" + num(y + 23) + "\" stroke=\"#000\" stroke-width=\"2\"/>\n";
        }
        const std::string at = "x=\"" + num(label_w + bar_w + 8) + "\" y=\"" + num(y + 15) + "\" font-size=\"11\">";
        if (b.text_en.empty()) o += "<text " + at + html_escape(b.text) + "</text>\n";
        else
            o += "<text class=\"zh\" " + at + html_escape(b.text) + "</text><text class=\"en\" " + at +
                 html_escape(b.text_en) + "</text>\n";
    }
    return o + "</svg>\n";
}

std::string page_begin(const std::string& title) {
    return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_escape(title) +
           "</title>\n<style>" + kStyle +
           "</style>\n</head>\n<body>\n<button class=\"toggle\" id=\"lang-toggle\" type=\"button\" "
           "onclick=\"var h=document.documentElement;h.lang=(h.lang==='en'?'zh-CN':'en');\">中文 / English</button>\n";
}

std::string page_end() {
    // Opening a page as file.html#en shows it in English (links from the district summary).
    return "<script>if (location.hash === '#en') document.documentElement.lang = 'en';</script>\n</body>\n</html>\n";
}

}  // namespace shuxiang::report::html
