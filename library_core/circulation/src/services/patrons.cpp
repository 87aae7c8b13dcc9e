// Readers: adding, finding, rosters, the year-end promotion, leavers.
#include "../internal.hpp"
#include "shuxiang/circulation/roster.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::circulation {

namespace {
bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }
}  // namespace

Result PatronService::add(const Ctx& c, const Patron& p) {
    return run_op(repo_, c, Action::ManagePatrons, "patrons.add", p.id, [&](UnitOfWork& u) {
        if (p.id.empty()) return refusal("empty_id", {});
        if (p.kind == PatronKind::Student && stage_of_grade(p.grade) == Stage::None)
            return refusal("bad_grade", {std::to_string(p.grade)});
        u.upsert_patron(p);
        return success("circ.ok.patron_added", {p.id}, 0);
    });
}

std::optional<Patron> PatronService::find(std::string_view id) { return repo_.read()->find_patron(id); }

std::vector<Patron> PatronService::list(const PatronQuery& q) {
    std::optional<std::string> cls;
    if (!q.class_key.empty()) {
        cls = parse_class_key(q.class_key);
        if (!cls) return {};
    }
    std::vector<Patron> out;
    for (auto& p : repo_.read()->patrons()) {
        if (cls && (p.kind != PatronKind::Student || class_key(p.grade, p.class_no) != *cls)) continue;
        if (!q.text.empty() && !contains(p.name, q.text) && p.id.rfind(q.text, 0) != 0) continue;
        out.push_back(p);
        if (q.limit && out.size() >= q.limit) break;
    }
    return out;
}

RosterImport PatronService::import_roster(const Ctx& c, std::string_view data, const std::string& file_name, Result& res) {
    RosterImport out;
    auto parsed = parse_roster(data, file_name);
    if (!parsed.errors.empty()) {
        out.errors = parsed.errors;
        res = refusal("roster_errors", {std::to_string(out.errors.size())});
        res.details = out.errors;
        auto u = repo_.write();
        audit_in(*u, c, "patrons.import", file_name, res);
        u->commit();
        return out;
    }
    res = run_op(repo_, c, Action::ManagePatrons, "patrons.import", file_name, [&](UnitOfWork& u) {
        out.added = out.updated = 0;
        for (auto& p : parsed.patrons) {
            if (u.find_patron(p.id)) ++out.updated;
            else ++out.added;
            u.upsert_patron(p);
        }
        return success("circ.ok.roster", {std::to_string(out.added), std::to_string(out.updated)}, 0);
    });
    return out;
}

Promotion PatronService::promote(const Ctx& c, const std::vector<int>& final_grades, bool dry_run, Result& res) {
    Promotion out;
    auto plan = [&](UnitOfWork& u) {
        out = {};
        for (auto p : u.patrons()) {
            if (p.kind != PatronKind::Student || p.status != PatronStatus::Active) continue;
            bool finishing = p.grade >= 12;
            for (int g : final_grades) finishing |= (p.grade == g);
            if (finishing) {
                Promotion::Leaver l{p.id, p.name, {}};
                for (auto& loan : u.open_loans(p.id)) l.books_out.push_back(loan.barcode);
                std::sort(l.books_out.begin(), l.books_out.end());
                out.leaving.push_back(std::move(l));
                p.status = PatronStatus::Leaving;
            } else {
                ++out.promoted;
                ++p.grade;
            }
            if (!dry_run) u.upsert_patron(p);
        }
        return success("circ.ok.promoted", {std::to_string(out.promoted), std::to_string(out.leaving.size())}, 0);
    };
    if (dry_run) {
        // A dry run changes nothing and leaves no audit row.
        auto u = repo_.read();
        res = plan(*u);
        return out;
    }
    // Once per school year: a second run in the same year would put everyone up a grade twice.
    const std::string year = std::to_string(school_year(c.date));
    res = run_op(repo_, c, Action::ManagePatrons, "patrons.promote", year, [&](UnitOfWork& u) {
        if (u.setting("promotion.school_year").value_or("") == year) return refusal("already_promoted", {year});
        Result r = plan(u);
        u.put_setting("promotion.school_year", year);
        return r;
    });
    return out;
}

Result PatronService::left(const Ctx& c, std::string_view id) {
    std::string target(id);
    return run_op(repo_, c, Action::ManagePatrons, "patrons.left", target, [&](UnitOfWork& u) {
        auto p = u.find_patron(id);
        if (!p) return refusal("unknown_patron", {target});
        auto out = static_cast<long long>(u.open_loans(id).size());  // class sets too: the teacher answers for them
        if (out > 0) return refusal("leaving_with_books", {target, std::to_string(out)});
        p->status = PatronStatus::Left;
        u.upsert_patron(*p);
        return success("circ.ok.patron_left", {target}, 0);
    });
}

}  // namespace shuxiang::circulation
