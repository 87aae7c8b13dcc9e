// shuxiang report | proposal export | review: the bureau's compliance report, the file a school
// sends, and the district summary.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>

#include "registry.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/reading/digital.hpp"
#include "shuxiang/report/district.hpp"
#include "shuxiang/report/report.hpp"
#include "shuxiang/standards/rubric.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace fs = std::filesystem;

namespace shuxiang::cli {
namespace {

std::string today() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

void check_date(const std::string& d) {
    std::tm tm{};
    if (d.size() != 10 || !strptime(d.c_str(), "%Y-%m-%d", &tm))
        throw InputError("", "--date", trf("circ.refuse.bad_date", {d}));
}

struct Common {
    std::string db;        // the school's library database
    std::string holdings;  // anonymous holdings summary (JSON)
    std::string profile;   // standards profile id; empty: by the school's region
    std::string date;
    std::string sim_metrics;
};

void add_common(CLI::App* cmd, Common& c) {
    auto* db = cmd->add_option("--db", c.db, tr("cli.report.db"))->check(CLI::ExistingFile);
    cmd->add_option("--holdings", c.holdings, tr("cli.report.holdings"))->check(CLI::ExistingFile)->excludes(db);
    cmd->add_option("--profile", c.profile, tr("cli.report.profile"));
    cmd->add_option("--date", c.date, tr("cli.date"));
}

standards::RuleSet rules_for(const Common& c, const plan::Plan& p) {
    auto dir = standards::builtin_profile_dir();
    return c.profile.empty() ? standards::RuleSet::for_region(dir, p.school.region) : standards::RuleSet::load(dir, c.profile);
}

// The holdings for the statistics year of `date`: from the library database (aggregated, no
// patron data) or from a summary file a school sent.
std::unique_ptr<standards::HoldingsSummary> holdings_of(const Common& c, const std::string& date) {
    if (!c.db.empty()) {
        auto lib_owner = circulation::LibraryServices::open(c.db);
        auto& lib = *lib_owner;
        return std::make_unique<standards::HoldingsSummary>(lib.stats().holdings_summary(std::stoi(date.substr(0, 4))));
    }
    if (c.holdings.empty()) return nullptr;
    return std::make_unique<standards::HoldingsSummary>(standards::load_holdings(c.holdings));
}

struct ReportOpts {
    Common common;
    std::string rubric;
    std::string plan;
    std::vector<std::string> compare;
    std::string html, json;
    std::vector<std::string> images;  // --image: views to embed
};

// The PNG files given with --image, checked by their signature.
std::vector<report::ReportImage> read_images(const std::vector<std::string>& files) {
    std::vector<report::ReportImage> out;
    for (const auto& f : files) {
        std::string bytes = read_file(f);
        if (bytes.rfind("\x89PNG\r\n\x1a\n", 0) != 0) throw InputError(f, "", tr("cli.report.error.not_png"));
        out.push_back({fs::path(f).filename().string(), std::move(bytes)});
    }
    return out;
}

int run_report(const ReportOpts& o) {
    std::string date = o.common.date.empty() ? today() : o.common.date;
    check_date(date);
    const auto& builtin = plan::FurnitureCatalog::builtin();
    auto holdings = holdings_of(o.common, date);
    if (o.html.empty() && o.json.empty()) throw InputError("", "--html/--json", tr("cli.report.error.no_output"));

    if (!o.compare.empty()) {
        if (o.compare.size() < 2) throw InputError("", "--compare", tr("cli.report.error.compare_two"));
        std::vector<plan::Plan> plans;
        for (auto& f : o.compare) plans.push_back(plan::load_plan(f, builtin));
        std::vector<standards::Checklist> lists;
        std::vector<const plan::Plan*> ptrs;
        std::vector<std::string> names;
        for (size_t i = 0; i < plans.size(); ++i) {
            lists.push_back(standards::check_all(plans[i], plan::with_plan_types(builtin, plans[i]), holdings.get(),
                                                 rules_for(o.common, plans[i])));
            ptrs.push_back(&plans[i]);
            names.push_back(fs::path(o.compare[i]).filename().string());
        }
        if (!o.html.empty()) atomic_write_file(o.html, report::compare_html(names, ptrs, lists, date));
        if (!o.json.empty()) atomic_write_file(o.json, report::compare_json(names, lists).dump(2) + "\n");
        for (size_t i = 0; i < names.size(); ++i)
            std::cout << names[i] << ": " << lists[i].count(standards::Status::Fail) << " " << tr("status.fail") << ", "
                      << lists[i].count(standards::Status::Warning) << " " << tr("status.warning") << "\n";
        return 0;
    }

    if (o.plan.empty()) throw InputError("", "--plan", tr("cli.report.error.no_plan"));
    plan::Plan p = plan::load_plan(o.plan, builtin);
    const plan::FurnitureCatalog catalog = plan::with_plan_types(builtin, p);  // the plan's imported models too
    auto rules = rules_for(o.common, p);
    auto cl = standards::check_all(p, catalog, holdings.get(), rules);
    std::optional<nlohmann::json> sim;
    if (!o.common.sim_metrics.empty()) {
        try {
            sim = nlohmann::json::parse(read_file(o.common.sim_metrics));
        } catch (const nlohmann::json::parse_error& e) {
            throw InputError(o.common.sim_metrics, "byte " + std::to_string(e.byte), tr("common.json.invalid"));
        }
    }
    auto rubric = standards::Rubric::load_file(o.rubric.empty() ? standards::builtin_rubric_path().string() : o.rubric);
    auto score = standards::score(cl, rubric);
    report::ReportInput in{&p, &catalog, &cl, holdings.get(), rules.name_zh(), rules.name_en(), sim, date, &score,
                           rubric.threshold, &rules, read_images(o.images)};
    if (!o.common.db.empty()) in.digital_records = reading::count_digital(circulation::LibraryServices::open(o.common.db)->catalog()).records;
    if (!o.html.empty()) atomic_write_file(o.html, report::render_html(in));
    if (!o.json.empty()) atomic_write_file(o.json, report::render_json(in).dump(2) + "\n");
    std::cout << p.school.name << ": " << cl.count(standards::Status::Pass) << " " << tr("status.pass") << ", "
              << cl.count(standards::Status::Warning) << " " << tr("status.warning") << ", "
              << cl.count(standards::Status::Fail) << " " << tr("status.fail") << ", "
              << cl.count(standards::Status::NotAssessable) << " " << tr("status.not_assessable") << "\n";
    return 0;
}

struct ProposalOpts {
    Common common;
    std::string plan, out, school_code, county;
};

int run_proposal(const ProposalOpts& o) {
    std::string date = o.common.date.empty() ? today() : o.common.date;
    check_date(date);
    report::Proposal prop;
    prop.plan = plan::load_plan(o.plan);
    const plan::FurnitureCatalog catalog = plan::with_plan_types(plan::FurnitureCatalog::builtin(), prop.plan);
    auto holdings = holdings_of(o.common, date);
    if (holdings) prop.holdings = *holdings;
    auto rules = rules_for(o.common, prop.plan);
    auto cl = standards::check_all(prop.plan, catalog, holdings.get(), rules);
    report::ReportInput in{&prop.plan, &catalog, &cl, holdings.get(), rules.name_zh(), rules.name_en(), std::nullopt, date};
    prop.report = report::render_json(in);
    prop.generated = date;
    prop.school_code = o.school_code;
    prop.county = o.county;
    atomic_write_file(o.out, report::proposal_to_json_text(prop));
    std::cout << trf("cli.proposal.written", {o.out}) << "\n";
    return 0;
}

struct ReviewOpts {
    std::string dir, html, csv, profile, date;
};

// A file of the review folder: a proposal to read, or a reason to leave it out.
struct Found {
    fs::path path;
    std::string shown;  // relative to the review folder
};

bool is_review_output(const std::string& name) { return name.starts_with("district-summary."); }

// Reads one .json file: a proposal (kind shuxiang-proposal or named *.sxproposal.json, unreadable
// ones included: they count as not meeting) or a file to ignore, with the reason.
void read_candidate(const Found& f, std::vector<report::ProposalFile>& props, std::vector<report::IgnoredFile>& ignored) {
    std::string text;
    report::ProposalFile pf;
    pf.file = f.shown;
    std::error_code ec;
    auto t = fs::last_write_time(f.path, ec);
    if (!ec) pf.mtime = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    const bool named = f.shown.ends_with(report::kProposalExtension);
    try {
        text = read_file(f.path);
        if (!named) {
            auto j = nlohmann::json::parse(text, nullptr, false);
            if (j.is_discarded() || !j.is_object() || j.value("kind", "") != "shuxiang-proposal") {
                ignored.push_back({f.shown, {"district.reason.not_proposal", {}, {}}});
                return;
            }
        }
        pf.proposal = report::proposal_from_json_text(text, f.shown);
    } catch (const InputError& e) {
        pf.error.text = e.what();
        std::cerr << tr("common.error") << ": " << e.what() << "\n";
    }
    props.push_back(std::move(pf));
}

void scan_review_folder(const std::string& dir, std::vector<report::ProposalFile>& props,
                        std::vector<report::IgnoredFile>& ignored) {
    std::vector<Found> found;
    for (auto& e : fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied)) {
        if (e.is_directory()) continue;
        std::string shown = fs::relative(e.path(), dir).generic_string();
        found.push_back({e.path(), shown});
    }
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.shown < b.shown; });
    for (auto& f : found) {
        std::string name = f.path.filename().string();
        if (f.shown.starts_with("reports/") || is_review_output(name)) continue;  // review's own output
        if (f.path.extension() != ".json") ignored.push_back({f.shown, {"district.reason.not_json", {}, {}}});
        else read_candidate(f, props, ignored);
    }
}

