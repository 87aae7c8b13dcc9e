// shuxiang-editor: lay out school libraries in 3D. See docs/editor-script.md for headless use.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "app/app.hpp"
#include "render/photo.hpp"
#include "shuxiang/util/i18n.hpp"
#include "shuxiang/util/error.hpp"

int main(int argc, char** argv) {
    shuxiang::editor::Options opt;
    CLI::App cli{"Shuxiang editor: plan school libraries in 3D"};
    std::string plan, db, screenshot, script, size, photo, photo_size;
    cli.add_option("plan", plan, "plan file (.sxplan.json) to open");
    cli.add_option("--db", db, "library database of the school");
    cli.add_option("--lang", opt.lang, "interface language: zh or en")->check(CLI::IsMember({"zh", "zh-CN", "en"}));
    cli.add_option("--screenshot", screenshot, "save a PNG of the window after the run and exit");
    cli.add_option("--frames", opt.frames, "render this many frames and exit")->check(CLI::NonNegativeNumber);
    cli.add_option("--script", script, "run editor actions from a file and exit (docs/editor-script.md)");
    cli.add_option("--size", size, "window size WIDTHxHEIGHT (default 1400x900)");
    cli.add_option("--photo", photo, "render a photo still of the plan to this PNG and exit");
    cli.add_option("--camera", opt.camera,
                   "photo camera: orbit:YAW,PITCH,DISTANCE[,X,Y,Z] | walk:X,Y,HEADING[,PITCH] | top:X,Y,HALF");
    cli.add_option("--photo-size", photo_size, "photo size WIDTHxHEIGHT (default 1920x1080)");
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
        shuxiang::set_language(shuxiang::parse_language(opt.lang));
        std::cerr << shuxiang::trf("editor.error.photo_size", {photo_size}) << "\n";
        return 2;
    }
    if (!size.empty()) {
        int w = 0, h = 0;
        if (std::sscanf(size.c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 240) {
            std::cerr << "--size: expected WIDTHxHEIGHT, at least 320x240\n";
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
