// The feedback pages, rendered on the server (every value through fill_template's escaping): the
// reader's reviews and recommendations, a parent's pupils, a title's approved reviews, the
// librarian's moderation queue and the anonymous statistics. Script: static/feedback.js.
#include <cstdio>
#include <sstream>

#include "feedback_web.hpp"
#include "shuxiang/server/html.hpp"

namespace shuxiang::server {

void send_page(Call& c, const std::string& title_key, const std::string& body, const std::string& script);

namespace {

using reading::FeedbackService;
using Vars = std::map<std::string, std::string>;

std::string stars_text(int n) {
    std::string out;
    for (int i = 1; i <= 5; ++i) out += i <= n ? "★" : "☆";
    return out;
}

std::string none_row(int cols) { return fill_template("<tr><td colspan=\"" + std::to_string(cols) + "\">{{t:web.js.none}}</td></tr>", {}); }

void to_login(Call& c) {
    c.res.status = 303;
    c.res.set_header("Location", "/login?next=" + c.req.path);
}

std::string reviewable_html(const std::vector<reading::ReturnedTitle>& titles) {
    std::ostringstream o;
    std::string options;
    for (int s = 5; s >= 1; --s) options += "<option value=\"" + std::to_string(s) + "\">" + stars_text(s) + "</option>";
    for (auto& t : titles)
        o << fill_template(
            "<form class=\"sx-review-form card card-body mb-2\" data-record=\"{{id}}\"><div class=\"fw-semibold mb-1 sx-review-title\">{{title}}</div>"
            "<div class=\"row g-2 align-items-center\"><div class=\"col-auto\"><select class=\"form-select form-select-sm sx-stars\" "
            "aria-label=\"{{t:feedback.page.stars}}\">{{{options}}}</select></div><div class=\"col-12 col-md\"><textarea "
            "class=\"form-control form-control-sm sx-text\" rows=\"2\" maxlength=\"{{max}}\" placeholder=\"{{t:feedback.page.text_hint}}\" "
            "aria-label=\"{{t:feedback.page.text}}\"></textarea></div><div class=\"col-auto\"><button class=\"btn btn-sm btn-success\" "
            "type=\"submit\">{{t:feedback.page.submit}}</button></div></div></form>",
            {{"id", std::to_string(t.record_id)}, {"title", t.title}, {"options", options}, {"max", std::to_string(reading::kMaxReviewChars)}});
    std::string body = o.str();
    if (body.empty()) body = fill_template("<p class=\"text-muted\">{{t:feedback.page.nothing_to_review}}</p>", {});
    return body;
}

std::string my_reviews_html(Call& c, const std::vector<reading::Review>& rows) {
    std::ostringstream o;
    for (auto& r : rows) {
        json j = review_json(c, r);
        const char* cls = r.status == "approved" ? "text-bg-success" : r.status == "rejected" ? "text-bg-danger" : "text-bg-warning";
        o << fill_template("<tr class=\"sx-my-review\" data-status=\"{{status}}\"><td>{{title}}</td><td>{{stars}}</td><td class=\"sx-review-text\">{{text}}</td>"
                           "<td><span class=\"badge {{cls}}\">{{state}}</span> <span class=\"small text-muted\">{{reason}}</span></td></tr>",
                           {{"status", r.status}, {"title", j["title"].get<std::string>()}, {"stars", stars_text(r.stars)}, {"text", r.text},
                            {"cls", cls}, {"state", j["status_text"].get<std::string>()}, {"reason", r.reason}});
    }
    std::string body = o.str();
    return fill_template("<table class=\"table table-sm\"><thead><tr><th>{{t:web.opac.title}}</th><th>{{t:feedback.page.stars}}</th>"
                         "<th>{{t:feedback.page.text}}</th><th>{{t:feedback.page.state}}</th></tr></thead><tbody>{{{rows}}}</tbody></table>",
                         {{"rows", body.empty() ? none_row(4) : body}});
}

std::string recommend_html(Call& c) {
    std::vector<reading::Recommendation> rows;
    FeedbackService(c.svc().repository()).recommendations(reader_ctx(c), c.session->who.id, rows);
    std::ostringstream list;
    for (auto& r : rows)
        list << fill_template("<li class=\"sx-my-recommendation\">{{title}} <span class=\"text-muted small\">{{author}} · {{day}} {{state}}</span></li>",
                              {{"title", r.title}, {"author", r.author}, {"day", r.day},
                               {"state", r.suggestion_id ? tr("feedback.page.sent_to_acq") : std::string()}});
    return fill_template(
        "<section id=\"sx-recommend\" class=\"mb-4\"><h2 class=\"h5\">{{t:feedback.page.recommend}}</h2><p class=\"small text-muted\">"
        "{{t:feedback.page.recommend_hint}}</p><form id=\"sx-recommend-form\" class=\"row g-2 mb-2\">"
        "<div class=\"col-12 col-md-4\"><input class=\"form-control form-control-sm\" name=\"title\" placeholder=\"{{t:feedback.page.title}}\" required></div>"
        "<div class=\"col-6 col-md-2\"><input class=\"form-control form-control-sm\" name=\"author\" placeholder=\"{{t:feedback.page.author}}\"></div>"
        "<div class=\"col-6 col-md-2\"><input class=\"form-control form-control-sm\" name=\"isbn\" placeholder=\"ISBN\"></div>"
        "<div class=\"col-4 col-md-1\"><input class=\"form-control form-control-sm\" name=\"price\" placeholder=\"{{t:feedback.page.price}}\"></div>"
        "<div class=\"col-8 col-md-2\"><input class=\"form-control form-control-sm\" name=\"note\" placeholder=\"{{t:feedback.page.note}}\"></div>"
        "<div class=\"col-auto\"><button class=\"btn btn-sm btn-primary\" type=\"submit\">{{t:feedback.page.recommend_button}}</button></div>"
        "</form><ul class=\"list-unstyled\">{{{list}}}</ul></section>",
        {{"list", list.str()}});
}

void reader_page(Call& c) {
    if (!c.is_reader()) return to_login(c);
    FeedbackService svc(c.svc().repository());
    std::vector<reading::Review> mine;
    std::vector<reading::ReturnedTitle> open;
    svc.reviews_by(reader_ctx(c), c.session->who.id, mine);
    svc.reviewable(reader_ctx(c), c.session->who.id, open);
    auto me = c.svc().patrons().find(c.session->who.id);
    const bool recommender = me && me->kind != circulation::PatronKind::Student;
    const bool parent = me && me->kind == circulation::PatronKind::Parent;
    Vars v = {{"flash", c.req.has_param("done") ? tr("feedback.page.submitted") : std::string()},
              {"flash_cls", c.req.has_param("done") ? "alert alert-success" : "alert d-none"},
              {"reviewable", reviewable_html(open)},
              {"mine", my_reviews_html(c, mine)},
              {"recommend", recommender ? recommend_html(c) : std::string()},
              {"family", parent ? fill_template("<p><a class=\"btn btn-outline-primary btn-sm\" id=\"sx-family-link\" href=\"/opac/family\">"
                                                "{{t:feedback.page.family}}</a></p>", {})
                                : std::string()}};
    send_page(c, "feedback.page.mine",
              fill_template("<h1 class=\"h4\">{{t:feedback.page.mine}}</h1>{{{family}}}<div id=\"sx-feedback-message\" class=\"{{flash_cls}}\" "
                            "role=\"status\">{{flash}}</div><section id=\"sx-reviewable\" class=\"mb-4\"><h2 class=\"h5\">"
                            "{{t:feedback.page.to_review}}</h2><p class=\"small text-muted\">{{t:feedback.page.moderated_hint}}</p>{{{reviewable}}}"
                            "</section><section id=\"sx-my-reviews\" class=\"mb-4\"><h2 class=\"h5\">{{t:feedback.page.my_reviews}}</h2>"
                            "{{{mine}}}</section>{{{recommend}}}",
                            v),
              "feedback.js");
}

std::string child_html(Call& c, const reading::ChildView& v) {
    std::ostringstream loans, back, progs;
    for (auto& l : v.open_loans) {
        auto rec = c.svc().catalog().record(l.record_id);
        loans << fill_template("<li>{{title}} <span class=\"text-muted small\">{{due}}</span></li>",
                               {{"title", rec ? rec->title : std::string()}, {"due", trf("feedback.page.due", {l.due_date})}});
    }
    for (auto& t : v.returned) back << fill_template("<li>{{title}}</li>", {{"title", t.title}});
    for (auto& p : v.programmes)
        progs << fill_template("<li>{{text}}</li>", {{"text", trf("feedback.page.progress", {p.list, std::to_string(p.progress.titles_read.size()),
                                                                                             std::to_string(p.progress.list_titles)})}});
    auto list = [](const std::ostringstream& o) {
        std::string s = o.str();
        return s.empty() ? fill_template("<li class=\"text-muted\">{{t:web.js.none}}</li>", {}) : s;
    };
    return fill_template("<div class=\"card card-body mb-3 sx-child\" data-pupil=\"{{id}}\"><h2 class=\"h5\">{{name}} <span class=\"text-muted small\">{{class}}</span></h2>"
                         "<div class=\"row\"><div class=\"col-md-4\"><h3 class=\"h6\">{{t:feedback.page.child_loans}}</h3><ul class=\"sx-child-loans\">{{{loans}}}</ul></div>"
                         "<div class=\"col-md-4\"><h3 class=\"h6\">{{t:feedback.page.child_returned}}</h3><ul>{{{back}}}</ul></div>"
                         "<div class=\"col-md-4\"><h3 class=\"h6\">{{t:feedback.page.child_programmes}}</h3><ul>{{{progs}}}</ul></div></div></div>",
                         {{"id", v.pupil.id}, {"name", v.pupil.name}, {"class", circulation::class_key(v.pupil.grade, v.pupil.class_no)},
                          {"loans", list(loans)}, {"back", list(back)}, {"progs", list(progs)}});
}

void family_page(Call& c) {
    if (!c.is_reader()) return to_login(c);
    FeedbackService svc(c.svc().repository());
    std::vector<circulation::Patron> kids;
    svc.children(reader_ctx(c), c.session->who.id, kids);
    std::ostringstream o;
    for (auto& k : kids) {
        reading::ChildView v;
        if (svc.child_view(reader_ctx(c), k.id, v).ok) o << child_html(c, v);
    }
    std::string body = o.str();
    if (body.empty()) body = fill_template("<p class=\"text-muted\">{{t:feedback.page.no_children}}</p>", {});
    send_page(c, "feedback.page.family", fill_template("<h1 class=\"h4\">{{t:feedback.page.family}}</h1>{{{body}}}", {{"body", body}}), "feedback.js");
}

void reviews_page(Call& c) {
    const long long id = record_param(c, "record");
    auto rec = c.svc().catalog().record(id);
    if (!rec) throw HttpError(404, "unknown_record", tr("server.error.not_found"));
    std::ostringstream o;
    for (auto& r : FeedbackService(c.svc().repository()).approved(id))
        o << fill_template("<li class=\"list-group-item sx-public-review\"><span class=\"text-warning\">{{stars}}</span> "
                           "<span class=\"text-muted small\">{{who}} · {{day}}</span><div class=\"sx-review-text\">{{text}}</div></li>",
                           {{"stars", stars_text(r.stars)}, {"who", reader_label(r)}, {"day", r.day}, {"text", r.text}});
    std::string body = o.str();
    if (body.empty()) body = fill_template("<li class=\"list-group-item text-muted\">{{t:feedback.page.no_reviews}}</li>", {});
    send_page(c, "feedback.page.reviews",
              fill_template("<h1 class=\"h4\">{{t:feedback.page.reviews}}</h1><h2 class=\"h5 sx-title\">{{title}}</h2>"
                            "<ul class=\"list-group\" id=\"sx-reviews\">{{{body}}}</ul>",
                            {{"title", rec->title}, {"body", body}}),
              "feedback.js");
}

void queue_page(Call& c) {
    if (!c.is_operator()) return to_login(c);
    std::vector<reading::Review> rows;
    auto r = FeedbackService(c.svc().repository()).pending(c.ctx(), rows);
    if (!r.ok) throw HttpError(403, "forbidden", r.message);
    std::ostringstream o;
    for (auto& v : rows) {
        json j = review_json(c, v);
        auto who = c.svc().patrons().find(v.patron_id);
        o << fill_template("<tr class=\"sx-pending\" data-review=\"{{id}}\"><td>{{reader}}</td><td>{{title}}</td><td>{{stars}}</td>"
                           "<td class=\"sx-review-text\">{{text}}</td><td class=\"text-nowrap\"><button class=\"btn btn-sm btn-success sx-approve\">"
                           "{{t:feedback.page.approve}}</button> <input class=\"form-control form-control-sm d-inline-block w-auto sx-reason\" "
                           "placeholder=\"{{t:feedback.page.reason}}\" aria-label=\"{{t:feedback.page.reason}}\"> <button class=\"btn btn-sm "
                           "btn-outline-danger sx-reject\">{{t:feedback.page.reject}}</button></td></tr>",
                           {{"id", std::to_string(v.id)}, {"reader", v.patron_id + " " + (who ? who->name : std::string())},
                            {"title", j["title"].get<std::string>()}, {"stars", stars_text(v.stars)}, {"text", v.text}});
    }
    std::string body = o.str();
    send_page(c, "feedback.page.queue",
              fill_template("<h1 class=\"h4\">{{t:feedback.page.queue}}</h1><p><a href=\"/feedback/stats\" id=\"sx-feedback-stats-link\">"
                            "{{t:feedback.page.stats}}</a></p><div id=\"sx-feedback-message\" class=\"alert d-none\" role=\"status\"></div>"
                            "<table class=\"table table-sm align-middle\" id=\"sx-queue\"><thead><tr><th>{{t:feedback.page.reader}}</th>"
                            "<th>{{t:web.opac.title}}</th><th>{{t:feedback.page.stars}}</th><th>{{t:feedback.page.text}}</th><th></th></tr></thead>"
                            "<tbody>{{{rows}}}</tbody></table>",
                            {{"rows", body.empty() ? none_row(5) : body}}),
              "feedback.js");
}

std::string cells_html(const std::vector<reading::FeedbackStats::Cell>& cells) {
    std::ostringstream o;
    char buf[32];
    for (auto& k : cells) {
        std::snprintf(buf, sizeof buf, "%.2f", k.loans_per_student);
        const std::string hidden = tr("feedback.page.suppressed");
        o << fill_template("<tr class=\"{{cls}}\"><td class=\"text-nowrap\">{{key}}</td><td>{{students}}</td><td>{{readers}}</td><td>{{loans}}</td><td>{{per}}</td></tr>",
                           {{"cls", k.suppressed ? "sx-suppressed text-muted" : ""}, {"key", k.key}, {"students", std::to_string(k.students)},
                            {"readers", k.suppressed ? hidden : std::to_string(k.readers)}, {"loans", k.suppressed ? hidden : std::to_string(k.loans)},
                            {"per", k.suppressed ? hidden : std::string(buf)}});
    }
    return fill_template("<table class=\"table table-sm\"><thead><tr><th></th><th>{{t:feedback.page.students}}</th><th>{{t:feedback.page.readers}}</th>"
                         "<th>{{t:feedback.page.loans}}</th><th>{{t:feedback.page.per_student}}</th></tr></thead><tbody>{{{rows}}}</tbody></table>",
                         {{"rows", o.str().empty() ? none_row(5) : o.str()}});
}

void stats_page(Call& c) {
    if (!c.is_operator()) return to_login(c);
    const int year = feedback_year(c);
    const auto st = FeedbackService(c.svc().repository()).stats(year);
    std::ostringstream rec, rated;
    for (auto& r : st.most_recommended)
        rec << fill_template("<tr><td>{{title}}</td><td>{{author}}</td><td>{{n}}</td><td>{{held}}</td></tr>",
                             {{"title", r.title}, {"author", r.author}, {"n", std::to_string(r.recommendations)},
                              {"held", tr(r.record_id ? "feedback.page.held" : "feedback.page.not_held")}});
    char buf[32];
    for (auto& r : st.best_rated) {
        std::snprintf(buf, sizeof buf, "%.2f", r.average);
        rated << fill_template("<tr><td>{{title}}</td><td>{{avg}}</td><td>{{n}}</td></tr>",
                               {{"title", r.title}, {"avg", buf}, {"n", std::to_string(r.ratings)}});
    }
    Vars v = {{"year", std::to_string(year)},
              {"privacy", trf("feedback.page.privacy", {std::to_string(reading::kMinCellStudents), std::to_string(reading::kMinRatings)})},
              {"rec", rec.str().empty() ? none_row(4) : rec.str()},
              {"rated", rated.str().empty() ? none_row(3) : rated.str()},
              {"grades", cells_html(st.by_grade)},
              {"classes", cells_html(st.by_class)}};
    send_page(c, "feedback.page.stats",
              fill_template("<h1 class=\"h4\">{{t:feedback.page.stats}} {{year}}</h1><p class=\"small text-muted\" id=\"sx-privacy\">{{privacy}}</p>"
                            "<div class=\"row g-3\"><div class=\"col-lg-6\"><h2 class=\"h6\">{{t:feedback.page.most_recommended}}</h2>"
                            "<table class=\"table table-sm\" id=\"sx-most-recommended\"><thead><tr><th>{{t:feedback.page.title}}</th><th>{{t:feedback.page.author}}</th>"
                            "<th>{{t:feedback.page.recommendations}}</th><th></th></tr></thead><tbody>{{{rec}}}</tbody></table></div>"
                            "<div class=\"col-lg-6\"><h2 class=\"h6\">{{t:feedback.page.best_rated}}</h2><table class=\"table table-sm\" id=\"sx-best-rated\">"
                            "<thead><tr><th>{{t:feedback.page.title}}</th><th>{{t:feedback.page.average}}</th><th>{{t:feedback.page.ratings}}</th></tr></thead>"
                            "<tbody>{{{rated}}}</tbody></table></div><div class=\"col-lg-6\" id=\"sx-by-grade\"><h2 class=\"h6\">{{t:feedback.page.by_grade}}</h2>"
                            "{{{grades}}}</div><div class=\"col-lg-6\" id=\"sx-by-class\"><h2 class=\"h6\">{{t:feedback.page.by_class}}</h2>{{{classes}}}</div></div>",
                            v),
              "feedback.js");
}

}  // namespace

json child_json(Call& c, const reading::ChildView& v) {
    json loans = json::array(), back = json::array(), progs = json::array();
    for (auto& l : v.open_loans) {
        auto rec = c.svc().catalog().record(l.record_id);
        loans.push_back({{"title", rec ? rec->title : std::string()}, {"due", l.due_date}, {"overdue", l.due_date < c.day()}});
    }
    for (auto& t : v.returned) back.push_back({{"record", t.record_id}, {"title", t.title}, {"returned", t.returned}});
    for (auto& p : v.programmes)
        progs.push_back({{"list", p.list}, {"read", p.progress.titles_read.size()}, {"list_titles", p.progress.list_titles},
                         {"titles", p.progress.titles_read}});
    return {{"id", v.pupil.id}, {"name", v.pupil.name}, {"class", circulation::class_key(v.pupil.grade, v.pupil.class_no)},
            {"loans", loans}, {"returned", back}, {"programmes", progs}};
}

void add_feedback_pages(RouteTable& t) {
    t.push_back({"GET", "/opac/feedback", Access::Public, false, reader_page});
    t.push_back({"GET", "/opac/family", Access::Public, false, family_page});
    t.push_back({"GET", "/opac/reviews", Access::Public, false, reviews_page});
    t.push_back({"GET", "/feedback", Access::Public, false, queue_page});
    t.push_back({"GET", "/feedback/stats", Access::Public, false, stats_page});
}

}  // namespace shuxiang::server
