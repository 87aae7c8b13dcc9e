// `shuxiang plan export PLAN --pdf OUT.pdf|--png OUT.png [--paper A4|A3] [--level N] [--dpi N]`: the
// level's top view on a sheet at a true scale, with its layout problems marked (docs/plan-print.md).
// Exit codes: 0 written, 2 bad input (nothing written), 1 the file could not be written.
#include "cmd_plan_export.hpp"

#include <iostream>
#include <memory>
#include <optional>

#include "registry.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/plan_print/sheet.hpp"
#include "shuxiang/standards/profile.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {
namespace {

struct ExportArgs {
    std::string file, pdf, png, paper = "A4", level = "1", catalog_dir;
    double dpi = 150;
};

void report_written(const std::string& out, const plan_print::Sheet& s) {
    const std::string orientation = trf(s.layout.landscape ? "plan_print.landscape" : "plan_print.portrait",
                                        {plan_print::to_string(s.layout.paper)});
    std::cout << trf("plan_print.written", {out, orientation, std::to_string(s.layout.scale), std::to_string(s.problems)})
              << "\n";
}

int run_export(const ExportArgs& a) {
    if (a.pdf.empty() && a.png.empty()) throw InputError("", "", tr("plan_print.error.no_output"));
    const auto paper = plan_print::paper_from_string(a.paper);
    if (!paper) throw InputError("--paper", a.paper, trf("plan_print.error.paper", {a.paper}));
    const std::string text = read_file(a.file);
    std::optional<plan::FurnitureCatalog> storage;
    if (!a.catalog_dir.empty()) storage = plan::FurnitureCatalog::load_dir(a.catalog_dir);
    const plan::FurnitureCatalog& base = storage ? *storage : plan::FurnitureCatalog::builtin();
    const plan::Plan p = plan::plan_from_json_text(text, a.file, base);
    const plan::FurnitureCatalog catalog = plan::with_plan_types(base, p);
    const auto rules = standards::RuleSet::for_region(standards::builtin_profile_dir(), p.school.region);
    const plan_print::SheetOptions o{*paper, plan_print::level_index(p, a.level), a.dpi};
    // Both sheets are drawn before either file is written, so bad input leaves nothing behind.
    std::optional<plan_print::Sheet> pdf, png;
    if (!a.pdf.empty()) pdf = plan_print::plan_pdf(p, catalog, rules, o);
    if (!a.png.empty()) png = plan_print::plan_png(p, catalog, rules, o);
    if (pdf) {
        atomic_write_file(a.pdf, pdf->bytes);
        report_written(a.pdf, *pdf);
    }
    if (png) {
        atomic_write_file(a.png, png->bytes);
        report_written(a.png, *png);
    }
    return 0;
}

}  // namespace

void add_plan_export(CLI::App* plan) {
    auto args = std::make_shared<ExportArgs>();
    CLI::App* cmd = plan->add_subcommand("export", tr("plan_print.cmd"));
    cmd->set_help_flag("-h,--help", tr("cli.help"));
    cmd->add_option("file", args->file, tr("plan_geom.opt.file"))->required();
    cmd->add_option("--pdf", args->pdf, tr("plan_print.opt.pdf"));
    cmd->add_option("--png", args->png, tr("plan_print.opt.png"));
    cmd->add_option("--paper", args->paper, tr("plan_print.opt.paper"));
    cmd->add_option("--level", args->level, tr("plan_print.opt.level"));
    cmd->add_option("--dpi", args->dpi, tr("plan_print.opt.dpi"));
    cmd->add_option("--catalog", args->catalog_dir, tr("plan_geom.opt.catalog"));
    cmd->callback([args] { run_guarded([&] { return run_export(*args); }); });
}

}  // namespace shuxiang::cli
