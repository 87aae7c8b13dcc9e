// Readers' feedback on the web (library_core/reading/feedback.hpp): a reader's reviews and
// recommendations (the reader's number always from the session), a parent's linked pupils, the
// public approved reviews of a title, and the librarian's moderation queue and statistics. Every
// POST needs the session's CSRF token (Route::mutating); pages: pages_feedback.cpp.
#include "app.hpp"
#include "feedback_web.hpp"

namespace shuxiang::server {

using reading::FeedbackService;

json review_json(Call& c, const reading::Review& r) {
    auto rec = c.svc().catalog().record(r.record_id);
    return {{"id", r.id},         {"record", r.record_id}, {"title", rec ? rec->title : std::string()},
            {"stars", r.stars},   {"text", r.text},        {"status", r.status},
            {"status_text", tr("feedback.status." + r.status)}, {"day", r.day}, {"reason", r.reason}};
}

json public_reviews_json(const std::vector<reading::PublicReview>& rows) {
    json out = json::array();
    for (auto& r : rows)
        out.push_back({{"id", r.id}, {"stars", r.stars}, {"text", r.text}, {"day", r.day}, {"reader", reader_label(r)}});
    return out;
}

std::string reader_label(const reading::PublicReview& r) {
    if (r.reader == "student" && r.grade > 0) return trf("feedback.reader.student_grade", {std::to_string(r.grade)});
    return tr("feedback.reader." + (r.reader.empty() ? std::string("unknown") : r.reader));
}

circulation::Ctx reader_ctx(const Call& c) { return circulation::Ctx{"", c.day(), c.session->who.id}; }

long long record_param(const Call& c, const char* name) {
    const std::string v = c.req.get_param_value(name);
    if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
        throw HttpError(400, "bad_param", trf("server.error.bad_param", {name}));
    return std::stoll(v);
}

namespace {

void send_refusal_or(Call& c, const circulation::Result& r, const std::function<json()>& body) {
    if (!r.ok) return send_result(c, r);
    c.send_json(body());
}

void my_reviews(Call& c) {
    FeedbackService svc(c.svc().repository());
    std::vector<reading::Review> mine;
    std::vector<reading::ReturnedTitle> open;
    auto r = svc.reviews_by(reader_ctx(c), c.session->who.id, mine);
    if (r.ok) r = svc.reviewable(reader_ctx(c), c.session->who.id, open);
    send_refusal_or(c, r, [&] {
        json j = {{"reviews", json::array()}, {"reviewable", json::array()}};
        for (auto& v : mine) j["reviews"].push_back(review_json(c, v));
        for (auto& t : open) j["reviewable"].push_back({{"record", t.record_id}, {"title", t.title}, {"returned", t.returned}});
        return j;
    });
}

void write_review(Call& c) {
    json b = parse_body(c, {{"record", JType::Integer, true}, {"stars", JType::Integer, true}, {"text", JType::String, false}});
    FeedbackService svc(c.svc().repository());
    send_result(c, svc.write_review(reader_ctx(c), c.session->who.id, b["record"].get<long long>(), b["stars"].get<int>(),
                                    str_field(b, "text")));
}

// A recommendation's fields from a request body; the price is text ("25", "25.5") as typed.
reading::NewRecommendation recommendation_of(const Call& c, bool with_by) {
    json b = with_by ? parse_body(c, {{"record", JType::Integer, false}, {"title", JType::String, false},
                                      {"author", JType::String, false}, {"isbn", JType::String, false},
                                      {"price", JType::String, false}, {"note", JType::String, false}, {"by", JType::String, false}})
                     : parse_body(c, {{"record", JType::Integer, false}, {"title", JType::String, false},
                                      {"author", JType::String, false}, {"isbn", JType::String, false},
                                      {"price", JType::String, false}, {"note", JType::String, false}});
    reading::NewRecommendation r;
    if (b.contains("record")) r.record_id = b["record"].get<long long>();
    r.title = str_field(b, "title");
    r.author = str_field(b, "author");
    r.isbn = str_field(b, "isbn");
    r.note = str_field(b, "note");
    r.by = str_field(b, "by");
    for (auto* f : {&r.title, &r.author, &r.isbn, &r.by})
        if (f->size() > 400) throw HttpError(400, "bad_param", trf("server.error.bad_param", {"title"}));
    const std::string price = str_field(b, "price");
    if (!price.empty()) {
        char* end = nullptr;
        const double v = std::strtod(price.c_str(), &end);
        if (end != price.c_str() + price.size() || !(v > 0) || v > 100000) throw HttpError(400, "bad_param", trf("server.error.bad_param", {"price"}));
        r.price = v;
    }
    return r;
}

void my_recommend(Call& c) { send_result(c, FeedbackService(c.svc().repository()).recommend(reader_ctx(c), recommendation_of(c, false))); }

void my_recommendations(Call& c) {
    std::vector<reading::Recommendation> rows;
    auto r = FeedbackService(c.svc().repository()).recommendations(reader_ctx(c), c.session->who.id, rows);
    send_refusal_or(c, r, [&] {
        json out = json::array();
        for (auto& v : rows)
            out.push_back({{"id", v.id}, {"record", v.record_id}, {"title", v.title}, {"author", v.author}, {"day", v.day},
                           {"suggestion", v.suggestion_id}});
        return out;
    });
}

void my_children(Call& c) {
    std::vector<circulation::Patron> kids;
    auto r = FeedbackService(c.svc().repository()).children(reader_ctx(c), c.session->who.id, kids);
    send_refusal_or(c, r, [&] {
        json out = json::array();
        for (auto& k : kids) out.push_back({{"id", k.id}, {"name", k.name}, {"class", circulation::class_key(k.grade, k.class_no)}});
        return out;
    });
}

// One linked pupil: refused (403, audited) for anyone else's child.
void my_child(Call& c) {
    const std::string id = c.req.get_param_value("id");
    if (id.empty() || id.size() > 64) throw HttpError(400, "bad_param", trf("server.error.bad_param", {"id"}));
    reading::ChildView v;
    auto r = FeedbackService(c.svc().repository()).child_view(reader_ctx(c), id, v);
    send_refusal_or(c, r, [&] { return child_json(c, v); });
}

void public_reviews(Call& c) {
    c.send_json(public_reviews_json(FeedbackService(c.svc().repository()).approved(record_param(c, "record"))));
}

void queue(Call& c) {
    std::vector<reading::Review> rows;
    auto r = FeedbackService(c.svc().repository()).pending(c.ctx(), rows);
    send_refusal_or(c, r, [&] {
        json out = json::array();
        for (auto& v : rows) {
            json j = review_json(c, v);
            j["patron"] = v.patron_id;
            out.push_back(j);
        }
        return out;
    });
}

void moderate(Call& c) {
    json b = parse_body(c, {{"review", JType::Integer, true}, {"approve", JType::Boolean, true}, {"reason", JType::String, false}});
    send_result(c, FeedbackService(c.svc().repository())
                       .moderate(c.ctx(), b["review"].get<long long>(), b["approve"].get<bool>(), str_field(b, "reason")));
}

void op_recommend(Call& c) { send_result(c, FeedbackService(c.svc().repository()).recommend(c.ctx(), recommendation_of(c, true))); }

void link_parent(Call& c) {
    json b = parse_body(c, {{"parent", JType::String, true}, {"pupil", JType::String, true}, {"unlink", JType::Boolean, false}});
    FeedbackService svc(c.svc().repository());
    const bool unlink = b.contains("unlink") && b["unlink"].get<bool>();
    const std::string parent = str_field(b, "parent"), pupil = str_field(b, "pupil");
    send_result(c, unlink ? svc.unlink_parent(c.ctx(), parent, pupil) : svc.link_parent(c.ctx(), parent, pupil));
}

int year_param(const Call& c) {
    if (!c.req.has_param("year")) return std::stoi(c.day().substr(0, 4));
    const std::string y = c.req.get_param_value("year");
    if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos)
        throw HttpError(400, "bad_param", trf("server.error.bad_param", {"year"}));
    return std::stoi(y);
}

void stats(Call& c) { c.send_json(feedback_stats_json(FeedbackService(c.svc().repository()).stats(year_param(c)))); }

}  // namespace

int feedback_year(const Call& c) { return year_param(c); }

void add_feedback_routes(RouteTable& t) {
    t.push_back({"GET", "/api/me/reviews", Access::Reader, false, my_reviews});
    t.push_back({"POST", "/api/me/reviews", Access::Reader, true, write_review});
    t.push_back({"GET", "/api/me/recommendations", Access::Reader, false, my_recommendations});
    t.push_back({"POST", "/api/me/recommendations", Access::Reader, true, my_recommend});
    t.push_back({"GET", "/api/me/children", Access::Reader, false, my_children});
    t.push_back({"GET", "/api/me/child", Access::Reader, false, my_child});
    t.push_back({"GET", "/api/reviews", Access::Public, false, public_reviews});
    t.push_back({"GET", "/api/feedback/queue", Access::Operator, false, queue});
    t.push_back({"POST", "/api/feedback/moderate", Access::Operator, true, moderate});
    t.push_back({"POST", "/api/feedback/recommend", Access::Operator, true, op_recommend});
    t.push_back({"POST", "/api/parents/link", Access::Operator, true, link_parent});
    t.push_back({"GET", "/api/feedback/stats", Access::Operator, false, stats});
    add_feedback_pages(t);
}

}  // namespace shuxiang::server
