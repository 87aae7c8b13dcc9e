// `shuxiang feedback review|queue|approve|reject|show|recommend|recommendations|stats` and
// `shuxiang parents link|unlink|list`: readers' reviews and their moderation, recommendations,
// parent accounts (library_core/reading/feedback.hpp). Exit codes: 0 done, 3 refused, 2 bad input.
#include "cmd_feedback.hpp"

#include <iostream>
#include <memory>

#include "auth.hpp"
#include "registry.hpp"
#include "result_output.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {

using nlohmann::json;
using namespace shuxiang::reading;
using circulation::LibraryServices;
using circulation::Result;

void print_feedback_stats(const FeedbackStats& st) {
    char buf[64];
    std::cout << tr("feedback.cli.most_recommended") << "\n";
    for (auto& r : st.most_recommended) std::cout << "  " << r.recommendations << "\t" << r.title << "\n";
    std::cout << trf("feedback.cli.best_rated", {std::to_string(kMinRatings)}) << "\n";
    for (auto& r : st.best_rated) {
        std::snprintf(buf, sizeof buf, "%.2f", r.average);
        std::cout << "  " << buf << "\t" << r.ratings << "\t" << r.title << "\n";
    }
    std::cout << trf("feedback.cli.by_class", {std::to_string(kMinCellStudents)}) << "\n";
    for (auto* v : {&st.by_grade, &st.by_class})
        for (auto& c : *v) {
            std::snprintf(buf, sizeof buf, "%.2f", c.loans_per_student);
            std::cout << "  " << c.key << "\t" << c.students << "\t"
                      << (c.suppressed ? tr("feedback.cli.suppressed") : std::to_string(c.readers) + "\t" + std::to_string(c.loans) + "\t" + buf)
                      << "\n";
        }
}

