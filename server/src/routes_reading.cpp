// The reading pages: reading lists built from the catalogue (search, add, remove, coverage with held
// and missing titles, missing titles to acquisitions in one step) and a programme's progress (class
// or grade totals for staff who may see readers; a reader's own progress for that reader only).
// Every value printed goes through fill_template's escaping; every change is a POST with the CSRF token.
#include <cctype>
#include <cstdlib>
#include <sstream>

#include "app.hpp"
#include "shuxiang/reading/list_edit.hpp"
#include "shuxiang/reading/programmes.hpp"
#include "shuxiang/server/html.hpp"

namespace shuxiang::server {

void send_page(Call& c, const std::string& title_key, const std::string& body, const std::string& script);

namespace {

using reading::ReadingService;

std::string param(const Call& c, const char* name, std::size_t max = 200) {
    std::string v = c.req.get_param_value(name);
    if (v.size() > max) throw HttpError(400, "bad_param", trf("server.error.bad_param", {name}));
    return v;
}

void to_login(Call& c) {
    c.res.status = 303;
    c.res.set_header("Location", "/login?next=" + c.req.path);
}

std::string url_encode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char ch : s) {
        if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') out += static_cast<char>(ch);
        else out += {'%', hex[ch >> 4], hex[ch & 15]};
    }
    return out;
}

// The message box every form of these pages reports into.
const char* kMessageBox = "<div id=\"sx-message\" class=\"alert d-none\" role=\"status\"></div>";

// ---- the lists page -----------------------------------------------------------------------

std::string lists_table(ReadingService& svc) {
    std::ostringstream rows;
    for (auto& head : svc.lists()) {
        auto l = svc.find(head.name);
        const reading::Coverage cov = svc.coverage_of(*l);
        std::string period = l->period_from.empty() ? std::string() : l->period_from + " ~ " + l->period_to;
        rows << fill_template("<tr class=\"sx-list-row\"><td><a href=\"/lists/view?name={{q}}\">{{name}}</a></td><td>{{aud}}</td>"
                              "<td>{{period}}</td><td>{{n}}</td><td>{{held}}</td><td>{{missing}}</td>"
                              "<td><a href=\"/programme?list={{q}}\">{{t:web.reading.progress}}</a></td></tr>",
                              {{"q", url_encode(l->name)}, {"name", l->name}, {"aud", l->grade + " " + l->class_key + " " + l->subject},
                               {"period", period}, {"n", std::to_string(l->entries.size())},
                               {"held", std::to_string(cov.held.size())}, {"missing", std::to_string(cov.missing.size())}});
    }
    std::string body = rows.str();
    if (body.empty()) body = fill_template("<tr><td colspan=\"7\">{{t:web.js.none}}</td></tr>", {});
    return "<table class=\"table table-sm\" id=\"sx-lists\"><thead><tr>" +
           fill_template("<th>{{t:web.reading.list}}</th><th>{{t:web.reading.audience}}</th><th>{{t:web.reading.period}}</th>"
                         "<th>{{t:web.reading.titles}}</th><th>{{t:web.reading.held}}</th><th>{{t:web.reading.missing}}</th><th></th>",
                         {}) +
           "</tr></thead><tbody>" + body + "</tbody></table>";
}

const char* kNewListForm =
    "<form class=\"sx-api-form row g-2 align-items-end mb-3\" data-api=\"/api/lists\" id=\"sx-new-list\">"
    "<div class=\"col-md-3\"><label class=\"form-label\" for=\"nl-name\">{{t:web.reading.list_name}}</label>"
    "<input class=\"form-control\" id=\"nl-name\" name=\"name\" required maxlength=\"100\"></div>"
    "<div class=\"col-md-1\"><label class=\"form-label\" for=\"nl-grade\">{{t:web.reading.grade}}</label>"
    "<input class=\"form-control\" id=\"nl-grade\" name=\"grade\" maxlength=\"20\"></div>"
    "<div class=\"col-md-1\"><label class=\"form-label\" for=\"nl-class\">{{t:web.reading.class}}</label>"
    "<input class=\"form-control\" id=\"nl-class\" name=\"class\" maxlength=\"20\"></div>"
    "<div class=\"col-md-2\"><label class=\"form-label\" for=\"nl-subject\">{{t:web.reading.subject}}</label>"
    "<input class=\"form-control\" id=\"nl-subject\" name=\"subject\" maxlength=\"40\"></div>"
    "<div class=\"col-md-2\"><label class=\"form-label\" for=\"nl-from\">{{t:web.reading.from}}</label>"
    "<input class=\"form-control\" type=\"date\" id=\"nl-from\" name=\"from\"></div>"
    "<div class=\"col-md-2\"><label class=\"form-label\" for=\"nl-to\">{{t:web.reading.to}}</label>"
    "<input class=\"form-control\" type=\"date\" id=\"nl-to\" name=\"to\"></div>"
    "<div class=\"col-md-1\"><button class=\"btn btn-success\" id=\"nl-create\">{{t:web.reading.create}}</button></div></form>";

