#pragma once
// A primary school as the district and review tests see it: a one-room plan (阅览室, 10 × 8 m, no
// walls) and a holdings summary in the standard's shares.
#include <string>

#include "shuxiang/plan/model.hpp"
#include "shuxiang/standards/holdings.hpp"

namespace shuxiang::test {

inline plan::Plan primary_plan(const std::string& name, int students) {
    plan::Plan p;
    p.school.name = name;
    p.school.type = plan::SchoolType::Primary;
    p.school.students = {students, 0, 0};
    p.school.teachers = 30;
    p.school.region = "测试县";
    plan::Level l;
    l.id = "L1";
    l.name = "一层";
    plan::Room r;
    r.id = "reading";
    r.name = "阅览室";
    r.kind = plan::RoomKind::Reading;
    r.polygon = {{0, 0}, {10, 0}, {10, 8}, {0, 8}};
    l.rooms.push_back(r);
    p.levels.push_back(l);
    return p;
}

// Holdings of a primary school of `students` with `books` in the standard shares and enough
// periodicals, reference works and new books.
inline standards::HoldingsSummary standard_holdings(int students, long long books, int year) {
    standards::HoldingsSummary h;
    h.year = year;
    h.books = books;
    h.by_major_class = {books * 15 / 1000, books * 15 / 1000, books * 640 / 1000, books * 280 / 1000, 0};
    h.by_major_class[4] = books - h.by_major_class[0] - h.by_major_class[1] - h.by_major_class[2] - h.by_major_class[3];
    h.periodical_titles = 60;
    h.reference_titles = 120;
    h.new_books_this_year = students;
    return h;
}

}  // namespace shuxiang::test
