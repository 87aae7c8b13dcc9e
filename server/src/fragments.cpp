// Server-rendered parts of the pages: OPAC results, the reader's own loans, a class's overdue list.
// Everything printed goes through html_escape (fill_template's {{...}}).
#include <sstream>

#include "app.hpp"
#include "shuxiang/server/html.hpp"

namespace shuxiang::server {

json loans_json(Call& c, const std::string& patron_id);
std::string opac_reader_holds_html(Call& c);

namespace {

std::string copies_html(const json& r) {
    std::ostringstream o;
    for (const auto& it : r["items"]) {
        std::string loc = it["location"].get<std::string>();
        const std::string href = it["route"].get<std::string>();
        const std::string route =
            href.empty() ? std::string()
                         : fill_template(" <a class=\"sx-route-link text-nowrap\" href=\"{{href}}\">{{t:web.opac.route}}</a>", {{"href", href}});
        o << fill_template("<li><span class=\"badge {{cls}}\">{{status}}</span> <code>{{barcode}}</code> {{location}}{{{route}}}</li>",
                           {{"cls", it["status"] == "available" ? "text-bg-success" : "text-bg-secondary"},
                            {"status", it["status_text"].get<std::string>()},
                            {"barcode", it["barcode"].get<std::string>()},
                            {"location", loc},
                            {"route", route}});
    }
    return o.str();
}

// A digital resource's access links: http(s) ones as links, any other (javascript:, data:) as text.
std::string links_html(const json& r) {
    std::ostringstream o;
    if (r["digital"].get<bool>()) o << fill_template("<span class=\"badge text-bg-info\">{{t:web.opac.digital}}</span> ", {});
    for (const auto& l : r["access_links"]) {
        const std::string url = l["url"].get<std::string>(), label = l["label"].get<std::string>();
        const std::map<std::string, std::string> v{{"url", url}, {"label", label.empty() ? url : label}};
        o << (l["linkable"].get<bool>()
                  ? fill_template("<a class=\"sx-access-link\" href=\"{{url}}\" rel=\"noopener noreferrer\" target=\"_blank\">{{label}}</a> ", v)
                  : fill_template("<span class=\"sx-access-text\">{{t:web.opac.access_link}} {{url}}</span> ", v));
    }
    const std::string out = o.str();
    return out.empty() ? out : "<p class=\"card-text mb-1 sx-links\">" + out + "</p>";
}

// "author · publisher year", leaving out what the record lacks.
std::string byline(const json& r) {
    std::string out;
    for (const char* f : {"responsibility", "publisher", "year"}) {
        const std::string v = r[f].get<std::string>();
        if (v.empty()) continue;
        if (!out.empty()) out += std::string_view(f) == "year" ? " " : " · ";
        out += v;
    }
    return out;
}

std::string hit_html(Call& c, const json& r) {
    static const char* tmpl =
        "<div class=\"card mb-2 sx-hit\" data-record=\"{{id}}\"><div class=\"card-body\">"
        "<h5 class=\"card-title sx-title\">{{title}}</h5>"
        "<p class=\"card-text mb-1\">{{byline}}</p>"
        "<p class=\"card-text mb-1\"><span class=\"text-muted\">{{t:web.opac.call_number}}</span> <code>{{call}}</code> · "
        "{{availability}} · <a class=\"sx-reviews-link\" href=\"/opac/reviews?record={{id}}\">{{t:feedback.page.reviews}}</a></p>{{{links}}}<ul class=\"list-unstyled small mb-1\">{{{copies}}}</ul>{{{hold}}}</div></div>";
    std::string hold;
    if (c.is_reader())
        hold = fill_template("<button class=\"btn btn-sm btn-outline-primary sx-hold\" data-record=\"{{id}}\">{{t:web.opac.place_hold}}</button>",
                             {{"id", std::to_string(r["id"].get<long long>())}});
    return fill_template(tmpl, {{"id", std::to_string(r["id"].get<long long>())},
                                {"title", r["title"].get<std::string>()},
                                {"byline", byline(r)},
                                {"call", r["call_number"].get<std::string>()},
                                {"availability", trf("web.opac.availability", {std::to_string(r["available"].get<int>()),
                                                                               std::to_string(r["copies"].get<std::size_t>())})},
                                {"copies", copies_html(r)},
                                {"links", links_html(r)},
                                {"hold", hold}});
}

}  // namespace

std::string opac_results_html(Call& c, const std::string& q) {
    SearchSlot slot(c.app);
    std::ostringstream o;
    std::size_t n = 0;
    for (const auto& h : c.svc().catalog().search(q, 30)) {
        json r = record_summary(c, h.record_id);
        if (r.is_null()) continue;
        o << hit_html(c, r);
        ++n;
    }
    std::string head = fill_template("<p class=\"text-muted\" id=\"sx-count\">{{n}}</p>", {{"n", trf("web.opac.results", {std::to_string(n)})}});
    return head + o.str();
}

std::string opac_reader_html(Call& c) {
    std::ostringstream rows;
    for (const auto& l : loans_json(c, c.session->who.id))
        rows << fill_template("<tr class=\"{{cls}}\"><td>{{title}}</td><td><code>{{barcode}}</code></td><td>{{due}}</td></tr>",
                              {{"cls", l["overdue"].get<bool>() ? "table-danger" : ""},
                               {"title", l["title"].get<std::string>()},
                               {"barcode", l["barcode"].get<std::string>()},
                               {"due", l["due"].get<std::string>()}});
    std::string body = rows.str();
    if (body.empty()) body = fill_template("<tr><td colspan=\"3\">{{t:web.js.none}}</td></tr>", {});
    return opac_reader_holds_html(c) + fill_template("<section id=\"sx-my-loans\" class=\"mb-3\"><h2 class=\"h5\">{{t:web.opac.my_loans}}</h2>"
                         "<table class=\"table table-sm\"><thead><tr><th>{{t:web.opac.title}}</th><th>{{t:web.opac.barcode}}</th>"
                         "<th>{{t:web.js.due}}</th></tr></thead><tbody>{{{rows}}}</tbody></table></section>",
                         {{"rows", body}});
}

// The reader's own open holds, each with a cancel button (opac.js).
std::string opac_reader_holds_html(Call& c) {
    std::ostringstream rows;
    for (const auto& h : holds_json(c, c.svc().circulation().patron_holds(c.session->who.id)))
        rows << fill_template("<li class=\"sx-my-hold\"><span class=\"badge {{cls}}\">{{status}}</span> {{title}} "
                              "<button class=\"btn btn-sm btn-outline-danger ms-2 sx-cancel-hold\" data-hold=\"{{id}}\">"
                              "{{t:web.js.cancel}}</button></li>",
                              {{"cls", h["status"] == "ready" ? "text-bg-warning" : "text-bg-info"},
                               {"status", h["status_text"].get<std::string>()},
                               {"title", h["title"].get<std::string>()},
                               {"id", std::to_string(h["id"].get<long long>())}});
    std::string body = rows.str();
    if (body.empty()) body = fill_template("<li class=\"text-muted\">{{t:web.js.none}}</li>", {});
    return fill_template("<section id=\"sx-my-holds\" class=\"mb-3\"><h2 class=\"h5\">{{t:web.opac.my_holds}}</h2>"
                         "<ul class=\"list-unstyled\">{{{rows}}}</ul></section>",
                         {{"rows", body}});
}

std::string class_overdue_html(Call& c, const std::string& cls) {
    std::string key;
    if (!cls.empty()) {
        auto k = circulation::parse_class_key(cls);
        if (!k) throw HttpError(400, "bad_param", trf("server.error.bad_class", {cls}));
        key = *k;
    }
    std::ostringstream rows;
    for (const auto& e : c.svc().circulation().overdue(c.day(), key)) {
        // A class set is the corner's: it is named by the corner (and the teacher who took it).
        const std::string who = e.corner.empty() ? e.patron_name : trf("web.class.corner_set", {e.corner, e.patron_name});
        rows << fill_template("<tr><td>{{class}}</td><td>{{name}}</td><td>{{title}}</td><td>{{due}}</td><td>{{days}}</td></tr>",
                              {{"class", e.class_key}, {"name", who}, {"title", e.title}, {"due", e.due_date},
                               {"days", std::to_string(e.days_overdue)}});
    }
    std::string body = rows.str();
    if (body.empty()) body = fill_template("<tr><td colspan=\"5\">{{t:web.js.none}}</td></tr>", {});
    return body;
}

}  // namespace shuxiang::server