void lists_page(Call& c) {
    if (!c.is_operator()) return to_login(c);
    ReadingService svc(c.svc().repository());
    std::string body = fill_template("<h1 class=\"h4\">{{t:web.reading.lists_title}}</h1>", {}) + kMessageBox;
    if (c.operator_may(circulation::Action::EditLists)) body += fill_template(kNewListForm, {});
    body += lists_table(svc);
    send_page(c, "web.reading.lists_title", body, "reading.js");
}

// ---- one list: coverage, search and add, remove, suggest ---------------------------------

std::string coverage_rows(const reading::ReadingList& l, const reading::Coverage& cov, bool may_edit) {
    std::ostringstream o;
    // coverage() keeps the list's order within held and within missing: walk both beside the list.
    std::size_t next_held = 0;
    for (std::size_t i = 0; i < l.entries.size(); ++i) {
        const auto& e = l.entries[i];
        const reading::CoverageEntry* held = nullptr;
        if (next_held < cov.held.size()) {
            const auto& h = cov.held[next_held].entry;
            if (h.title == e.title && h.author == e.author && h.isbn == e.isbn) held = &cov.held[next_held++];
        }
        std::string remove;
        if (may_edit)
            remove = fill_template("<form class=\"sx-api-form d-inline\" data-api=\"/api/lists/remove\" data-int=\"pos\">"
                                   "<input type=\"hidden\" name=\"list\" value=\"{{list}}\"><input type=\"hidden\" name=\"pos\" value=\"{{pos}}\">"
                                   "<button class=\"btn btn-sm btn-outline-danger sx-remove\">{{t:web.reading.remove}}</button></form>",
                                   {{"list", l.name}, {"pos", std::to_string(i + 1)}});
        o << fill_template("<tr class=\"sx-entry {{cls}}\" data-status=\"{{status}}\"><td>{{pos}}</td><td class=\"sx-entry-title\">{{title}}</td>"
                           "<td>{{author}}</td><td><code>{{isbn}}</code></td><td>{{state}}</td><td>{{{remove}}}</td></tr>",
                           {{"cls", held ? "" : "table-warning"}, {"status", held ? "held" : "missing"}, {"pos", std::to_string(i + 1)},
                            {"title", e.title}, {"author", e.author}, {"isbn", e.isbn},
                            {"state", held ? trf("web.reading.copies", {std::to_string(held->copies)}) : tr("web.reading.missing_one")},
                            {"remove", remove}});
    }
    return o.str();
}

std::string search_html(Call& c, const reading::ReadingList& l, const std::string& q) {
    std::string form = fill_template(
        "<form class=\"row g-2 mb-2\" method=\"get\" action=\"/lists/view\" id=\"sx-list-search\"><input type=\"hidden\" name=\"name\" value=\"{{name}}\">"
        "<div class=\"col\"><input class=\"form-control\" name=\"q\" id=\"sx-q\" value=\"{{q}}\" placeholder=\"{{t:web.reading.search_hint}}\"></div>"
        "<div class=\"col-auto\"><button class=\"btn btn-primary\">{{t:web.reading.search}}</button></div></form>",
        {{"name", l.name}, {"q", q}});
    if (q.empty()) return form;
    SearchSlot slot(c.app);
    std::ostringstream o;
    for (const auto& h : c.svc().catalog().search(q, 20))
        o << fill_template("<li class=\"list-group-item d-flex justify-content-between sx-search-hit\"><span><span class=\"sx-hit-title\">{{title}}</span>"
                           " <small class=\"text-muted\">{{author}} · {{call}}</small></span>"
                           "<form class=\"sx-api-form\" data-api=\"/api/lists/add\" data-int=\"record_id\"><input type=\"hidden\" name=\"list\" value=\"{{list}}\">"
                           "<input type=\"hidden\" name=\"record_id\" value=\"{{id}}\"><button class=\"btn btn-sm btn-outline-success sx-add\">{{t:web.reading.add}}</button></form></li>",
                           {{"title", h.title}, {"author", h.responsibility}, {"call", h.call_number}, {"list", l.name},
                            {"id", std::to_string(h.record_id)}});
    std::string hits = o.str();
    if (hits.empty()) hits = fill_template("<li class=\"list-group-item\">{{t:web.js.none}}</li>", {});
    return form + "<ul class=\"list-group mb-3\" id=\"sx-search-hits\">" + hits + "</ul>";
}

