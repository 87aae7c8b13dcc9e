#pragma once
// Grade-level reading programmes: one list for a whole grade, its progress by class within the
// grade (anonymous class totals) and for the grade as a whole.
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/reading/lists.hpp"

namespace shuxiang::reading {

struct GradeProgress {
    int grade = 0;
    std::string from, to;
    std::vector<ClassProgress> classes;  // each class of the grade with active students, in class order
    ClassProgress total;                 // the grade's sums (class_key: the grade's number)
};

// Progress of the list `name` in every class of `grade_text` ("三年级", "3", "初一"): for an
// operator who may see readers, like class totals. The period is [from, to], else the list's own.
Result grade_progress(ReadingService& svc, circulation::Repository& repo, const Ctx& c, std::string_view name,
                      std::string_view grade_text, const std::string& from, const std::string& to, GradeProgress& out);

}  // namespace shuxiang::reading
