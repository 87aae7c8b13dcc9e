// shuxiang district init | push | search | submit | review | school | operator | inspect | serve:
// the bureau's PostgreSQL database (union catalogue, submissions, inspection) — see docs/district.md.
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "auth.hpp"
#include "registry.hpp"
#include "serve_signals.hpp"
#include "shuxiang/circulation/repository.hpp"
#include "shuxiang/district/auth.hpp"
#include "shuxiang/district/inspection.hpp"
#include "shuxiang/district/push.hpp"
#include "shuxiang/district/submit.hpp"
#include "shuxiang/server/district_server.hpp"
#include "shuxiang/server/server.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {
namespace {

using nlohmann::json;

int this_year() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm.tm_year + 1900;
}

struct Args {
    std::string pg, db, school, name, county, query, role = "reviewer", listen = "127.0.0.1:8090", by = "cli";
    std::vector<std::string> files;
    int year = 0, limit = 20, count = 0;
    std::string seed;
    bool json_out = false, password_stdin = false, quiet = false;
};

int run_init(const Args& a) {
    auto d = district::open_district(a.pg);
    std::cout << trf("district.cli.ready", {district::redact_url(a.pg), std::to_string(d->schema_version())}) << "\n";
    return 0;
}

int run_push(const Args& a) {
    district::check_school_code(a.school, "--school", "");
    if (!std::filesystem::exists(a.db)) throw InputError(a.db, "", tr("server.error.no_db"));
    auto repo = circulation::open_repository(a.db);
    auto snap = district::snapshot_school(repo->catalog());
    auto d = district::open_district(a.pg);
    d->upsert_school({a.school, a.name, a.county, "", ""});
    auto r = district::push_school(*d, a.school, snap);
    if (a.json_out) {
        std::cout << json{{"school", a.school},   {"unchanged", r.unchanged}, {"added", r.added},
                          {"updated", r.updated}, {"removed", r.removed},     {"titles_created", r.titles_created},
                          {"titles", snap.titles.size()}, {"watermark", r.watermark}}.dump(1) << "\n";
    } else if (r.unchanged) {
        std::cout << trf("district.cli.push_unchanged", {a.school}) << "\n";
    } else {
        std::cout << trf("district.cli.pushed", {a.school, std::to_string(r.added), std::to_string(r.updated),
                                                 std::to_string(r.removed)}) << "\n";
    }
    return 0;
}

json hit_json(const district::UnionHit& h) {
    json holders = json::array();
    for (const auto& s : h.holders) holders.push_back({{"school", s.code}, {"name", s.name}, {"county", s.county}, {"copies", s.copies}});
    return {{"id", h.hit.record_id}, {"title", h.hit.title}, {"responsibility", h.hit.responsibility},
            {"call_number", h.hit.call_number}, {"match", catalog::to_string(h.hit.match)}, {"copies", h.copies},
            {"schools", holders}};
}

int run_search(const Args& a) {
    auto d = district::open_district(a.pg);
    auto hits = d->union_search(a.query, static_cast<std::size_t>(a.limit));
    if (a.json_out) {
        json out = json::array();
        for (const auto& h : hits) out.push_back(hit_json(h));
        std::cout << out.dump(1) << "\n";
        return 0;
    }
    if (hits.empty()) std::cout << tr("district.cli.no_hits") << "\n";
    for (const auto& h : hits) {
        std::cout << h.hit.title << "  " << h.hit.responsibility << "  "
                  << trf("district.cli.held", {std::to_string(h.holders.size()), std::to_string(h.copies)}) << "\n";
        for (const auto& s : h.holders)
            std::cout << "    " << s.code << " " << s.name << " " << s.county << "  " << s.copies << "\n";
    }
    return 0;
}

int run_submit(const Args& a) {
    auto d = district::open_district(a.pg);
    auto rubric = standards::Rubric::load_file(standards::builtin_rubric_path());
    int bad = 0;
    for (const auto& f : a.files) {
        try {
            auto s = district::submit_file(*d, f, rubric, a.year ? a.year : this_year());
            std::cout << (s.meets ? "✓ " : "✗ ")
                      << trf("district.cli.submitted", {s.school, std::to_string(s.year), std::to_string(s.fail),
                                                        std::to_string(static_cast<int>(s.score + 0.5))})
                      << (s.valid ? "" : "  " + s.invalid_reason) << "\n";
        } catch (const InputError& e) {
            std::cerr << tr("common.error") << ": " << e.what() << "\n";
            ++bad;
        }
    }
    return bad ? 2 : 0;
}

int run_review(const Args& a) {
    auto d = district::open_district(a.pg);
    auto rubric = standards::Rubric::load_file(standards::builtin_rubric_path());
    const int year = a.year ? a.year : this_year();
    auto s = district::review_year(*d, year, rubric);
    char share[32];
    std::snprintf(share, sizeof share, "%.1f", s.share_meeting);
    std::cout << trf("cli.review.summary", {std::to_string(s.meeting), std::to_string(s.rows.size()), share,
                                            std::to_string(static_cast<int>(s.target))}) << "\n";
    return 0;
}

int run_school(const Args& a) {
    district::check_school_code(a.school, "CODE", "");
    auto d = district::open_district(a.pg);
    d->upsert_school({a.school, a.name, a.county, "", ""});
    std::cout << trf("district.cli.school_saved", {a.school}) << "\n";
    return 0;
}