// Each assessed school's report next to the summary, linked from it.
void write_school_reports(report::DistrictSummary& summary, const std::vector<report::ProposalFile>& props,
                          const ReviewOpts& o, const fs::path& out_dir, const std::string& date, double threshold) {
    const auto dir = standards::builtin_profile_dir();
    const auto& builtin = plan::FurnitureCatalog::builtin();
    for (auto& row : summary.rows) {
        if (!row.valid) continue;
        const report::Proposal& prop = *props[row.input].proposal;
        const plan::FurnitureCatalog catalog = plan::with_plan_types(builtin, prop.plan);
        const standards::HoldingsSummary* h = prop.holdings ? &*prop.holdings : nullptr;
        auto rules = o.profile.empty() ? standards::RuleSet::for_region(dir, prop.plan.school.region)
                                       : standards::RuleSet::load(dir, o.profile);
        report::ReportInput in{&prop.plan, &catalog, &row.checklist, h, row.profile_zh, row.profile_en,
                               std::nullopt, date, &row.score_detail, threshold, &rules};
        std::string name = "reports/" + std::to_string(row.input + 1) + ".html";
        atomic_write_file(out_dir / name, report::render_html(in));
        row.report = name;
    }
}

int run_review(const ReviewOpts& o) {
    std::string date = o.date.empty() ? today() : o.date;
    check_date(date);
    if (!fs::is_directory(o.dir)) throw InputError(o.dir, "", tr("cli.report.error.not_folder"));
    std::vector<report::ProposalFile> props;
    std::vector<report::IgnoredFile> ignored;
    scan_review_folder(o.dir, props, ignored);
    if (props.empty()) throw InputError(o.dir, "", tr("cli.report.error.no_proposals"));
    auto rubric = standards::Rubric::load_file(standards::builtin_rubric_path());
    auto summary = report::summarize_district(props, plan::FurnitureCatalog::builtin(),
                                              standards::builtin_profile_dir().string(), o.profile, rubric,
                                              std::stoi(date.substr(0, 4)));
    summary.ignored.insert(summary.ignored.begin(), ignored.begin(), ignored.end());
    std::string html = o.html.empty() ? (fs::path(o.dir) / "district-summary.html").string() : o.html;
    std::string csv = o.csv.empty() ? (fs::path(o.dir) / "district-summary.csv").string() : o.csv;
    fs::path out_dir = fs::absolute(html).parent_path();
    fs::create_directories(out_dir / "reports");
    write_school_reports(summary, props, o, out_dir, date, rubric.threshold);
    atomic_write_file(html, report::district_html(summary, date));
    atomic_write_file(csv, report::district_csv(summary));
    std::cout << trf("cli.review.summary", {std::to_string(summary.meeting), std::to_string(summary.rows.size()),
                                            fixed(summary.share_meeting, 1), fixed(summary.target, 0)})
              << "\n";
    bool invalid = false;
    for (auto& r : summary.rows) {
        std::cout << "  " << (r.meets_book_standard ? "✓ " : "✗ ") << r.school << "  ";
        if (r.valid) std::cout << r.fail << " " << tr("status.fail") << "\n";
        else std::cout << tr("district.invalid") << " " << r.invalid_reason.in(language()) << "\n";
        invalid |= !r.valid;
    }
    for (auto& i : summary.ignored)
        std::cout << trf("cli.review.ignored", {i.file, i.reason.in(language())}) << "\n";
    return invalid ? 1 : 0;
}

