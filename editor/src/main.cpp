// shuxiang-editor: lay out school libraries in 3D. See docs/editor-script.md for headless use.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "app/app.hpp"
#include "render/photo.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

int main(int argc, char** argv) {
    using shuxiang::tr;
    // The language must be known before the help texts are built, so --lang is read first.
    try {
        const char* lang = std::getenv("SHUXIANG_LANG");
        for (int i = 1; i < argc; ++i) {
            if (std::strcmp(argv[i], "--lang") == 0 && i + 1 < argc) lang = argv[i + 1];
            else if (std::strncmp(argv[i], "--lang=", 7) == 0) lang = argv[i] + 7;
        }
        if (lang && *lang) shuxiang::set_language(shuxiang::parse_language(lang));
    } catch (const shuxiang::InputError& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
    shuxiang::editor::Options opt;
    opt.lang = shuxiang::language() == shuxiang::Language::En ? "en" : "zh";
    CLI::App cli{tr("editor.cli.description")};
    cli.set_help_flag("-h,--help", tr("cli.help"));
    std::string plan, db, screenshot, script, size, photo, photo_size;
    cli.add_option("plan", plan, tr("editor.cli.plan"));
    cli.add_option("--db", db, tr("editor.cli.db"));
    cli.add_option("--lang", opt.lang, tr("cli.lang"))->check(CLI::IsMember({"zh", "zh-CN", "en"}));
    cli.add_option("--screenshot", screenshot, tr("editor.cli.screenshot"));
    cli.add_option("--frames", opt.frames, tr("editor.cli.frames"))->check(CLI::NonNegativeNumber);
    cli.add_option("--script", script, tr("editor.cli.script"));
    cli.add_option("--size", size, tr("editor.cli.size"));
    cli.add_option("--photo", photo, tr("editor.cli.photo"));
    cli.add_option("--camera", opt.camera, tr("editor.cli.camera"));
    cli.add_option("--photo-size", photo_size, tr("editor.cli.photo_size"));
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e) == 0 ? 0 : 2;
    }
    opt.plan = plan;
    opt.db = db;
    opt.screenshot = screenshot;
    opt.script = script;
    opt.photo = photo;
    if (!photo_size.empty() && !shuxiang::editor::parse_photo_size(photo_size, opt.photo_width, opt.photo_height)) {
        std::cerr << shuxiang::trf("editor.error.photo_size", {photo_size}) << "\n";
        return 2;
    }
    if (!size.empty()) {
        int w = 0, h = 0;
        if (std::sscanf(size.c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 240) {
            std::cerr << tr("editor.cli.bad_size") << "\n";
            return 2;
        }
        opt.width = w;
        opt.height = h;
    }
    try {
        shuxiang::editor::App app(opt);
        return app.run();
    } catch (const shuxiang::InputError& e) {
        std::cerr << shuxiang::format_place(e.file(), e.where(), e.message()) << "\n";
        return 2;
    }
}