int run_operator(const Args& a) {
    auto role = district::parse_bureau_role(a.role);
    if (!role) throw InputError("--role", "", trf("district.error.bad_role", {a.role}));
    std::string pw = a.password_stdin ? read_secret_stdin("--password-stdin")
                                      : prompt_secret(trf("identity.cli.prompt_password", {a.name.empty() ? a.school : a.name}));
    auto d = district::open_district(a.pg);
    auto code = district::set_operator(*d, {a.school, a.name, *role, false}, pw, identity::unix_now());
    if (!code.empty()) throw Refused(code, tr("district.refused." + code), false);
    std::cout << trf("district.cli.operator_saved", {a.school, a.role}) << "\n";
    return 0;
}

int run_inspect(const Args& a) {
    auto d = district::open_district(a.pg);
    std::optional<unsigned long long> seed;
    if (!a.seed.empty()) {
        try {
            seed = std::stoull(a.seed);
        } catch (const std::exception&) {
            throw InputError("--seed", "", trf("district.error.bad_seed", {a.seed}));
        }
    }
    auto r = district::draw_inspection(*d, a.year ? a.year : this_year(), static_cast<std::size_t>(a.count), seed, a.by);
    if (!r.ok) throw Refused(r.code, tr("district.refused." + r.code), a.json_out);
    std::cout << trf("district.cli.drawn", {std::to_string(r.inspection->year), std::to_string(r.inspection->seed)}) << "\n";
    for (const auto& p : r.inspection->picks) std::cout << "  " << p.school << "  " << p.inspector << "\n";
    return 0;
}

int run_district_serve(const Args& a) {
    server::DistrictServerOptions o;
    o.pg_url = a.pg;
    std::tie(o.host, o.port) = server::parse_listen(a.listen);
    o.year = a.year;
    o.log_requests = !a.quiet;
    StopOnSignal stop;
    server::DistrictServer web(o);
    int port = web.bind();
    std::cout << "http://" << o.host << ":" << port << "/" << std::endl;
    stop.serve(web);
    return 0;
}

CLI::App* sub(CLI::App* parent, const char* name, std::shared_ptr<Args> a, int (*fn)(const Args&)) {
    auto* c = parent->add_subcommand(name, tr(std::string("district.cli.") + name));
    c->add_option("--pg", a->pg, tr("district.cli.pg"))->required();
    c->callback([a, fn] { run_guarded([&] { return fn(*a); }); });
    return c;
}

const Registrar reg([](CLI::App& root) {
    auto* d = root.add_subcommand("district", tr("district.cli.desc"));
    d->require_subcommand(1);
    auto a = std::make_shared<Args>();
    sub(d, "init", a, run_init);
    auto* push = sub(d, "push", a, run_push);
    push->add_option("--db", a->db, tr("server.cli.db"))->required();
    push->add_option("--school", a->school, tr("district.cli.school_code"))->required();
    push->add_option("--name", a->name, tr("district.cli.name"));
    push->add_option("--county", a->county, tr("district.cli.county"));
    push->add_flag("--json", a->json_out, tr("cli.json"));
    auto* search = sub(d, "search", a, run_search);
    search->add_option("QUERY", a->query, tr("district.cli.query"))->required();
    search->add_option("--limit", a->limit, tr("district.cli.limit"))->check(CLI::Range(1, 1000));
    search->add_flag("--json", a->json_out, tr("cli.json"));
    auto* submit = sub(d, "submit", a, run_submit);
    submit->add_option("FILE", a->files, tr("district.cli.files"))->required()->check(CLI::ExistingFile);
    submit->add_option("--year", a->year, tr("district.cli.year"));
    auto* review = sub(d, "review", a, run_review);
    review->add_option("--year", a->year, tr("district.cli.year"));
    auto* school = sub(d, "school", a, run_school);
    school->add_option("CODE", a->school, tr("district.cli.school_code"))->required();
    school->add_option("--name", a->name, tr("district.cli.name"));
    school->add_option("--county", a->county, tr("district.cli.county"));
    auto* op = sub(d, "operator", a, run_operator);
    op->add_option("ID", a->school, tr("district.cli.operator_id"))->required();
    op->add_option("--name", a->name, tr("district.cli.name"));
    op->add_option("--role", a->role, tr("district.cli.role"));
    op->add_flag("--password-stdin", a->password_stdin, tr("identity.cli.password_stdin_login"));
    auto* insp = sub(d, "inspect", a, run_inspect);
    insp->add_option("--year", a->year, tr("district.cli.year"));
    insp->add_option("--count", a->count, tr("district.cli.count"))->required()->check(CLI::Range(1, 100000));
    insp->add_option("--seed", a->seed, tr("district.cli.seed"));
    insp->add_option("--by", a->by, tr("district.cli.by"));
    auto* serve = sub(d, "serve", a, run_district_serve);
    serve->add_option("--listen", a->listen, tr("server.cli.listen"));
    serve->add_option("--year", a->year, tr("district.cli.year"));
    serve->add_flag("--quiet", a->quiet, tr("server.cli.quiet"));
});

}  // namespace
}  // namespace shuxiang::cli
