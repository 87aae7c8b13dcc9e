// A reading programme's progress as the pages show it: class or grade totals (no reader named, no
// ranking) for staff who may see readers, and a reader's own titles for that reader alone.
#include <cstdio>
#include <sstream>

#include "app.hpp"
#include "shuxiang/reading/programmes.hpp"
#include "shuxiang/server/html.hpp"

namespace shuxiang::server {

namespace {

std::string refused_html(const circulation::Result& r) {
    return fill_template("<div class=\"alert alert-warning\" id=\"sx-refused\">{{m}}</div>", {{"m", r.message}});
}

std::string two(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

// One row of class totals with a bar for the share of readers who read at least one title.
std::string totals_row(const reading::ClassProgress& p, const std::string& who, const char* cls) {
    const int pct = p.readers ? static_cast<int>(100.0 * static_cast<double>(p.readers_reading) / static_cast<double>(p.readers) + 0.5) : 0;
    return fill_template("<tr class=\"{{cls}}\" data-class=\"{{who}}\"><th scope=\"row\">{{who}}</th><td>{{readers}}</td><td>{{reading}}</td>"
                         "<td>{{titles}}</td><td>{{avg}}</td><td class=\"sx-bar-cell\"><div class=\"progress\" role=\"progressbar\" "
                         "aria-valuenow=\"{{pct}}\" aria-valuemin=\"0\" aria-valuemax=\"100\"><div class=\"progress-bar bg-success\" "
                         "data-pct=\"{{pct}}\">{{pct}}%</div></div></td></tr>",
                         {{"cls", cls}, {"who", who}, {"readers", std::to_string(p.readers)}, {"reading", std::to_string(p.readers_reading)},
                          {"titles", std::to_string(p.titles_read)}, {"avg", two(p.average)}, {"pct", std::to_string(pct)}});
}

std::string totals_table(const std::string& caption, const std::string& rows) {
    return fill_template("<p class=\"lead\" id=\"sx-period\">{{caption}}</p><table class=\"table table-sm\" id=\"sx-progress\"><thead><tr>"
                         "<th>{{t:web.reading.class}}</th><th>{{t:web.reading.readers}}</th><th>{{t:web.reading.readers_reading}}</th>"
                         "<th>{{t:web.reading.titles_read}}</th><th>{{t:web.reading.average}}</th><th>{{t:web.reading.share_reading}}</th>"
                         "</tr></thead><tbody>",
                         {{"caption", caption}}) +
           rows + "</tbody></table>" + fill_template("<p class=\"small text-muted\">{{t:web.reading.privacy_note}}</p>", {});
}

}  // namespace

std::string programme_html(Call& c, const std::string& list, const std::string& cls, const std::string& grade) {
    reading::ReadingService svc(c.svc().repository());
    if (!grade.empty()) {
        reading::GradeProgress g;
        circulation::Result r = reading::grade_progress(svc, c.svc().repository(), c.ctx(), list, grade, "", "", g);
        if (!r.ok) return refused_html(r);
        std::string rows;
        for (auto& p : g.classes) rows += totals_row(p, p.class_key, "");
        rows += totals_row(g.total, trf("reading.progress.grade_total", {std::to_string(g.grade)}), "table-light fw-bold");
        return totals_table(trf("web.reading.period_of", {list, g.from, g.to, std::to_string(g.total.list_titles)}), rows);
    }
    reading::ClassProgress p;
    circulation::Result r = svc.class_progress(c.ctx(), list, cls, "", "", p);
    if (!r.ok) return refused_html(r);
    return totals_table(trf("web.reading.period_of", {list, p.from, p.to, std::to_string(p.list_titles)}), totals_row(p, p.class_key, ""));
}

std::string my_progress_html(Call& c, const std::string& list) {
    reading::ReadingService svc(c.svc().repository());
    const std::string me = c.session->who.id;
    reading::ReaderProgress p;
    circulation::Result r = svc.reader_progress(circulation::Ctx{"", c.day(), me}, list, me, "", "", p);
    if (!r.ok) return refused_html(r);
    auto l = svc.find(list);
    std::ostringstream items;
    for (auto& e : l->entries) {
        bool read = false;
        for (auto& t : p.titles_read) read = read || t == e.title;
        items << fill_template("<li class=\"list-group-item sx-my-title {{cls}}\" data-read=\"{{read}}\">{{mark}} {{title}}</li>",
                               {{"cls", read ? "list-group-item-success" : ""}, {"read", read ? "1" : "0"},
                                {"mark", read ? "✓" : "·"}, {"title", e.title}});
    }
    const long long n = static_cast<long long>(p.titles_read.size());
    const int pct = p.list_titles ? static_cast<int>(100.0 * static_cast<double>(n) / static_cast<double>(p.list_titles) + 0.5) : 0;
    return fill_template("<section id=\"sx-my-progress\"><p class=\"lead\" id=\"sx-my-count\">{{count}}</p>"
                         "<div class=\"progress mb-3\" role=\"progressbar\" aria-valuenow=\"{{pct}}\" aria-valuemin=\"0\" aria-valuemax=\"100\">"
                         "<div class=\"progress-bar bg-success\" data-pct=\"{{pct}}\">{{pct}}%</div></div>"
                         "<ul class=\"list-group\">{{{items}}}</ul></section>",
                         {{"count", trf("web.reading.my_count", {std::to_string(n), std::to_string(p.list_titles), p.from, p.to})},
                          {"pct", std::to_string(pct)}, {"items", items.str()}});
}

}  // namespace shuxiang::server
