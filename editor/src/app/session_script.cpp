// Script actions of file handling, imported models and the palette (docs/editor-script.md).
#include <cstdio>
#include <map>

#include "ui/ui_context.hpp"
#include "app/session.hpp"
#include "script/script.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"
#include "ui/export_sheet.hpp"
#include "ui/file_browser.hpp"
#include "ui/label_board.hpp"
#include "ui/palette.hpp"

namespace shuxiang::editor {
namespace {

const std::map<std::string, std::pair<int, int>>& table() {
    static const std::map<std::string, std::pair<int, int>> t{
        {"import-model", {1, 1}},   {"palette-search", {0, -1}}, {"palette-list", {1, 1}},
        {"palette-drop", {3, 3}},   {"thumbnail", {2, 2}},      {"request", {1, 2}},
        {"prompt-answer", {1, 1}},  {"expect-prompt", {1, 1}},  {"autosave-interval", {1, 1}},
        {"autosave", {0, 0}},       {"recover", {1, 1}},        {"expect-recovery", {1, 1}},
        {"expect-modified", {1, 1}}, {"log", {1, 1}},         {"export-sheet", {1, 2}},
        {"labels", {1, 1}},         {"browse", {1, 2}},          {"browse-pick", {1, 1}},
        {"browse-list", {1, 1}},
    };
    return t;
}

std::optional<double> number(const std::string& s) { return script_number(s); }

std::optional<std::string> write_text(const std::string& file, const std::string& text) {
    try {
        atomic_write_file(file, text);
    } catch (const InputError& e) {
        return format_place(e.file(), e.where(), e.message());
    }
    return std::nullopt;
}

std::optional<std::string> result(const ActionResult& r) {
    if (r.ok) return std::nullopt;
    return r.message;
}

}  // namespace

bool session_action_arity(const std::string& name, int& min_args, int& max_args) {
    auto it = table().find(name);
    if (it == table().end()) return false;
    min_args = it->second.first;
    max_args = it->second.second;
    return true;
}

std::optional<std::string> run_session_action(UiContext& ui, const std::vector<std::string>& w) {
    Editor& ed = ui.ed;
    Session& s = ui.session;
    const std::string& a = w[0];
    if (a == "import-model") return result(ed.import_model(w[1]));
    if (a == "palette-search") {
        std::string q;
        for (std::size_t i = 1; i < w.size(); ++i) q += (i > 1 ? " " : "") + w[i];
        palette_search() = q;
        return std::nullopt;
    }
    if (a == "palette-list") {
        std::string text;
        for (const auto* t : palette_filter(ed.catalog(), palette_search())) text += t->id + "\n";
        return write_text(w[1], text);
    }
    if (a == "palette-drop") {
        const auto u = number(w[2]), v = number(w[3]);
        if (!u || !v || *u < 0 || *u > 1 || *v < 0 || *v > 1) return tr("editor.script.usage.palette_drop");
        return result(drop_from_palette(ui, w[1], {*u, *v}));
    }
    if (a == "thumbnail") {
        try {
            if (!save_thumbnail(ui, w[1], w[2])) return trf("editor.err.unknown_type", {w[1]});
        } catch (const InputError& e) {
            return format_place(e.file(), e.where(), e.message());
        }
        return std::nullopt;
    }
    if (a == "request") {
        if (w[1] == "quit" && w.size() == 2) return result(s.request(ui, {PendingAction::Kind::Quit, {}}));
        if (w[1] == "new" && w.size() == 3) return result(s.request(ui, {PendingAction::Kind::New, w[2]}));
        if (w[1] == "open" && w.size() == 3) return result(s.request(ui, {PendingAction::Kind::Open, w[2]}));
        return tr("editor.script.usage.request");
    }
    if (a == "prompt-answer") return result(s.answer(ui, w[1]));
    if (a == "expect-prompt" || a == "expect-recovery" || a == "expect-modified") {
        const bool want = w[1] == "yes";
        const bool got = a == "expect-prompt" ? s.pending.has_value()
                         : a == "expect-recovery" ? s.offered.has_value()
                                                  : !ed.history().is_saved();
        if (want != got) return a + ": expected " + w[1] + ", found " + (got ? "yes" : "no");
        return std::nullopt;
    }
    if (a == "autosave-interval") {
        const auto v = number(w[1]);
        if (!v || *v < 0) return tr("editor.script.usage.autosave_interval");
        s.set_interval(*v);
        return std::nullopt;
    }
    if (a == "autosave") {
        if (!s.autosave_now(ed)) return tr("editor.script.autosave_failed");
        return std::nullopt;
    }
    if (a == "recover") {
        if (!s.offered) return tr("editor.script.no_recovery");
        ActionResult r;
        if (w[1] == "accept") r = s.recover(ed, *s.offered);
        else if (w[1] == "discard") {
            std::error_code ec;
            std::filesystem::remove(s.offered->autosave, ec);
        } else return tr("editor.script.usage.recover");
        s.offered.reset();
        return result(r);
    }
    if (a == "export-sheet") {
        const auto paper = plan_print::paper_from_string(w.size() > 2 ? w[2] : "A4");
        if (!paper) return trf("plan_print.error.paper", {w[2]});
        return result(export_sheet(ed, w[1], *paper));
    }
    if (a == "browse") {
        const std::map<std::string, BrowsePurpose> purposes{
            {"open", BrowsePurpose::Open}, {"save", BrowsePurpose::SaveAs}, {"import", BrowsePurpose::ImportModel}};
        const auto it = purposes.find(w[1]);
        if (it == purposes.end()) return tr("editor.script.usage.browse");
        open_file_browser(it->second, w.size() > 2 ? std::filesystem::path(w[2]) : ed.path().parent_path());
        return std::nullopt;
    }
    if (a == "browse-pick") {
        if (auto c = confirm_file_browser(w[1])) return result(apply_browse_choice(ui, *c));
        if (!browser_error().empty()) return browser_error();
        return std::nullopt;  // a folder: the dialog shows it now
    }
    if (a == "browse-list") return write_text(w[1], browser_listing());
    if (a == "labels") {
        // The viewport labels of the last frame: shown or dropped, priority, box (x0 y0 x1 y1), text.
        std::string text;
        for (const auto& l : label_board::last()) {
            char box[96];
            std::snprintf(box, sizeof box, "%d\t%.1f %.1f %.1f %.1f\t", l.priority, l.rect.x, l.rect.y, l.rect.z, l.rect.w);
            std::string one = l.text;
            for (char& c : one)
                if (c == '\n') c = ' ';
            text += std::string(l.shown ? "shown\t" : "dropped\t") + box + one + "\n";
        }
        return write_text(w[1], text);
    }
    if (a == "log") {
        std::string text;
        for (const auto& l : ed.log_lines()) text += l.text + "\n";
        return write_text(w[1], text);
    }
    return trf("editor.script.unknown_action", {a});
}

}  // namespace shuxiang::editor
