#include "shuxiang/standards/compliance.hpp"

#include <cmath>
#include <cstdio>

namespace shuxiang::standards {

const char* to_string(Status s) {
    switch (s) {
        case Status::Pass: return "pass";
        case Status::Warning: return "warning";
        case Status::Fail: return "fail";
        case Status::NotAssessable: return "not_assessable";
    }
    return "not_assessable";
}

int Checklist::count(Status s) const {
    int n = 0;
    for (auto& c : checks) n += !c.recommended && c.status == s;
    return n;
}

int Checklist::recommendations_open() const {
    int n = 0;
    for (auto& c : checks) n += c.recommended && c.status != Status::Pass;
    return n;
}

void cite(Check& c, const std::vector<const Figure*>& figures) {
    c.sources.clear();
    for (const Figure* f : figures) {
        if (!f) continue;
        c.sources.push_back({f->key, f->value, f->unit, f->source, f->source_en, f->confidence});
        if (c.sources.size() == 1) {
            c.source = f->source;
            c.source_en = f->source_en;
            c.confidence = f->confidence;
        }
        // Confidence runs Official < Secondary < Unconfirmed: the weakest row decides.
        if (static_cast<int>(f->confidence) > static_cast<int>(c.confidence)) c.confidence = f->confidence;
    }
}

void not_assessable_missing(Check& c, const std::vector<std::string>& missing, const RuleSet& rules) {
    c.status = Status::NotAssessable;
    c.measured = 0;
    std::string keys;
    for (auto& k : missing) keys += (keys.empty() ? "" : ", ") + k;
    c.note = "the profile " + rules.id() + " has no figure " + keys;
    c.advice_key = "advice.missing_figure";
    c.advice_args = {keys, rules.id()};
}

const Check* Checklist::find(const std::string& id) const {
    for (auto& c : checks)
        if (c.id == id) return &c;
    return nullptr;
}

namespace {

using plan::SchoolType;

// Students per stage key used by the books-per-student table. A 完全中学 has its own row that
// covers all its students; other types add up their stages.
struct StageShare {
    std::string stage;  // "primary", "junior", "senior", "complete"
    double students;
};

std::vector<StageShare> stages_of(const plan::School& s) {
    const auto& n = s.students;
    switch (s.type) {
        case SchoolType::Primary: return {{"primary", double(n.total())}};
        case SchoolType::Junior: return {{"junior", double(n.total())}};
        case SchoolType::Senior: return {{"senior", double(n.total())}};
        case SchoolType::Complete: return {{"complete", double(n.total())}};
        case SchoolType::NineYear: return {{"primary", double(n.primary)}, {"junior", double(n.junior + n.senior)}};
        case SchoolType::TwelveYear:
            return {{"primary", double(n.primary)}, {"junior", double(n.junior)}, {"senior", double(n.senior)}};
    }
    return {};
}

std::string fmt(double v, int decimals = 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

}  // namespace

std::string unit_text(const std::string& unit, Language lang) {
    if (unit.empty() || unit == "%") return unit;
    std::string key = "unit." + unit;
    std::string text = tr_in(lang, key);
    return text == key ? unit : text;
}

std::string advice_text(const Check& c, Language lang) {
    if (c.advice_key.empty()) return {};
    std::vector<std::string> args;
    for (const auto& a : c.advice_args) {
        if (a.empty() || a[0] != '@') {
            args.push_back(a);
            continue;
        }
        std::string joined;
        size_t start = 0;
        while (start <= a.size()) {
            size_t end = a.find('|', start);
            if (end == std::string::npos) end = a.size();
            std::string part = a.substr(start, end - start);
            if (!part.empty() && part[0] == '@') part = tr_in(lang, part.substr(1));
            if (!joined.empty()) joined += lang == Language::ZhCN ? "、" : ", ";
            joined += part;
            start = end + 1;
        }
        args.push_back(joined);
    }
    // A count of one takes the singular text where there is one ("1 aisle is", not "1 aisles are").
    if (!args.empty() && args[0] == "1") {
        std::string one = c.advice_key + ".one";
        if (tr_in(lang, one) != one) return trv_in(lang, one, args);
    }
    return trv_in(lang, c.advice_key, args);
}

Status at_least(double measured, double required, const RuleSet& rules) {
    if (measured >= required) return Status::Pass;
    double band = rules.tolerance_value("ratio.warning_fraction", 0.9);
    return measured >= band * required ? Status::Warning : Status::Fail;
}

Requirement required_books(const plan::School& s, const RuleSet& rules) {
    Requirement r;
    int stages_used = 0;
    for (auto& st : stages_of(s)) {
        if (st.students <= 0) continue;
        auto* f = rules.figure("collection.books_per_student." + st.stage);
        if (!f) {
            r.missing.push_back("collection.books_per_student." + st.stage);
            continue;
        }
        if (!r.figure) r.figure = f;
        r.figures.push_back(f);
        r.parts.push_back(st.students * f->value);
        r.value += st.students * f->value;
        ++stages_used;
    }
    r.derived = stages_used > 1;
    if (r.derived) r.rule = "books_sum";
    return r;
}

Requirement required_titles(const plan::School& s, const RuleSet& rules, const std::string& key_prefix) {
    Requirement r;
    double total = s.students.total();
    int stages_used = 0;
    for (auto& st : stages_of(s)) {
        if (st.students <= 0 || total <= 0) continue;
        auto* f = rules.figure(key_prefix + "." + st.stage);
        if (!f) {
            r.missing.push_back(key_prefix + "." + st.stage);
            continue;
        }
        if (!r.figure) r.figure = f;
        r.figures.push_back(f);
        ++stages_used;
        const std::string& rule = rules.policy().mixed_titles_rule;
        if (rule == "highest_stage") r.value = std::max(r.value, f->value);
        else if (rule == "sum_of_stages") r.value += f->value;
        else r.value += st.students / total * f->value;
    }
    r.value = std::ceil(r.value - 1e-9);
    r.derived = stages_used > 1;
    if (r.derived) r.rule = rules.policy().mixed_titles_rule;
    return r;
}

std::array<Requirement, 5> required_shares(const plan::School& s, const RuleSet& rules) {
    double total = s.students.total();
    double primary = 0;
    switch (s.type) {
        case SchoolType::Primary: primary = 1; break;
        case SchoolType::NineYear:
        case SchoolType::TwelveYear: primary = total > 0 ? s.students.primary / total : 0; break;
        default: primary = 0;
    }
    std::array<Requirement, 5> out;
    for (int i = 0; i < 5; ++i) {
        auto* fp = rules.figure("collection.share.primary." + std::to_string(i + 1));
        auto* fs = rules.figure("collection.share.secondary." + std::to_string(i + 1));
        if (primary > 0 && !fp) out[i].missing.push_back("collection.share.primary." + std::to_string(i + 1));
        if (primary < 1 && !fs) out[i].missing.push_back("collection.share.secondary." + std::to_string(i + 1));
        double vp = fp ? fp->value : 0, vs = fs ? fs->value : 0;
        out[i].value = primary * vp + (1 - primary) * vs;
        out[i].figure = primary > 0 ? fp : fs;
        if (primary > 0) out[i].figures.push_back(fp);
        if (primary < 1) out[i].figures.push_back(fs);
        out[i].derived = primary > 0 && primary < 1;
        if (out[i].derived) out[i].rule = "shares_weighted";
    }
    return out;
}

void check_collection(const plan::School& school, const HoldingsSummary* h, const RuleSet& rules, Checklist& out) {
    const double students = school.students.total();
    auto base = [&](const std::string& id, const std::string& unit, const Requirement& req) {
        Check c;
        c.id = id;
        c.group = "collection";
        c.title_key = "check." + id;
        c.unit = unit;
        c.required = req.value;
        c.derived = req.derived;
        cite(c, req.figures.empty() ? std::vector<const Figure*>{req.figure} : req.figures);
        for (size_t i = 0; i < req.parts.size() && i < c.sources.size(); ++i) c.sources[i].part = req.parts[i];
        if (req.derived) {
            c.rule_key = "standards.rule." + req.rule;
            c.note = "derived by the rule " + req.rule + " from " + std::to_string(req.figures.size()) + " stage rows";
        }
        return c;
    };
    auto not_assessable = [&](Check& c, const std::string& why) {
        c.status = Status::NotAssessable;
        c.note = why;
        c.required = c.required;
    };

    // Books per student, compared as totals so that 一贯制 schools use the weighted rule.
    {
        Requirement req = required_books(school, rules);
        Check c = base("collection.books", "books", req);
        c.comparison = ">=";
        if (!h) not_assessable(c, "no holdings summary");
        else if (students <= 0) not_assessable(c, "the plan gives no student numbers");
        else if (!req.missing.empty()) not_assessable_missing(c, req.missing, rules);
        else {
            c.measured = double(h->books);
            c.status = at_least(c.measured, c.required, rules);
            if (c.status != Status::Pass) {
                c.advice_key = "advice.collection.books";
                c.advice_args = {fmt(c.required - c.measured), fmt(c.measured / students, 1),
                                 fmt(c.required / students, 1)};
            }
        }
        out.checks.push_back(std::move(c));
    }
    for (auto [id, prefix, field] : {std::tuple{"collection.periodicals", "collection.periodicals", 0},
                                     std::tuple{"collection.reference_works", "collection.reference_works", 1}}) {
        Requirement req = required_titles(school, rules, prefix);
        Check c = base(id, "titles", req);
        c.comparison = ">=";
        if (!h) not_assessable(c, "no holdings summary");
        else if (students <= 0) not_assessable(c, "the plan gives no student numbers");
        else if (!req.missing.empty()) not_assessable_missing(c, req.missing, rules);
        else {
            c.measured = field == 0 ? h->periodical_titles : h->reference_titles;
            c.status = at_least(c.measured, c.required, rules);
            if (c.status != Status::Pass) {
                c.advice_key = "advice." + std::string(id);
                c.advice_args = {fmt(c.required - c.measured)};
            }
        }
        out.checks.push_back(std::move(c));
    }
    {
        Requirement req;
        req.figure = rules.figure("collection.new_books_per_student_per_year");
        req.value = students * (req.figure ? req.figure->value : 0);
        if (!req.figure) req.missing.push_back("collection.new_books_per_student_per_year");
        Check c = base("collection.new_books", "books", req);
        c.comparison = ">=";
        if (!h) not_assessable(c, "no holdings summary");
        else if (students <= 0) not_assessable(c, "the plan gives no student numbers");
        else if (!req.missing.empty()) not_assessable_missing(c, req.missing, rules);
        else {
            c.measured = double(h->new_books_this_year);
            c.status = at_least(c.measured, c.required, rules);
            if (c.status != Status::Pass) {
                c.advice_key = "advice.collection.new_books";
                c.advice_args = {fmt(c.required - c.measured)};
            }
        }
        out.checks.push_back(std::move(c));
    }
    // Shares by 大部类, each within the profile's tolerance (percentage points).
    auto shares = required_shares(school, rules);
    const double pass_band = rules.tolerance_value("collection.share_points", 3);
    const double warn_band = rules.tolerance_value("collection.share_warning_points", 6);
    long long classified = 0;
    if (h)
        for (auto n : h->by_major_class) classified += n;
    for (int i = 0; i < 5; ++i) {
        Check c = base("collection.share." + std::to_string(i + 1), "%", shares[i]);
        c.title_key = "check.collection.share." + std::to_string(i + 1);
        c.comparison = "≈";
        c.required = std::round(shares[i].value * 100) / 100;
        if (!h) not_assessable(c, "no holdings summary");
        else if (classified == 0) not_assessable(c, "no classified items");
        else if (!shares[i].missing.empty()) not_assessable_missing(c, shares[i].missing, rules);
        else {
            c.measured = 100.0 * double(h->by_major_class[i]) / double(classified);
            double diff = std::abs(c.measured - c.required);
            c.status = diff <= pass_band ? Status::Pass : diff <= warn_band ? Status::Warning : Status::Fail;
            if (c.status != Status::Pass) {
                c.advice_key = c.measured < c.required ? "advice.collection.share_low" : "advice.collection.share_high";
                c.advice_args = {fmt(diff, 1)};
            }
        }
        out.checks.push_back(std::move(c));
    }
    // Local collection (a regional profile may require one).
    if (auto* f = rules.figure("local_collection.required"); f && f->value > 0) {
        Requirement req;
        req.figure = f;
        req.value = 1;
        Check c = base("collection.local", "items", req);
        c.comparison = "present";
        if (!h) not_assessable(c, "no holdings summary");
        else {
            c.measured = double(h->local_collection);
            c.status = h->local_collection > 0 ? Status::Pass : Status::Fail;
            if (c.status != Status::Pass) c.advice_key = "advice.collection.local";
        }
        out.checks.push_back(std::move(c));
    }
}

}  // namespace shuxiang::standards
