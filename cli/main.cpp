#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <regex>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>

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

void refuse_missing_database(const CLI::App& app) {
    static const std::set<std::string> creators = {"catalog import", "catalog demo", "patrons import", "operators add"};
    std::string path;
    const CLI::App* cmd = &app;
    for (;;) {
        auto subs = cmd->get_subcommands();
        if (subs.empty()) break;
        cmd = subs.front();
        path += (path.empty() ? "" : " ") + cmd->get_name();
    }
    const CLI::Option* db = cmd->get_option_no_throw("--db");
    if (!db || db->count() == 0 || creators.count(path)) return;
    const std::string file = db->as<std::string>();
    if (!std::filesystem::exists(file)) throw InputError(file, "--db", tr("cli.db_missing"));
}

std::string parse_error_text(const CLI::ParseError& e) {
    const std::string what = e.what(), name = e.get_name();
    std::smatch m;
    if (name == "RequiredError") {
        if (std::regex_search(what, m, std::regex(R"(^(\S+) is required)"))) return trf("cli.parse.required", {m[1]});
        return tr("cli.parse.subcommand_required");
    }
    if ((name == "ExtrasError" || what.find("not expected") != std::string::npos) && std::regex_search(what, m, std::regex(R"(not expected: (.*)$)")))
        return trf("cli.parse.extras", {m[1]});
    if (name == "ConversionError" && std::regex_search(what, m, std::regex(R"(convert: (\S+) = (.*)$)")))
        return trf("cli.parse.conversion", {m[1], m[2]});
    if (name == "ArgumentMismatch" && std::regex_search(what, m, std::regex(R"(^(\S+):)")))
        return trf("cli.parse.argument_missing", {m[1]});
    if (name == "ValidationError" && std::regex_search(what, m, std::regex(R"(^(\S+): (.*)$)")))
        return trf("cli.parse.validation", {m[1], m[2]});
    return trf("cli.parse.other", {what});
}

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string part;
    while (std::getline(ss, part, ','))
        if (!part.empty()) out.push_back(part);
    return out;
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
    // A --db that does not exist is a typo, not a new library: only the commands that create a
    // library database may be given one.
    app.parse_complete_callback([&app] { cli::refuse_missing_database(app); });
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << tr("common.error") << ": " << cli::parse_error_text(e) << "\n";
        return 2;
    } catch (const InputError& e) {
        std::cerr << tr("common.error") << ": " << e.what() << "\n";
        return 2;
    }
    return cli::exit_code();
}
