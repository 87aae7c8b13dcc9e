// `shuxiang lists import|list|show|export|suggest|progress`: reading lists (推荐书目) and reading
// programmes (library_core/reading). Exit codes: 0 done, 3 refused, 2 bad input, 1 failure.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "auth.hpp"
#include "registry.hpp"
#include "result_output.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/reading/lists.hpp"
#include "shuxiang/reading/programmes.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {
namespace {

using namespace shuxiang::reading;
using circulation::LibraryServices;
using nlohmann::json;

// Options every `lists` command shares.
struct Opts {
    std::string db, as, password_file, date, name;
    bool json_out = false;
    std::string day() const { return date.empty() ? circulation::today() : date; }
    ActingOperator who() const { return {as, password_file}; }
};

std::shared_ptr<Opts> options(CLI::App* c, bool acting, bool named = true) {
    auto o = std::make_shared<Opts>();
    c->add_option("--db", o->db, tr("circ.cli.db"))->required();
    c->add_flag("--json", o->json_out, tr("circ.cli.json"));
    if (named) c->add_option("name", o->name, tr("reading.cli.name"))->required();
    if (acting) {
        c->add_option("--as", o->as, tr("circ.cli.as"));
        c->add_option("--password-file", o->password_file, tr("identity.cli.password_file"));
        c->add_option("--date", o->date, tr("circ.cli.date"));
    }
    return o;
}

int report(const Opts& o, const Result& r, const json& extra = json::object()) { return print_result(r, o.json_out, extra); }

json entry_json(const CoverageEntry& e) {
    json j = {{"title", e.entry.title}, {"author", e.entry.author}, {"isbn", e.entry.isbn}};
    if (!e.record_ids.empty()) j.update({{"records", e.record_ids}, {"copies", e.copies}, {"matched_by", e.matched_by}});
    return j;
}

json list_json(const ReadingList& l) {
    return {{"name", l.name}, {"grade", l.grade}, {"class", l.class_key}, {"subject", l.subject}, {"holiday", l.holiday},
            {"from", l.period_from}, {"to", l.period_to}, {"created_by", l.created_by}, {"day", l.day}, {"source", l.source}};
}

json coverage_json(const Coverage& c) {
    json held = json::array(), missing = json::array();
    for (auto& e : c.held) held.push_back(entry_json(e));
    for (auto& e : c.missing) missing.push_back(entry_json(e));
    return {{"titles", c.held.size() + c.missing.size()}, {"titles_held", c.held.size()}, {"copies_held", c.copies},
            {"titles_missing", c.missing.size()}, {"held", held}, {"missing", missing}};
}

// The coverage as text: the counts, then each title held (copies) and each missing.
void print_coverage(const Coverage& c) {
    std::cout << trf("reading.coverage.summary", {std::to_string(c.held.size() + c.missing.size()), std::to_string(c.held.size()),
                                                  std::to_string(c.copies), std::to_string(c.missing.size())})
              << "\n";
    for (auto& e : c.held)
        std::cout << "  " << trf("reading.coverage.held", {e.entry.title, e.entry.author, std::to_string(e.copies)}) << "\n";
    for (auto& e : c.missing) std::cout << "  " << trf("reading.coverage.missing", {e.entry.title, e.entry.author, e.entry.isbn}) << "\n";
}

std::string two_decimals(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

ReadingList require_list(ReadingService& svc, const std::string& name) {
    auto l = svc.find(name);
    if (!l) throw InputError(name, "", trf("reading.refuse.unknown_list", {name}));
    return *l;
}

void add_import(CLI::App* g) {
    auto* c = g->add_subcommand("import", tr("reading.cli.import"));
    auto o = options(c, true, false);
    auto file = std::make_shared<std::string>();
    auto meta = std::make_shared<ReadingList>();
    c->add_option("file", *file, tr("reading.cli.file"))->required();
    c->add_option("--name", o->name, tr("reading.cli.name"))->required();
    c->add_option("--grade", meta->grade, tr("reading.cli.grade"));
    c->add_option("--class", meta->class_key, tr("reading.cli.class"));
    c->add_option("--subject", meta->subject, tr("reading.cli.subject"));
    c->add_option("--holiday", meta->holiday, tr("reading.cli.holiday"));
    c->add_option("--from", meta->period_from, tr("reading.cli.from"));
    c->add_option("--to", meta->period_to, tr("reading.cli.to"));
    c->callback([=] {
        run_guarded([=] {
            ReadingList l = *meta;
            l.name = o->name;
            l.source = std::filesystem::path(*file).filename().string();
            l.entries = parse_list_csv(read_file(*file), *file);  // bad input: exit 2, nothing written
            const auto ctx = authenticate(o->db, o->who(), o->day(), o->json_out);
            auto lib = LibraryServices::open(o->db);
            ReadingService svc(lib->repository());
            Result r = svc.import_list(ctx, l);
            if (!r.ok) return report(*o, r);
            const Coverage cov = svc.coverage_of(l);
            if (o->json_out) return report(*o, r, coverage_json(cov));
            std::cout << r.message << "\n";
            print_coverage(cov);
            return 0;
        });
    });
}

void add_queries(CLI::App* g) {
    auto* ls = g->add_subcommand("list", tr("reading.cli.list"));
    auto lo = options(ls, false, false);
    ls->callback([=] {
        run_guarded([=] {
            auto lib = LibraryServices::open(lo->db);
            json arr = json::array();
            for (auto& l : ReadingService(lib->repository()).lists()) {
                arr.push_back(list_json(l));
                if (!lo->json_out) std::cout << l.name << "\t" << l.grade << "\t" << l.class_key << "\t" << l.subject << "\t" << l.holiday << "\n";
            }
            if (lo->json_out) std::cout << arr.dump(2) << "\n";
            return 0;
        });
    });
    auto* show = g->add_subcommand("show", tr("reading.cli.show"));
    auto so = options(show, false);
    show->callback([=] {
        run_guarded([=] {
            auto lib = LibraryServices::open(so->db);
            ReadingService svc(lib->repository());
            const ReadingList l = require_list(svc, so->name);
            const Coverage cov = svc.coverage_of(l);
            if (so->json_out) {
                json j = list_json(l);
                j.update(coverage_json(cov));
                std::cout << j.dump(2) << "\n";
            } else {
                print_coverage(cov);
            }
            return 0;
        });
    });
    auto* ex = g->add_subcommand("export", tr("reading.cli.export"));
    auto eo = options(ex, false);
    auto out = std::make_shared<std::string>();
    ex->add_option("--csv", *out, tr("reading.cli.csv"))->required();
    ex->callback([=] {
        run_guarded([=] {
            auto lib = LibraryServices::open(eo->db);
            ReadingService svc(lib->repository());
            const Coverage cov = svc.coverage_of(require_list(svc, eo->name));
            atomic_write_file(*out, missing_csv(cov));
            std::cout << trf("reading.cli.exported", {std::to_string(cov.missing.size()), *out}) << "\n";
            return 0;
        });
    });
}

void add_suggest(CLI::App* g) {
    auto* c = g->add_subcommand("suggest", tr("reading.cli.suggest"));
    auto o = options(c, true);
    auto opt = std::make_shared<SuggestOptions>();
    c->add_option("--by", opt->by, tr("reading.cli.by"));
    c->add_option("--price", opt->price, tr("reading.cli.price"));
    c->add_option("--copies", opt->copies, tr("circ.cli.copies"));
    c->callback([=] {
        run_guarded([=] {
            const auto ctx = authenticate(o->db, o->who(), o->day(), o->json_out);
            auto lib = LibraryServices::open(o->db);
            return report(*o, ReadingService(lib->repository()).suggest_missing(ctx, o->name, *opt));
        });
    });
}

json class_progress_json(const ClassProgress& p) {
    return {{"class", p.class_key}, {"readers", p.readers}, {"titles_read", p.titles_read},
            {"readers_reading", p.readers_reading}, {"average", p.average}};
}

// A grade-level programme: each class of the grade, then the grade's totals (no reader named).
int print_grade_progress(const Opts& o, ReadingService& svc, circulation::Repository& repo, const Ctx& ctx,
                         const std::string& grade, const std::string& from, const std::string& to) {
    GradeProgress g;
    Result r = grade_progress(svc, repo, ctx, o.name, grade, from, to, g);
    if (!r.ok) return report(o, r);
    if (o.json_out) {
        json classes = json::array();
        for (auto& p : g.classes) classes.push_back(class_progress_json(p));
        json total = class_progress_json(g.total);
        total.erase("class");
        return report(o, r, {{"grade", g.grade}, {"from", g.from}, {"to", g.to}, {"list_titles", g.total.list_titles},
                             {"classes", classes}, {"total", total}});
    }
    auto line = [&](const ClassProgress& p, const std::string& who) {
        return trf("reading.progress.class", {who, g.from, g.to, std::to_string(p.readers), std::to_string(p.titles_read),
                                              std::to_string(p.readers_reading), two_decimals(p.average),
                                              std::to_string(g.total.list_titles)});
    };
    for (auto& p : g.classes) std::cout << line(p, p.class_key) << "\n";
    std::cout << line(g.total, trf("reading.progress.grade_total", {std::to_string(g.grade)})) << "\n";
    return 0;
}

void add_progress(CLI::App* g) {
    auto* c = g->add_subcommand("progress", tr("reading.cli.progress"));
    auto o = options(c, true);
    auto cls = std::make_shared<std::string>(), reader = std::make_shared<std::string>();
    auto from = std::make_shared<std::string>(), to = std::make_shared<std::string>();
    auto grade = std::make_shared<std::string>();
    auto* class_opt = c->add_option("--class", *cls, tr("reading.cli.class"));
    auto* grade_opt = c->add_option("--grade", *grade, tr("reading.cli.progress_grade"))->excludes(class_opt);
    c->add_option("--reader", *reader, tr("reading.cli.reader"))->excludes(grade_opt);
    c->add_option("--from", *from, tr("reading.cli.from"));
    c->add_option("--to", *to, tr("reading.cli.to"));
    c->callback([=] {
        run_guarded([=] {
            const auto ctx = authenticate(o->db, o->who(), o->day(), o->json_out);
            auto lib = LibraryServices::open(o->db);
            ReadingService svc(lib->repository());
            if (!grade->empty()) return print_grade_progress(*o, svc, lib->repository(), ctx, *grade, *from, *to);
            if (cls->empty()) throw InputError("--class", "", tr("reading.cli.class_or_grade"));
            ClassProgress p;
            Result r = svc.class_progress(ctx, o->name, *cls, *from, *to, p);
            if (!r.ok) return report(*o, r);
            json j = {{"class", p.class_key}, {"from", p.from}, {"to", p.to}, {"readers", p.readers},
                      {"list_titles", p.list_titles}, {"titles_read", p.titles_read},
                      {"readers_reading", p.readers_reading}, {"average", p.average}};
            std::string text = trf("reading.progress.class", {p.class_key, p.from, p.to, std::to_string(p.readers),
                                                              std::to_string(p.titles_read), std::to_string(p.readers_reading),
                                                              two_decimals(p.average),
                                                              std::to_string(p.list_titles)});
            if (!reader->empty()) {
                ReaderProgress rp;
                Result rr = svc.reader_progress(ctx, o->name, *reader, *from, *to, rp);
                if (!rr.ok) return report(*o, rr);
                j["reader"] = {{"id", rp.patron_id}, {"read", rp.titles_read.size()}, {"titles", rp.titles_read}};
                text += "\n" + trf("reading.progress.reader", {rp.patron_id, std::to_string(rp.titles_read.size()),
                                                               std::to_string(rp.list_titles)});
                for (auto& t : rp.titles_read) text += "\n  " + t;
            }
            if (o->json_out) return report(*o, r, j);
            std::cout << text << "\n";
            return 0;
        });
    });
}

Registrar reg([](CLI::App& root) {
    auto* g = root.add_subcommand("lists", tr("reading.cli.lists"));
    g->require_subcommand(1);
    add_import(g);
    add_queries(g);
    add_suggest(g);
    add_progress(g);
});

}  // namespace
}  // namespace shuxiang::cli
