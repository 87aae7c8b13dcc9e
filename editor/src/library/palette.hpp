#pragma once
// Colours of the library views: a fixed palette for the 22 basic classes of 中图法 (CLC), and heat
// colours for how full a section is.
#include <string>
#include <string_view>

#include <glm/glm.hpp>

namespace shuxiang::editor::library {

inline constexpr int kClassCount = 22;
// The 22 class letters in table order (A B C D E F G H I J K N O P Q R S T U V X Z).
inline constexpr std::string_view kClassLetters = "ABCDEFGHIJKNOPQRSTUVXZ";

// 0..21 for a call number or class starting with one of the 22 letters ("I247.5/1" -> 8), else -1.
int class_index(std::string_view call_number);
// The fixed colour of class `index` (0..21); a grey for -1 (no class).
glm::vec3 class_color(int index);
// Heat colour of a fill fraction: blue (empty) - green - yellow - red (full and over), clamped to 0..1.
glm::vec3 fill_color(double fill);

}  // namespace shuxiang::editor::library
