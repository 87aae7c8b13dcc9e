// Reading statistics and the holdings summary (the compliance report's and the demand model's inputs).
#include <algorithm>

#include "../internal.hpp"
#include "shuxiang/catalog/clc.hpp"
#include "shuxiang/circulation/services.hpp"

namespace shuxiang::circulation {

namespace {

double per(long long a, long long b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0; }

ReadingStats::DemandRow demand_row(UnitOfWork& u, const DemandFacts& d, const std::string& today, int target_wait_days,
                                   long long max_copies, int lead_days) {
    ReadingStats::DemandRow row{d.record_id, d.title, static_cast<long long>(d.waiting_patrons.size()), 0, 0, 0, lead_days, -1, -1};
    long long days = 0, readers = 0;
    for (auto& id : d.waiting_patrons)
        if (auto p = u.find_patron(id)) {
            days += policy_in(u, *p).loan_days;
            ++readers;
        }
    row.loan_days = readers ? static_cast<int>((days + readers - 1) / readers) : 0;
    // When each lendable copy is next free: the days left on its loan (a whole loan period when no
    // day is given), a loan period for a copy kept for a reader, else at once.
    std::vector<long long> ready_in;
    for (auto& c : d.copies) {
        if (c.on_loan)
            ready_in.push_back(today.empty() || c.due_date.empty() ? row.loan_days : std::max(0, days_between(today, c.due_date)));
        else
            ready_in.push_back(c.kept_for_hold ? row.loan_days : 0);
    }
    row.copies = static_cast<long long>(ready_in.size());
    row.wait_days = last_reader_wait_days(ready_in, row.waiting, row.loan_days);
    row.suggested_extra = suggested_extra_copies(ready_in, row.waiting, row.loan_days, target_wait_days, max_copies, lead_days);
    ready_in.insert(ready_in.end(), static_cast<std::size_t>(row.suggested_extra), lead_days);
    row.wait_after_days = last_reader_wait_days(ready_in, row.waiting, row.loan_days);
    return row;
}

}  // namespace

ReadingStats StatsService::reading_stats(int year, int target_wait_days, const std::string& today) {
    auto u = repo_.read();
    ReadingFacts f = u->reading_facts(year);
    ReadingStats st;
    st.year = year;
    st.target_wait_days = target_wait_days;
    for (int g : f.active_student_grades) {
        ++st.students;
        ++st.students_by_stage[to_string(stage_of_grade(g))];
    }
    st.collection = u->catalog().stats();
    st.held_items = st.collection.total_items;
    st.holdings_per_student = per(st.held_items, st.students);
    if (st.students > 0) {
        // Items meant for a stage plus the shared ones split in proportion to enrolment.
        const double shared = static_cast<double>(f.items_by_audience_stage[""]);
        for (auto& [stage, n] : st.students_by_stage) {
            if (n == 0 || stage.empty()) continue;
            double items = static_cast<double>(f.items_by_audience_stage[stage]) + shared * per(n, st.students);
            st.holdings_per_student_by_stage[stage] = items / static_cast<double>(n);
        }
    }
    st.new_items_this_year = f.new_items;
    st.new_per_student = per(f.new_items, st.students);
    st.loans_this_year = f.loans;
    st.loans_per_student = per(f.loans, st.students);
    for (auto& [top, n] : f.loans_by_clc_top) {
        int part = catalog::clc_part(top);
        if (part >= 1 && part <= 5) st.loans_by_major_class[static_cast<std::size_t>(part - 1)] += n;
    }
    for (auto& [month, n] : f.loans_by_month)
        if (month >= 1 && month <= 12) st.loans_by_month[static_cast<std::size_t>(month - 1)] = n;
    for (auto& c : f.classes)
        st.class_ranking.push_back({class_key(c.grade, c.class_no), c.students, c.loans, per(c.loans, c.students)});
    std::sort(st.class_ranking.begin(), st.class_ranking.end(), [](auto& a, auto& b) {
        if (a.loans_per_student != b.loans_per_student) return a.loans_per_student > b.loans_per_student;
        return a.class_key < b.class_key;
    });
    st.top_titles = f.top_titles;
    st.ratings = f.ratings;
    const auto max_copies = static_cast<long long>(setting_in(*u, "acq.max_copies"));
    const int lead_days = static_cast<int>(setting_in(*u, "acq.lead_days"));
    for (auto& d : u->demand_facts()) st.demand.push_back(demand_row(*u, d, today, target_wait_days, max_copies, lead_days));
    return st;
}

standards::HoldingsSummary StatsService::holdings_summary(int year) {
    auto u = repo_.read();
    standards::HoldingsSummary h;
    h.year = year;
    long long serial_new = 0;  // periodical volumes received this year: not new books
    for (auto& r : u->holding_facts(year)) {
        int part = catalog::clc_part(r.clc_top);
        if (r.local) h.local_collection += r.items;
        if (r.serial) {
            // A periodical counts as a title (种), and its volumes are not books (册).
            ++h.periodical_titles;
            serial_new += r.new_items;
            continue;
        }
        h.books += r.items;
        if (part >= 1 && part <= 5) h.by_major_class[static_cast<std::size_t>(part - 1)] += r.items;
        else h.unclassified += r.items;
        // Reference works and teaching references: 综合性图书 (Z), the form subdivisions -61
        // (词典、百科全书) and -62 (手册、名录), and G62/G63 (教学参考书).
        const std::string& cls = r.clc_class;
        if (cls.rfind("Z", 0) == 0 || cls.find("-61") != std::string::npos || cls.find("-62") != std::string::npos ||
            cls.rfind("G62", 0) == 0 || cls.rfind("G63", 0) == 0)
            ++h.reference_titles;
    }
    h.new_books_this_year = u->new_items_in_year(year) - serial_new;
    for (int y = year - 4; y < year; ++y) {
        long long serial = 0;
        for (const auto& r : u->holding_facts(y))
            if (r.serial) serial += r.new_items;
        h.new_books_by_year.emplace_back(y, u->new_items_in_year(y) - serial);
    }
    h.new_books_by_year.emplace_back(year, h.new_books_this_year);
    h.weeded_this_year = u->withdrawn_in_year(year);
    h.loans_this_year = u->loans_in_year(year);
    h.synthetic = u->synthetic_collection();
    return h;
}

}  // namespace shuxiang::circulation