const char* kByHandForm =
    "<details class=\"mb-3\"><summary>{{t:web.reading.by_hand}}</summary>"
    "<form class=\"sx-api-form row g-2 mt-1\" data-api=\"/api/lists/add\" id=\"sx-by-hand\"><input type=\"hidden\" name=\"list\" value=\"{{list}}\">"
    "<div class=\"col-md-4\"><input class=\"form-control\" name=\"title\" id=\"bh-title\" required placeholder=\"{{t:web.reading.title}}\"></div>"
    "<div class=\"col-md-3\"><input class=\"form-control\" name=\"author\" id=\"bh-author\" placeholder=\"{{t:web.reading.author}}\"></div>"
    "<div class=\"col-md-2\"><input class=\"form-control\" name=\"isbn\" id=\"bh-isbn\" placeholder=\"ISBN\"></div>"
    "<div class=\"col-md-2\"><input class=\"form-control\" name=\"price\" id=\"bh-price\" placeholder=\"{{t:web.reading.price}}\"></div>"
    "<div class=\"col-md-1\"><button class=\"btn btn-outline-success\" id=\"bh-add\">{{t:web.reading.add}}</button></div></form></details>";

void list_page(Call& c) {
    if (!c.is_operator()) return to_login(c);
    ReadingService svc(c.svc().repository());
    const std::string name = param(c, "name"), q = param(c, "q");
    auto l = svc.find(name);
    if (!l) throw HttpError(404, "unknown_list", trf("reading.refuse.unknown_list", {name}));
    const reading::Coverage cov = svc.coverage_of(*l);
    const bool may_edit = c.operator_may(circulation::Action::EditLists);
    std::string body = fill_template(
        "<h1 class=\"h4\">{{name}}</h1><p id=\"sx-coverage\" class=\"lead\">{{summary}}</p>",
        {{"name", l->name},
         {"summary", trf("reading.coverage.summary", {std::to_string(l->entries.size()), std::to_string(cov.held.size()),
                                                      std::to_string(cov.copies), std::to_string(cov.missing.size())})}});
    body += kMessageBox;
    if (may_edit && !cov.missing.empty())
        body += fill_template("<form class=\"sx-api-form row g-2 mb-3\" data-api=\"/api/lists/suggest\"><input type=\"hidden\" name=\"list\" value=\"{{list}}\">"
                              "<div class=\"col-md-3\"><input class=\"form-control\" name=\"by\" id=\"sx-by\" maxlength=\"40\" placeholder=\"{{t:web.reading.by}}\"></div>"
                              "<div class=\"col-auto\"><button class=\"btn btn-warning\" id=\"sx-suggest\">{{label}}</button></div></form>",
                              {{"list", l->name}, {"label", trf("web.reading.suggest", {std::to_string(cov.missing.size())})}});
    body += fill_template("<table class=\"table table-sm\" id=\"sx-entries\"><thead><tr><th>#</th><th>{{t:web.reading.title}}</th>"
                          "<th>{{t:web.reading.author}}</th><th>ISBN</th><th>{{t:web.reading.holding}}</th><th></th></tr></thead><tbody>",
                          {}) +
            coverage_rows(*l, cov, may_edit) + "</tbody></table>";
    if (may_edit) body += search_html(c, *l, q) + fill_template(kByHandForm, {{"list", l->name}});
    send_page(c, "web.reading.lists_title", body, "reading.js");
}

// ---- the list API -------------------------------------------------------------------------

void create_list(Call& c) {
    json b = parse_body(c, {{"name", JType::String, true}, {"grade", JType::String, false}, {"class", JType::String, false},
                            {"subject", JType::String, false}, {"from", JType::String, false}, {"to", JType::String, false}});
    circulation::ReadingList l;
    l.name = str_field(b, "name");
    l.grade = str_field(b, "grade");
    l.class_key = str_field(b, "class");
    l.subject = str_field(b, "subject");
    l.period_from = str_field(b, "from");
    l.period_to = str_field(b, "to");
    l.source = "web";
    send_result(c, ReadingService(c.svc().repository()).import_list(c.ctx(), l));
}

