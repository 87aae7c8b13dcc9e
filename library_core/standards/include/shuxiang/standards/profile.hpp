#pragma once
// Standards as data: profiles of figures (each with its source and confidence) loaded from
// assets/standards/*.json, chained from the national default to provincial and city overrides.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shuxiang::standards {

// How sure we are of a figure: read in the official text, in a secondary copy, or unconfirmed.
enum class Confidence { Official, Secondary, Unconfirmed };
const char* to_string(Confidence c);

// One figure of a standard, with where it comes from.
struct Figure {
    std::string key;      // e.g. "collection.books_per_student.primary"
    double value = 0;
    std::string unit;
    std::string source;     // in Chinese: the report's Chinese page shows it
    Confidence confidence = Confidence::Unconfirmed;
    std::string profile;  // id of the profile that set it (after resolution: the most specific one)
    std::string source_en;  // the English page's text, when the source is not a Chinese title
};

// How a profile turns checks into verdicts (the "policy" object of a profile file). Each field is
// optional in a file; a child profile's field replaces its parent's.
struct Policy {
    // Checks that make a school "达到图书标准": ids, or prefixes ending in '.'. Empty: every
    // required check of the collection group.
    std::vector<std::string> book_standard_checks;
    bool warning_meets = false;          // whether 接近 counts as meeting (default strict: no)
    std::vector<std::string> required;   // city-encouraged checks this profile makes required
    // Periodicals and reference works of a school of several stages: "student_weighted" (default),
    // "highest_stage" or "sum_of_stages" (docs/compliance.md).
    std::string mixed_titles_rule = "student_weighted";
    std::string source;                  // where the policy comes from (shown in the district summary)

    bool in_book_standard(const std::string& check_id, const std::string& group) const;
    bool makes_required(const std::string& check_id) const;
};

// One profile file as written: its own figures and tolerances only.
struct Profile {
    std::string id;
    std::string parent;  // empty for a root profile
    std::string name_zh;
    std::string name_en;
    std::string edition;
    std::vector<std::string> regions;  // region names it applies to (prefix match on School::region)
    std::map<std::string, Figure> figures;
    std::map<std::string, Figure> tolerances;
    // The policy fields this file sets (the rest come from the parent).
    std::optional<std::vector<std::string>> book_standard_checks;
    std::optional<bool> warning_meets;
    std::optional<std::vector<std::string>> required;
    std::optional<std::string> mixed_titles_rule;
    std::optional<std::string> policy_source;

    // Throws InputError naming the file and JSON pointer of a bad value.
    static Profile load_file(const std::filesystem::path& path);
};

// A resolved chain (root first): figures of a child override those of its parents.
class RuleSet {
public:
    // All profiles of a folder; resolves `id`. Throws InputError on an unknown id, a missing parent
    // or a cycle.
    static RuleSet load(const std::filesystem::path& dir, const std::string& id);
    // The most specific profile whose `regions` match the start of `region` (longest match), else
    // the root "cn-national".
    static RuleSet for_region(const std::filesystem::path& dir, const std::string& region);
    // From profiles already in memory (tests, the bureau's own overrides).
    static RuleSet resolve(const std::vector<Profile>& profiles, const std::string& id);

    const std::vector<std::string>& chain() const { return chain_; }
    const std::string& id() const { return chain_.back(); }
    const std::string& name_zh() const { return name_zh_; }
    const std::string& name_en() const { return name_en_; }

    // nullptr when the figure is not defined anywhere in the chain.
    const Figure* figure(const std::string& key) const;
    const Figure* tolerance(const std::string& key) const;
    // The value, or `fallback` when undefined.
    double value(const std::string& key, double fallback) const;
    double tolerance_value(const std::string& key, double fallback) const;
    const std::map<std::string, Figure>& figures() const { return figures_; }
    const Policy& policy() const { return policy_; }
    Policy& policy() { return policy_; }

    // Overrides one figure in memory (a what-if or a bureau's local rule); marks it with `profile`.
    void set(Figure f);

private:
    std::vector<std::string> chain_;
    std::string name_zh_, name_en_;
    std::map<std::string, Figure> figures_;
    std::map<std::string, Figure> tolerances_;
    Policy policy_;
};

// The bundled profiles: asset_dir()/"standards".
std::filesystem::path builtin_profile_dir();

}  // namespace shuxiang::standards
