// Weeding (增新剔旧), stocktake and reading statistics.
#include <algorithm>
#include <cmath>
#include <queue>
#include <set>

#include "internal.hpp"
#include "shuxiang/catalog/clc.hpp"
#include "shuxiang/catalog/store.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::circulation {

using sql::Stmt;

std::vector<WeedCandidate> Library::weed_candidates(const std::string& day, const WeedRules& rules) {
    std::vector<WeedCandidate> out;
    int year = std::stoi(day.substr(0, 4));
    std::string old_before = std::to_string(year - rules.min_age_years) + day.substr(4);
    std::string loans_since = std::to_string(year - rules.no_loans_years) + day.substr(4);
    // Superseded: another record with the same title and a later year (a newer edition).
    Stmt s(db_,
           "SELECT i.barcode, coalesce(r.title, ''), i.call_number, i.acquired, i.status, "
           "(SELECT count(*) FROM circ_loans l WHERE l.item_id = i.id AND l.out_date >= ?), "
           "(SELECT count(*) FROM records r2 WHERE r2.title = r.title AND r2.id <> r.id AND r.title <> '' "
           "   AND r2.year > r.year AND r.year <> '') "
           "FROM items i JOIN records r ON r.id = i.record_id WHERE i.status IN ('available', 'damaged') ORDER BY i.call_number, i.barcode");
    s.bind(1, loans_since);
    while (s.step()) {
        WeedCandidate w{s.text(0), s.text(1), s.text(2), s.text(3), {}};
        bool old = !w.acquired.empty() && w.acquired < old_before;
        if (old && s.i64(5) == 0) w.reasons.push_back("old_unused");
        if (s.text(4) == "damaged") w.reasons.push_back("damaged");
        if (s.i64(6) > 0) w.reasons.push_back("superseded");
        if (!w.reasons.empty()) out.push_back(std::move(w));
    }
    return out;
}

Result Library::withdraw(const Ctx& c, const std::vector<std::string>& barcodes, const std::string& reason) {
    Tx tx(db_);
    std::string target;
    for (auto& b : barcodes) target += (target.empty() ? "" : ",") + b;
    auto done = [&](Result r) { return finish(c, "weed.approve", target, tx, std::move(r)); };
    if (auto r = refuse_role(c, Action::Weed)) return done(*r);
    if (barcodes.empty()) return done(refusal("no_items", {}));
    if (reason.empty()) return done(refusal("no_reason", {}));
    for (auto& b : barcodes) {
        Stmt s(db_, "SELECT id, status FROM items WHERE barcode = ?");
        s.bind(1, b);
        if (!s.step()) return done(refusal("unknown_barcode", {b}));
        std::string st = s.text(1);
        if (st == "on_loan" || st == "withdrawn") return done(refusal("not_available", {b, tr("circ.status." + st)}));
        // The item row and its loans stay: withdrawn copies keep their history and reason.
        Stmt(db_, "INSERT INTO circ_withdrawals(item_id, barcode, day, reason, operator, prev_status) VALUES(?,?,?,?,?,?)")
            .bind(1, s.i64(0))
            .bind(2, b)
            .bind(3, c.date)
            .bind(4, reason)
            .bind(5, c.op)
            .bind(6, st)
            .run();
        Stmt(db_, "UPDATE items SET status = 'withdrawn' WHERE id = ?").bind(1, s.i64(0)).run();
        Stmt(db_, "UPDATE circ_holds SET status = 'waiting', barcode = '' WHERE barcode = ? AND status = 'ready'").bind(1, b).run();
    }
    return done(success("circ.ok.withdrawn", {std::to_string(barcodes.size())}, 0));
}

StocktakeReport Library::stocktake(const std::string& first, const std::string& last, const std::vector<std::string>& scanned) {
    if (auto by_shelf = shelving::stocktake_shelves(path_, first, last, scanned)) return *by_shelf;
    auto in_range = [&](const std::string& cn) {
        return shelving::compare_shelf_order(first, cn) <= 0 && shelving::compare_shelf_order(cn, last) <= 0;
    };
    struct Copy {
        std::string barcode, call_number;
    };
    std::vector<Copy> expected;
    const char* not_in_corner = "location NOT IN (SELECT corner FROM circ_loans WHERE returned_date IS NULL AND corner <> '')";
    {
        Stmt s(db_, std::string("SELECT barcode, call_number, status FROM items WHERE ") + not_in_corner);
        while (s.step())
            if (shelving::on_shelf_status(s.text(2)) && in_range(s.text(1))) expected.push_back({s.text(0), s.text(1)});
    }
    std::stable_sort(expected.begin(), expected.end(), [](const Copy& x, const Copy& y) {
        int c = shelving::compare_shelf_order(x.call_number, y.call_number);
        return c != 0 ? c < 0 : x.barcode < y.barcode;
    });
    std::vector<std::string> barcodes;
    for (auto& c : expected) barcodes.push_back(c.barcode);
    return shelving::compare_scan(barcodes, scanned, [&](const std::string& b) -> std::optional<shelving::MisplacedCopy> {
        Stmt s(db_, std::string("SELECT status, call_number FROM items WHERE barcode = ? AND ") + not_in_corner);
        s.bind(1, b);
        if (!s.step() || !shelving::on_shelf_status(s.text(0))) return std::nullopt;
        shelving::MisplacedCopy m;
        m.barcode = b;
        m.call_number = s.text(1);
        return m;
    });
}