Registrar reg([](CLI::App& root) {
    {
        auto o = std::make_shared<ReportOpts>();
        auto* cmd = root.add_subcommand("report", tr("cli.report.desc"));
        cmd->add_option("--plan", o->plan, tr("cli.report.plan"))->check(CLI::ExistingFile);
        cmd->add_option("--compare", o->compare, tr("cli.report.compare"))->expected(2, 1000);
        cmd->add_option("--html", o->html, tr("cli.report.html"));
        cmd->add_option("--json", o->json, tr("cli.report.json"));
        cmd->add_option("--sim-metrics", o->common.sim_metrics, tr("cli.report.sim"))->check(CLI::ExistingFile);
        cmd->add_option("--image", o->images, tr("cli.report.image"))->check(CLI::ExistingFile);
        cmd->add_option("--rubric", o->rubric, tr("cli.report.rubric"))->check(CLI::ExistingFile);
        add_common(cmd, o->common);
        cmd->callback([o] { run_guarded([&] { return run_report(*o); }); });
    }
    {
        auto* proposal = root.add_subcommand("proposal", tr("cli.proposal.desc"));
        proposal->require_subcommand(1);
        auto o = std::make_shared<ProposalOpts>();
        auto* exp = proposal->add_subcommand("export", tr("cli.proposal.export"));
        exp->add_option("--plan", o->plan, tr("cli.report.plan"))->required()->check(CLI::ExistingFile);
        exp->add_option("OUT", o->out, tr("cli.proposal.out"))->required();
        exp->add_option("--school-code", o->school_code, tr("cli.proposal.school_code"));
        exp->add_option("--county", o->county, tr("cli.proposal.county"));
        add_common(exp, o->common);
        exp->callback([o] { run_guarded([&] { return run_proposal(*o); }); });
    }
    {
        auto o = std::make_shared<ReviewOpts>();
        auto* cmd = root.add_subcommand("review", tr("cli.review.desc"));
        cmd->add_option("DIR", o->dir, tr("cli.review.dir"))->required();
        cmd->add_option("--html", o->html, tr("cli.review.html"));
        cmd->add_option("--csv", o->csv, tr("cli.review.csv"));
        cmd->add_option("--profile", o->profile, tr("cli.report.profile"));
        cmd->add_option("--date", o->date, tr("cli.date"));
        cmd->callback([o] { run_guarded([&] { return run_review(*o); }); });
    }
});

}  // namespace
}  // namespace shuxiang::cli
