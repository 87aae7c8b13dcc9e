#include "ui/fonts.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/paths.hpp"

namespace shuxiang::editor {
namespace {
constexpr const char* kCjkFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
constexpr int kSimplifiedChineseFace = 2;  // the collection holds JP, KR, SC, TC, HK faces in this order
}  // namespace

std::string all_translation_text() {
    std::string text;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(asset_dir() / "i18n", ec)) {
        if (e.path().extension() != ".json") continue;
        try {
            auto j = nlohmann::json::parse(read_file(e.path()));
            for (auto& [k, v] : j.items())
                for (auto& [lang, s] : v.items())
                    if (s.is_string()) text += s.get<std::string>();
        } catch (...) {
            // A bad translation file is reported by the i18n loader; the font just lacks its glyphs.
        }
    }
    return text;
}

bool load_ui_font(const std::string& extra, float size_px) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    if (!std::filesystem::exists(kCjkFont)) {
        io.Fonts->AddFontDefault();
        return false;
    }
    ImFontGlyphRangesBuilder b;
    b.AddRanges(io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
    b.AddText(all_translation_text().c_str());
    b.AddText(extra.c_str());
    b.AddText("²×°±…—·");
    static ImVector<ImWchar> ranges;  // must outlive the atlas build
    ranges.clear();
    b.BuildRanges(&ranges);
    ImFontConfig cfg;
    cfg.FontNo = kSimplifiedChineseFace;
    cfg.OversampleH = 1;  // CJK glyphs are dense; 1× keeps the atlas near 2048²
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    if (!io.Fonts->AddFontFromFileTTF(kCjkFont, size_px, &cfg, ranges.Data)) {
        io.Fonts->AddFontDefault();
        return false;
    }
    io.Fonts->Build();
    return true;
}

int missing_glyphs(const ImFont* font, const std::string& text) {
    int missing = 0;
    const char* s = text.c_str();
    const char* end = s + text.size();
    while (s < end) {
        unsigned int c = 0;
        int n = ImTextCharFromUtf8(&c, s, end);
        if (n <= 0) break;
        s += n;
        if (c < 0x20) continue;
        if (!font->FindGlyphNoFallback(static_cast<ImWchar>(c))) ++missing;
    }
    return missing;
}

}  // namespace shuxiang::editor