void add_to_list(Call& c) {
    json b = parse_body(c, {{"list", JType::String, true}, {"record_id", JType::Integer, false}, {"title", JType::String, false},
                            {"author", JType::String, false}, {"isbn", JType::String, false}, {"price", JType::String, false}});
    reading::ListEditor ed(c.svc().repository());
    const std::string list = str_field(b, "list");
    if (b.contains("record_id")) return send_result(c, ed.add_record(c.ctx(), list, b["record_id"].get<long long>()));
    circulation::ReadingListEntry e{str_field(b, "title"), str_field(b, "author"), str_field(b, "isbn"), std::nullopt};
    const std::string price = str_field(b, "price");
    if (!price.empty()) {
        char* end = nullptr;
        const double p = std::strtod(price.c_str(), &end);
        if (*end != '\0' || !(p >= 0) || p > 1e6) throw HttpError(400, "bad_param", trf("server.error.bad_param", {"price"}));
        e.price = p;
    }
    send_result(c, ed.add_title(c.ctx(), list, e));
}

void remove_from_list(Call& c) {
    json b = parse_body(c, {{"list", JType::String, true}, {"pos", JType::Integer, true}});
    send_result(c, reading::ListEditor(c.svc().repository()).remove_title(c.ctx(), str_field(b, "list"), b["pos"].get<long long>()));
}

void suggest_missing(Call& c) {
    json b = parse_body(c, {{"list", JType::String, true}, {"by", JType::String, false}});
    reading::SuggestOptions opt;
    opt.by = str_field(b, "by");  // the recommender (谁推荐谁负责); "" = the operator's own reader record
    send_result(c, ReadingService(c.svc().repository()).suggest_missing(c.ctx(), str_field(b, "list"), opt));
}

}  // namespace

std::string programme_html(Call& c, const std::string& list, const std::string& cls, const std::string& grade);
std::string my_progress_html(Call& c, const std::string& list);

namespace {

std::string list_options(Call& c, const std::string& chosen) {
    std::ostringstream o;
    for (auto& l : ReadingService(c.svc().repository()).lists())
        o << fill_template("<option value=\"{{n}}\"{{{sel}}}>{{n}}</option>", {{"n", l.name}, {"sel", l.name == chosen ? " selected" : ""}});
    return o.str();
}

void programme_page(Call& c) {
    if (!c.session) return to_login(c);
    const std::string list = param(c, "list"), cls = param(c, "class", 40), grade = param(c, "grade", 40);
    std::string body = fill_template("<h1 class=\"h4\">{{t:web.reading.programme_title}}</h1>", {});
    if (c.is_reader()) {
        body += fill_template("<form method=\"get\" class=\"row g-2 mb-3\"><div class=\"col-auto\"><select class=\"form-select\" name=\"list\" id=\"sx-list\">"
                              "{{{options}}}</select></div><div class=\"col-auto\"><button class=\"btn btn-primary\">{{t:web.reading.show}}</button></div></form>",
                              {{"options", list_options(c, list)}});
        if (!list.empty()) body += my_progress_html(c, list);
    } else {
        if (!c.operator_may(circulation::Action::ViewReaders)) throw HttpError(403, "forbidden", tr("server.error.forbidden"));
        body += fill_template(
            "<form method=\"get\" class=\"row g-2 mb-3\" id=\"sx-programme-form\"><div class=\"col-md-3\"><select class=\"form-select\" name=\"list\" id=\"sx-list\">{{{options}}}</select></div>"
            "<div class=\"col-md-2\"><input class=\"form-control\" name=\"class\" id=\"sx-class\" value=\"{{cls}}\" placeholder=\"{{t:web.reading.class_hint}}\"></div>"
            "<div class=\"col-md-2\"><input class=\"form-control\" name=\"grade\" id=\"sx-grade\" value=\"{{grade}}\" placeholder=\"{{t:web.reading.grade_hint}}\"></div>"
            "<div class=\"col-auto\"><button class=\"btn btn-primary\" id=\"sx-show\">{{t:web.reading.show}}</button></div></form>",
            {{"options", list_options(c, list)}, {"cls", cls}, {"grade", grade}});
        if (!list.empty() && (!cls.empty() || !grade.empty())) body += programme_html(c, list, cls, grade);
    }
    send_page(c, "web.reading.programme_title", body, "reading.js");
}

}  // namespace

void add_reading_routes(RouteTable& t) {
    t.push_back({"GET", "/lists", Access::Public, false, lists_page});
    t.push_back({"GET", "/lists/view", Access::Public, false, list_page});
    t.push_back({"GET", "/programme", Access::Public, false, programme_page});
    t.push_back({"POST", "/api/lists", Access::Operator, true, create_list});
    t.push_back({"POST", "/api/lists/add", Access::Operator, true, add_to_list});
    t.push_back({"POST", "/api/lists/remove", Access::Operator, true, remove_from_list});
    t.push_back({"POST", "/api/lists/suggest", Access::Operator, true, suggest_missing});
}

}  // namespace shuxiang::server
