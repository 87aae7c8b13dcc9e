#pragma once
// Printable HTML for range end-panel signs (A4, one range per page) and shelf labels (an A4 sheet of
// 3 × 8 labels, 70 × 37 mm), from a stored assignment.
#include <filesystem>
#include <string>
#include <vector>

#include "shuxiang/shelving/assign.hpp"

namespace shuxiang::shelving {

// One face of a range as its end-panel sign shows it.
struct SignFace {
    int face = 1;
    std::string first_call;  // "" when the face is empty
    std::string last_call;
    std::vector<std::string> classes;  // "I 文学" ... in table order, from the first to the last class
};

struct RangeSign {
    std::string furniture_id;
    std::string label;
    std::string room;
    std::vector<SignFace> faces;
};

// The signs of every range in reading order (ranges holding no books and new-books displays are left out).
std::vector<RangeSign> range_signs(const Assignment& a);

// The 中图法 classes a call-number span covers: every basic class from the first's to the last's,
// with the T subclass named where one end is in T ("TP 自动化技术、计算机技术").
std::vector<std::string> classes_between(const std::string& first_call, const std::string& last_call);

std::string signs_html(const std::vector<RangeSign>& signs, const std::string& school);
std::string labels_html(const Assignment& a, const std::string& school);

// Writes signs-a4.html and labels-a4.html into `dir` (created if needed); returns the paths.
std::vector<std::filesystem::path> write_signs(const Assignment& a, const std::string& school,
                                               const std::filesystem::path& dir);

}  // namespace shuxiang::shelving
