#include <cstdlib>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>

#include "registry.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {

std::vector<RegisterFn>& registry() {
    static std::vector<RegisterFn> r;
    return r;
}

int& exit_code() {
    static int code = 0;
    return code;
}

void run_guarded(const std::function<int()>& body) {
    try {
        exit_code() = body();
    } catch (const Refused& e) {
        if (e.json)
            std::cout << nlohmann::json{{"ok", false}, {"code", e.code}, {"message", e.what()}, {"details", nlohmann::json::array()}}.dump(2) << "\n";
        else
            std::cerr << e.what() << "\n";
        exit_code() = 3;
    } catch (const InputError& e) {
        std::cerr << tr("common.error") << ": " << e.what() << "\n";
        exit_code() = 2;
    } catch (const std::exception& e) {
        std::cerr << tr("common.error") << ": " << e.what() << "\n";
        exit_code() = 1;
    }
}

}  // namespace shuxiang::cli

int main(int argc, char** argv) {
    using namespace shuxiang;
    // The language must be known before the help texts are built, so --lang is read first.
    try {
        const char* lang = std::getenv("SHUXIANG_LANG");
        for (int i = 1; i < argc; ++i) {
            if (std::strcmp(argv[i], "--lang") == 0 && i + 1 < argc) lang = argv[i + 1];
            else if (std::strncmp(argv[i], "--lang=", 7) == 0) lang = argv[i] + 7;
        }
        if (lang && *lang) set_language(parse_language(lang));
    } catch (const InputError& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }

    CLI::App app{tr("cli.description"), "shuxiang"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("shuxiang 0.1.0"), tr("cli.version"));
    app.set_help_flag("-h,--help", tr("cli.help"));
    std::string lang_opt;
    app.add_option("--lang", lang_opt, tr("cli.lang"));
    try {
        for (auto& reg : cli::registry()) reg(app);
    } catch (const std::exception& e) {
        std::cerr << tr("common.error") << ": " << e.what() << "\n";
        return 1;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    return cli::exit_code();
}
