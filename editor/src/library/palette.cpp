#include "library/palette.hpp"

#include <algorithm>

namespace shuxiang::editor::library {

int class_index(std::string_view call_number) {
    if (call_number.empty()) return -1;
    const auto at = kClassLetters.find(call_number.front());
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

glm::vec3 class_color(int index) {
    // Hand-picked so that neighbours in shelf order differ clearly; 0..255 sRGB written as fractions.
    static const glm::vec3 colors[kClassCount] = {
        {0.80f, 0.10f, 0.10f},  // A  马列毛邓
        {0.55f, 0.35f, 0.75f},  // B  哲学、宗教
        {0.95f, 0.60f, 0.10f},  // C  社会科学总论
        {0.70f, 0.20f, 0.40f},  // D  政治、法律
        {0.30f, 0.40f, 0.20f},  // E  军事
        {0.95f, 0.85f, 0.20f},  // F  经济
        {0.10f, 0.60f, 0.55f},  // G  文化、科学、教育、体育
        {0.45f, 0.70f, 0.95f},  // H  语言、文字
        {0.90f, 0.30f, 0.60f},  // I  文学
        {0.60f, 0.85f, 0.30f},  // J  艺术
        {0.60f, 0.40f, 0.20f},  // K  历史、地理
        {0.20f, 0.30f, 0.75f},  // N  自然科学总论
        {0.00f, 0.75f, 0.85f},  // O  数理科学和化学
        {0.35f, 0.20f, 0.55f},  // P  天文学、地球科学
        {0.15f, 0.70f, 0.20f},  // Q  生物科学
        {0.95f, 0.45f, 0.40f},  // R  医药、卫生
        {0.55f, 0.60f, 0.10f},  // S  农业科学
        {0.25f, 0.50f, 0.95f},  // T  工业技术
        {0.50f, 0.50f, 0.55f},  // U  交通运输
        {0.85f, 0.85f, 0.95f},  // V  航空、航天
        {0.40f, 0.80f, 0.60f},  // X  环境科学、安全科学
        {0.98f, 0.75f, 0.55f},  // Z  综合性图书
    };
    if (index < 0 || index >= kClassCount) return {0.55f, 0.55f, 0.55f};
    return colors[index];
}

glm::vec3 fill_color(double fill) {
    const float f = static_cast<float>(std::clamp(fill, 0.0, 1.0));
    static const glm::vec3 stops[] = {{0.15f, 0.30f, 0.85f}, {0.15f, 0.75f, 0.30f}, {0.95f, 0.85f, 0.15f}, {0.90f, 0.15f, 0.10f}};
    const float x = f * 3.f;
    const int i = std::min(2, static_cast<int>(x));
    return glm::mix(stops[i], stops[i + 1], x - static_cast<float>(i));
}

}  // namespace shuxiang::editor::library