long long last_reader_wait_days(std::vector<long long> ready_in_days, long long waiting, int loan_days) {
    if (waiting <= 0) return 0;
    if (ready_in_days.empty()) return -1;
    // A min-heap of the days on which the copies are next free.
    std::priority_queue<long long, std::vector<long long>, std::greater<>> free_on;
    for (long long d : ready_in_days) free_on.push(std::max(0LL, d));
    long long t = 0;
    for (long long r = 0; r < waiting; ++r) {
        t = free_on.top();
        free_on.pop();
        free_on.push(t + std::max(0, loan_days));
    }
    return t;
}

long long suggested_extra_copies(const std::vector<long long>& ready_in_days, long long waiting, int loan_days,
                                 int target_days, long long max_copies, int lead_days) {
    if (waiting <= 0) return 0;
    const auto copies = static_cast<long long>(ready_in_days.size());
    // More copies than readers cannot shorten the wait.
    const long long cap = std::min(std::max(0LL, max_copies - copies), waiting);
    std::vector<long long> with = ready_in_days;
    long long best_e = 0, best_wait = -1;
    for (long long e = 0; e <= cap; ++e) {
        if (e > 0) with.push_back(std::max(0, lead_days));
        const long long w = last_reader_wait_days(with, waiting, loan_days);
        if (w >= 0 && w <= target_days) return e;
        if (w >= 0 && (best_wait < 0 || w < best_wait)) {
            best_wait = w;
            best_e = e;
        }
    }
    return best_e;
}