namespace {

struct Opts {
    std::string db, as, password_file, date;
    bool json_out = false;
    std::string day() const { return date.empty() ? circulation::today() : date; }
    circulation::Ctx ctx() const { return authenticate(db, {as, password_file}, day(), json_out); }
};

std::shared_ptr<Opts> options(CLI::App* c, bool acting) {
    auto o = std::make_shared<Opts>();
    c->add_option("--db", o->db, tr("circ.cli.db"))->required();
    c->add_flag("--json", o->json_out, tr("circ.cli.json"));
    c->add_option("--date", o->date, tr("circ.cli.date"));
    if (acting) {
        c->add_option("--as", o->as, tr("circ.cli.as"));
        c->add_option("--password-file", o->password_file, tr("identity.cli.password_file"));
    }
    return o;
}

// Runs `body` on the library's feedback service after authenticating the operator.
void acting(CLI::App* c, std::shared_ptr<Opts> o, std::function<int(FeedbackService&, const circulation::Ctx&)> body) {
    c->callback([=] {
        run_guarded([=] {
            const auto ctx = o->ctx();
            auto lib = LibraryServices::open(o->db);
            FeedbackService svc(lib->repository());
            return body(svc, ctx);
        });
    });
}

json review_json(const Review& r) {
    return {{"id", r.id}, {"patron", r.patron_id}, {"record", r.record_id}, {"stars", r.stars}, {"text", r.text},
            {"status", r.status}, {"day", r.day}, {"moderator", r.moderator}, {"reason", r.reason}};
}

void add_review(CLI::App* g) {
    auto* c = g->add_subcommand("review", tr("feedback.cli.review"));
    auto o = options(c, true);
    auto patron = std::make_shared<std::string>(), text = std::make_shared<std::string>();
    auto record = std::make_shared<long long>(0);
    auto stars = std::make_shared<int>(0);
    c->add_option("--patron", *patron, tr("feedback.cli.patron"))->required();
    c->add_option("--record", *record, tr("feedback.cli.record"))->required();
    c->add_option("--stars", *stars, tr("feedback.cli.stars"))->required();
    c->add_option("--text", *text, tr("feedback.cli.text"));
    acting(c, o, [=](FeedbackService& s, const circulation::Ctx& ctx) {
        return print_result(s.write_review(ctx, *patron, *record, *stars, *text), o->json_out);
    });
}

void add_moderation(CLI::App* g) {
    auto* q = g->add_subcommand("queue", tr("feedback.cli.queue"));
    auto qo = options(q, true);
    acting(q, qo, [=](FeedbackService& s, const circulation::Ctx& ctx) {
        std::vector<Review> rows;
        Result r = s.pending(ctx, rows);
        if (!r.ok) return print_result(r, qo->json_out);
        json arr = json::array();
        for (auto& v : rows) {
            arr.push_back(review_json(v));
            if (!qo->json_out) std::cout << v.id << "\t" << v.patron_id << "\t" << v.record_id << "\t" << v.stars << "\t" << v.text << "\n";
        }
        if (qo->json_out) std::cout << arr.dump(2) << "\n";
        return 0;
    });
    for (bool approve : {true, false}) {
        auto* c = g->add_subcommand(approve ? "approve" : "reject", tr(approve ? "feedback.cli.approve" : "feedback.cli.reject"));
        auto o = options(c, true);
        auto id = std::make_shared<long long>(0);
        auto reason = std::make_shared<std::string>();
        c->add_option("review", *id, tr("feedback.cli.review_id"))->required();
        if (!approve) c->add_option("--reason", *reason, tr("feedback.cli.reason"))->required();
        acting(c, o, [=](FeedbackService& s, const circulation::Ctx& ctx) {
            return print_result(s.moderate(ctx, *id, approve, *reason), o->json_out);
        });
    }
}

void add_show(CLI::App* g) {
    auto* c = g->add_subcommand("show", tr("feedback.cli.show"));
    auto o = options(c, false);
    auto record = std::make_shared<long long>(0);
    c->add_option("record", *record, tr("feedback.cli.record"))->required();
    c->callback([=] {
        run_guarded([=] {
            auto lib = LibraryServices::open(o->db);
            json arr = json::array();
            for (auto& r : FeedbackService(lib->repository()).approved(*record)) {
                arr.push_back({{"id", r.id}, {"stars", r.stars}, {"text", r.text}, {"day", r.day}, {"reader", r.reader}, {"grade", r.grade}});
                if (!o->json_out) std::cout << std::string(static_cast<std::size_t>(r.stars), '*') << "\t" << r.day << "\t" << r.text << "\n";
            }
            if (o->json_out) std::cout << arr.dump(2) << "\n";
            return 0;
        });
    });
}

void add_recommend(CLI::App* g) {
    auto* c = g->add_subcommand("recommend", tr("feedback.cli.recommend"));
    auto o = options(c, true);
    auto r = std::make_shared<NewRecommendation>();
    auto price = std::make_shared<double>(0);
    c->add_option("--record", r->record_id, tr("feedback.cli.record"));
    c->add_option("--title", r->title, tr("feedback.cli.title"));
    c->add_option("--author", r->author, tr("feedback.cli.author"));
    c->add_option("--isbn", r->isbn, tr("feedback.cli.isbn"));
    c->add_option("--price", *price, tr("feedback.cli.price"));
    c->add_option("--note", r->note, tr("feedback.cli.note"));
    c->add_option("--by", r->by, tr("feedback.cli.by"));
    acting(c, o, [=](FeedbackService& s, const circulation::Ctx& ctx) {
        NewRecommendation n = *r;
        if (*price > 0) n.price = *price;
        return print_result(s.recommend(ctx, n), o->json_out);
    });
    auto* l = g->add_subcommand("recommendations", tr("feedback.cli.recommendations"));
    auto lo = options(l, true);
    auto by = std::make_shared<std::string>();
    l->add_option("--by", *by, tr("feedback.cli.by"));
    acting(l, lo, [=](FeedbackService& s, const circulation::Ctx& ctx) {
        std::vector<Recommendation> rows;
        Result res = s.recommendations(ctx, *by, rows);
        if (!res.ok) return print_result(res, lo->json_out);
        json arr = json::array();
        for (auto& v : rows) {
            arr.push_back({{"id", v.id}, {"by", v.by_patron}, {"kind", v.by_kind}, {"record", v.record_id}, {"title", v.title},
                           {"author", v.author}, {"isbn", v.isbn}, {"note", v.note}, {"day", v.day}, {"suggestion", v.suggestion_id}});
            if (!lo->json_out) std::cout << v.id << "\t" << v.by_patron << "\t" << v.title << "\t" << v.suggestion_id << "\n";
        }
        if (lo->json_out) std::cout << arr.dump(2) << "\n";
        return 0;
    });
}

void add_stats(CLI::App* g) {
    auto* c = g->add_subcommand("stats", tr("feedback.cli.stats"));
    auto o = options(c, false);
    auto year = std::make_shared<int>(0);
    c->add_option("--year", *year, tr("circ.cli.year"));
    c->callback([=] {
        run_guarded([=] {
            auto lib = LibraryServices::open(o->db);
            const auto st = FeedbackService(lib->repository()).stats(*year ? *year : std::stoi(o->day().substr(0, 4)));
            if (o->json_out) std::cout << feedback_stats_json(st).dump(2) << "\n";
            else print_feedback_stats(st);
            return 0;
        });
    });
}

void add_parents(CLI::App& root) {
    auto* g = root.add_subcommand("parents", tr("feedback.cli.parents"));
    g->require_subcommand(1);
    for (bool link : {true, false}) {
        auto* c = g->add_subcommand(link ? "link" : "unlink", tr(link ? "feedback.cli.link" : "feedback.cli.unlink"));
        auto o = options(c, true);
        auto parent = std::make_shared<std::string>(), pupil = std::make_shared<std::string>();
        c->add_option("parent", *parent, tr("feedback.cli.parent"))->required();
        c->add_option("pupil", *pupil, tr("feedback.cli.pupil"))->required();
        acting(c, o, [=](FeedbackService& s, const circulation::Ctx& ctx) {
            return print_result(link ? s.link_parent(ctx, *parent, *pupil) : s.unlink_parent(ctx, *parent, *pupil), o->json_out);
        });
    }
    auto* l = g->add_subcommand("list", tr("feedback.cli.parents_list"));
    auto o = options(l, true);
    auto parent = std::make_shared<std::string>();
    l->add_option("parent", *parent, tr("feedback.cli.parent"))->required();
    acting(l, o, [=](FeedbackService& s, const circulation::Ctx& ctx) {
        std::vector<circulation::Patron> kids;
        Result r = s.children(ctx, *parent, kids);
        if (!r.ok) return print_result(r, o->json_out);
        json arr = json::array();
        for (auto& k : kids) {
            arr.push_back({{"id", k.id}, {"name", k.name}, {"class", circulation::class_key(k.grade, k.class_no)}});
            if (!o->json_out) std::cout << k.id << "\t" << k.name << "\t" << circulation::class_key(k.grade, k.class_no) << "\n";
        }
        if (o->json_out) std::cout << arr.dump(2) << "\n";
        return 0;
    });
}

const Registrar reg([](CLI::App& root) {
    auto* g = root.add_subcommand("feedback", tr("feedback.cli.feedback"));
    g->require_subcommand(1);
    add_review(g);
    add_moderation(g);
    add_show(g);
    add_recommend(g);
    add_stats(g);
    add_parents(root);
});

}  // namespace
}  // namespace shuxiang::cli