ReadingStats Library::reading_stats(int year, int target_wait_days, const std::string& today) {
    ReadingStats st;
    st.year = year;
    st.target_wait_days = target_wait_days;
    std::string y = std::to_string(year);
    std::string from = y + "-01-01", to = y + "-12-31";
    {
        Stmt s(db_, "SELECT grade FROM circ_patrons WHERE kind = 'student' AND status = 'active'");
        while (s.step()) {
            ++st.students;
            ++st.students_by_stage[to_string(stage_of_grade(s.i32(0)))];
        }
    }
    st.collection = store_->stats();
    st.held_items = st.collection.total_items;
    st.holdings_per_student = st.students ? static_cast<double>(st.held_items) / static_cast<double>(st.students) : 0;
    if (st.students > 0) {
        std::map<std::string, long long> by_audience;
        long long shared = 0;
        Stmt s(db_, "SELECT r.audience, count(*) FROM items i JOIN records r ON r.id = i.record_id "
                    "WHERE i.status NOT IN ('lost', 'withdrawn') GROUP BY r.audience");
        while (s.step()) {
            auto a = static_cast<catalog::Audience>(s.i64(0));
            if (a == catalog::Audience::Primary) by_audience["primary"] += s.i64(1);
            else if (a == catalog::Audience::Junior) by_audience["junior"] += s.i64(1);
            else if (a == catalog::Audience::Senior) by_audience["senior"] += s.i64(1);
            else shared += s.i64(1);
        }
        for (auto& [stage, n] : st.students_by_stage) {
            if (n == 0 || stage.empty()) continue;
            double items = static_cast<double>(by_audience[stage]) +
                           static_cast<double>(shared) * static_cast<double>(n) / static_cast<double>(st.students);
            st.holdings_per_student_by_stage[stage] = items / static_cast<double>(n);
        }
    }
    {
        Stmt s(db_, "SELECT count(*) FROM items WHERE substr(acquired, 1, 4) = ? AND status <> 'withdrawn'");
        s.bind(1, y);
        st.new_items_this_year = s.step() ? s.i64(0) : 0;
    }
    st.new_per_student = st.students ? static_cast<double>(st.new_items_this_year) / static_cast<double>(st.students) : 0;
    {
        Stmt s(db_, "SELECT count(*) FROM circ_loans WHERE out_date BETWEEN ? AND ? AND corner = ''");
        s.bind(1, from).bind(2, to);
        st.loans_this_year = s.step() ? s.i64(0) : 0;
    }
    st.loans_per_student = st.students ? static_cast<double>(st.loans_this_year) / static_cast<double>(st.students) : 0;
    {
        Stmt s(db_, "SELECT r.clc_top, count(*) FROM circ_loans l JOIN records r ON r.id = l.record_id "
                    "WHERE l.out_date BETWEEN ? AND ? AND l.corner = '' GROUP BY r.clc_top");
        s.bind(1, from).bind(2, to);
        while (s.step()) {
            int part = catalog::clc_part(s.text(0));
            if (part >= 1 && part <= 5) st.loans_by_major_class[static_cast<std::size_t>(part - 1)] += s.i64(1);
        }
    }
    {
        Stmt s(db_, "SELECT p.grade, p.class_no, count(DISTINCT p.id), "
                    "(SELECT count(*) FROM circ_loans l JOIN circ_patrons q ON q.id = l.patron_id WHERE q.kind = 'student' "
                    "  AND q.grade = p.grade AND q.class_no = p.class_no AND l.out_date BETWEEN ? AND ? AND l.corner = '') "
                    "FROM circ_patrons p WHERE p.kind = 'student' AND p.status = 'active' GROUP BY p.grade, p.class_no");
        s.bind(1, from).bind(2, to);
        while (s.step()) {
            ReadingStats::ClassRow r{class_key(s.i32(0), s.text(1)), s.i64(2), s.i64(3), 0};
            r.loans_per_student = r.students ? static_cast<double>(r.loans) / static_cast<double>(r.students) : 0;
            st.class_ranking.push_back(r);
        }
        std::sort(st.class_ranking.begin(), st.class_ranking.end(), [](auto& a, auto& b) {
            if (a.loans_per_student != b.loans_per_student) return a.loans_per_student > b.loans_per_student;
            return a.class_key < b.class_key;
        });
    }
    {
        Stmt s(db_, "SELECT l.record_id, coalesce(r.title, ''), count(*) AS n FROM circ_loans l LEFT JOIN records r ON r.id = l.record_id "
                    "WHERE l.out_date BETWEEN ? AND ? AND l.corner = '' GROUP BY l.record_id ORDER BY n DESC, l.record_id LIMIT 10");
        s.bind(1, from).bind(2, to);
        while (s.step()) st.top_titles.push_back({s.i64(0), s.text(1), s.i64(2)});
    }
    {
        // Extra copies from the queue model (suggested_extra_copies), capped by the copy policy.
        const auto max_copies = static_cast<long long>(setting_value("acq.max_copies"));
        const int lead_days = static_cast<int>(setting_value("acq.lead_days"));
        Stmt s(db_, "SELECT h.record_id, coalesce(r.title, ''), count(*) AS n FROM circ_holds h "
                    "LEFT JOIN records r ON r.id = h.record_id WHERE h.status = 'waiting' "
                    "GROUP BY h.record_id ORDER BY n DESC, h.record_id");
        while (s.step()) {
            ReadingStats::DemandRow d{s.i64(0), s.text(1), s.i64(2), 0, 0, 0, lead_days, -1, -1};
            long long days = 0, readers = 0;
            Stmt w(db_, "SELECT patron_id FROM circ_holds WHERE record_id = ? AND status = 'waiting'");
            w.bind(1, d.record_id);
            while (w.step())
                if (auto p = patron(w.text(0))) {
                    days += policy_for(*p).loan_days;
                    ++readers;
                }
            d.loan_days = readers ? static_cast<int>((days + readers - 1) / readers) : 0;
            // When each lendable copy is next free: the days left on its loan (a whole loan period
            // when no day is given), a loan period for a copy kept for a reader, else at once.
            std::vector<long long> ready_in;
            Stmt c(db_, "SELECT i.status, coalesce(l.due_date, ''), "
                        "(SELECT count(*) FROM circ_holds k WHERE k.barcode = i.barcode AND k.status = 'ready') "
                        "FROM items i LEFT JOIN circ_loans l ON l.item_id = i.id AND l.returned_date IS NULL "
                        "WHERE i.record_id = ? AND i.status NOT IN ('lost', 'withdrawn', 'damaged')");
            c.bind(1, d.record_id);
            while (c.step()) {
                const std::string due = c.text(1);
                if (c.text(0) == "on_loan" || !due.empty())
                    ready_in.push_back(today.empty() || due.empty() ? d.loan_days
                                                                    : std::max(0, days_between(today, due)));
                else if (c.i64(2) > 0)
                    ready_in.push_back(d.loan_days);
                else
                    ready_in.push_back(0);
            }
            d.copies = static_cast<long long>(ready_in.size());
            d.wait_days = last_reader_wait_days(ready_in, d.waiting, d.loan_days);
            d.suggested_extra =
                suggested_extra_copies(ready_in, d.waiting, d.loan_days, target_wait_days, max_copies, lead_days);
            ready_in.insert(ready_in.end(), static_cast<std::size_t>(d.suggested_extra), lead_days);
            d.wait_after_days = last_reader_wait_days(ready_in, d.waiting, d.loan_days);
            st.demand.push_back(d);
        }
    }
    {
        Stmt s(db_, "SELECT g.record_id, coalesce(r.title, ''), count(*), sum(g.recommend), avg(g.stars) FROM circ_ratings g "
                    "LEFT JOIN records r ON r.id = g.record_id GROUP BY g.record_id ORDER BY avg(g.stars) DESC, count(*) DESC, g.record_id");
        while (s.step()) st.ratings.push_back({s.i64(0), s.text(1), s.i64(2), s.i64(3), s.dbl(4), {}});
        Stmt k(db_, "SELECT g.record_id, coalesce(p.kind, 'unknown'), count(*) FROM circ_ratings g "
                    "LEFT JOIN circ_patrons p ON p.id = g.patron_id GROUP BY g.record_id, p.kind");
        while (k.step())
            for (auto& r : st.ratings)
                if (r.record_id == k.i64(0)) r.by_kind[k.text(1)] = k.i64(2);
    }
    return st;
}

standards::HoldingsSummary Library::holdings_summary(int year) {
    standards::HoldingsSummary h;
    h.year = year;
    std::string y = std::to_string(year);
    // Counts as they stand at the end of `year`: items acquired later are not counted.
    std::string end = y + "-12-31";
    Stmt s(db_, "SELECT r.clc_top, r.local_collection, count(*) FROM items i JOIN records r ON r.id = i.record_id "
                "WHERE i.status NOT IN ('withdrawn', 'lost') AND (i.acquired = '' OR substr(i.acquired, 1, 10) <= ?) "
                "GROUP BY r.clc_top, r.local_collection");
    s.bind(1, end);
    while (s.step()) {
        long long n = s.i64(2);
        h.books += n;
        int part = catalog::clc_part(s.text(0));
        if (part >= 1 && part <= 5) h.by_major_class[static_cast<std::size_t>(part - 1)] += n;
        else h.unclassified += n;
        if (s.i32(1)) h.local_collection += n;
    }
    // Titles held at the end of the year by kind. Periodicals are serials (leader/07 = 's').
    // Reference works and teaching references: 综合性图书 (Z: encyclopaedias, dictionaries), the form
    // subdivisions -61 (词典、百科全书) and -62 (手册、名录), and G62/G63 (primary and secondary
    // teaching: 教学参考书).
    long long serial_new = 0;  // periodical volumes received this year: not new books
    {
        Stmt t(db_, "SELECT r.id, r.clc_class, r.marc, r.clc_top, count(*), sum(substr(i.acquired, 1, 4) = ?2) "
                    "FROM records r JOIN items i ON i.record_id = r.id "
                    "WHERE i.status NOT IN ('withdrawn', 'lost') AND (i.acquired = '' OR substr(i.acquired, 1, 10) <= ?1) "
                    "GROUP BY r.id");
        t.bind(1, end);
        t.bind(2, y);
        while (t.step()) {
            std::string cls = t.text(1);
            auto marc = catalog::decode_marc(t.blob(2));
            if (marc && marc->leader.size() > 7 && marc->leader[7] == 's') {
                // A periodical counts as a title (种), and its volumes are not books (册).
                ++h.periodical_titles;
                long long n = t.i64(4);
                h.books -= n;
                serial_new += t.i64(5);
                int part = catalog::clc_part(t.text(3));
                if (part >= 1 && part <= 5) h.by_major_class[static_cast<std::size_t>(part - 1)] -= n;
                else h.unclassified -= n;
                continue;
            }
            if (cls.rfind("Z", 0) == 0 || cls.find("-61") != std::string::npos || cls.find("-62") != std::string::npos ||
                cls.rfind("G62", 0) == 0 || cls.rfind("G63", 0) == 0)
                ++h.reference_titles;
        }
    }
    h.new_books_this_year = sql::scalar(db_, "SELECT count(*) FROM items WHERE substr(acquired, 1, 4) = ? AND status <> 'withdrawn'", y, true) -
                            serial_new;
    h.weeded_this_year = sql::scalar(db_, "SELECT count(*) FROM circ_withdrawals WHERE substr(day, 1, 4) = ?", y, true);
    h.loans_this_year = sql::scalar(db_, "SELECT count(*) FROM circ_loans WHERE substr(out_date, 1, 4) = ?", y, true);
    h.synthetic = sql::scalar(db_, "SELECT count(*) FROM records WHERE control_number LIKE 'SXDEMO%'") > 0;
    return h;
}

}  // namespace shuxiang::circulation
