#include "ui/palette.hpp"

#include <epoxy/gl.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <map>
#include <memory>
#include <sstream>

#include "ui/dock.hpp"
#include "ui/ui_context.hpp"
#include "render/renderer.hpp"
#include "render/screenshot.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"
#include "shuxiang/util/paths.hpp"

namespace shuxiang::editor {
namespace {

constexpr int kThumb = 96;  // thumbnail size, px

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Renders furniture types one at a time into an offscreen framebuffer and keeps each as a texture.
class Thumbnails {
public:
    ~Thumbnails() {
        for (auto& [id, tex] : textures_) glDeleteTextures(1, &tex);
        if (fbo_) {
            glDeleteFramebuffers(1, &fbo_);
            glDeleteRenderbuffers(1, &depth_);
        }
    }

    // The texture of a type, rendering it first if needed (at most `budget` renders a frame).
    GLuint get(UiContext& ui, const plan::FurnitureType& t, int* budget) {
        if (auto it = textures_.find(t.id); it != textures_.end()) return it->second;
        if (budget && *budget <= 0) return 0;
        if (budget) --*budget;
        return render(ui, t);
    }

    bool save(UiContext& ui, const plan::FurnitureType& t, const std::filesystem::path& png) {
        GLuint tex = get(ui, t, nullptr);
        if (!tex) return false;
        glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0);
        // Read from the framebuffer object itself (read_back_buffer() reads the window's back buffer).
        Image img;
        img.width = img.height = kThumb;
        std::vector<unsigned char> raw(static_cast<std::size_t>(kThumb * kThumb * 3));
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadPixels(0, 0, kThumb, kThumb, GL_RGB, GL_UNSIGNED_BYTE, raw.data());
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        const std::size_t row = static_cast<std::size_t>(kThumb) * 3;
        for (int y = kThumb - 1; y >= 0; --y)
            img.rgb.insert(img.rgb.end(), raw.begin() + static_cast<std::ptrdiff_t>(row * static_cast<std::size_t>(y)),
                           raw.begin() + static_cast<std::ptrdiff_t>(row * static_cast<std::size_t>(y + 1)));
        write_png(png, img);
        return true;
    }

    int rendered = 0;

private:
    GLuint render(UiContext& ui, const plan::FurnitureType& t) {
        Editor& ed = ui.ed;
        if (!renderer_) {
            renderer_ = std::make_unique<Renderer>();
            renderer_->init(shader_dir());
            renderer_->set_shading(Shading::Plain);  // icons: the plain colours, one cheap pass each
            glGenFramebuffers(1, &fbo_);
            glGenRenderbuffers(1, &depth_);
            glBindRenderbuffer(GL_RENDERBUFFER, depth_);
            glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, kThumb, kThumb);
        }
        if (const auto* m = ed.models().find(t.id); m && !renderer_->has_mesh(t.id)) renderer_->set_mesh(t.id, m->vertices);
        plan::Level level;
        plan::Furniture f;
        f.id = "thumb";
        f.type = t.id;
        level.furniture.push_back(f);
        SceneData scene = build_scene(level, ed.catalog());
        scene.grid_lines.clear();
        renderer_->upload(scene);
        Camera cam;
        cam.yaw_deg = -55.f;
        cam.pitch_deg = 30.f;
        cam.frame(scene.bounds.min, scene.bounds.max, 1.f);
        cam.distance *= 1.15f;  // the frame's fit is tuned for flat plans; one item needs a margin

        GLuint tex = 0;
        glGenTextures(1, &tex);
        glBindTexture(GL_TEXTURE_2D, tex);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, kThumb, kThumb, 0, GL_RGB, GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        GLint prev_fbo = 0;
        glGetIntegerv(GL_FRAMEBUFFER_BINDING, &prev_fbo);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depth_);
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE)
            renderer_->draw(cam, Viewport{0, 0, kThumb, kThumb}, false);
        glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(prev_fbo));
        textures_[t.id] = tex;
        ++rendered;
        return tex;
    }

    std::unique_ptr<Renderer> renderer_;
    GLuint fbo_ = 0, depth_ = 0;
    std::map<std::string, GLuint> textures_;
};

Thumbnails& thumbnails() {
    // Never destroyed: at exit the GL context is already gone, and its objects go with the process.
    static Thumbnails* t = new Thumbnails;
    return *t;
}

std::string drag_type;

}  // namespace

std::vector<const plan::FurnitureType*> palette_filter(const plan::FurnitureCatalog& catalog, const std::string& query) {
    std::vector<std::string> words;
    std::istringstream in(lower(query));
    for (std::string w; in >> w;) words.push_back(w);
    std::vector<const plan::FurnitureType*> out;
    for (const auto& t : catalog.types()) {
        const std::string key = plan::display_key(t.category);
        const std::string hay = lower(t.id + " " + t.name_zh + " " + t.name_en + " " + plan::to_string(t.category) + " " +
                                      tr_in(Language::ZhCN, key) + " " + tr_in(Language::En, key));
        if (std::all_of(words.begin(), words.end(), [&](const std::string& w) { return hay.find(w) != std::string::npos; }))
            out.push_back(&t);
    }
    return out;
}

std::string& palette_search() {
    static std::string s;
    return s;
}

ActionResult drop_from_palette(UiContext& ui, const std::string& type, glm::vec2 p01) {
    Editor& ed = ui.ed;
    glm::vec3 hit(0.f);
    if (!intersect_plane_z(ed.camera().ray(p01, ui.aspect()), 0.f, hit))
        return ActionResult::fail(tr("editor.err.drop_off_floor"));
    return ed.add_furniture(type, std::round(hit.x * 10) / 10, std::round(hit.y * 10) / 10, 0);
}

bool save_thumbnail(UiContext& ui, const std::string& type, const std::filesystem::path& png) {
    const plan::FurnitureType* t = ui.ed.catalog().find(type);
    if (!t) return false;
    return thumbnails().save(ui, *t, png);
}

int thumbnails_rendered() { return thumbnails().rendered; }

void draw_palette(UiContext& ui) {
    Editor& ed = ui.ed;
    begin_docked(ui, Panel::Palette, tr("editor.panel.palette") + "###editor.panel.palette");
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##search", tr("editor.palette.search").c_str(), &palette_search());
    ImGui::BeginChild("types");
    // Thumbnails render once each; a few a frame so that opening the palette stays smooth.
    int budget = 4;
    const float icon = 48.f;
    for (const plan::FurnitureType* t : palette_filter(ed.catalog(), palette_search())) {
        ImGui::PushID(t->id.c_str());
        const GLuint tex = thumbnails().get(ui, *t, &budget);
        const ImVec2 start = ImGui::GetCursorPos();
        ImGui::Selectable("##item", false, 0, {0, icon});
        const bool hovered = ImGui::IsItemHovered();
        const bool active = ImGui::IsItemActive();
        ImGui::SetCursorPos(start);
        if (tex)
            ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(tex)), {icon, icon}, {0, 1}, {1, 0});
        else
            ImGui::Dummy({icon, icon});
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::TextUnformatted((language() == Language::ZhCN ? t->name_zh : t->name_en).c_str());
        ImGui::TextDisabled("%.2f×%.2f×%.2f m", t->width, t->depth, t->height);
        ImGui::EndGroup();
        if (hovered) ImGui::SetTooltip("%s\n%s", t->id.c_str(), tr(plan::display_key(t->category)).c_str());
        // Double-click places the item at the view's centre; dragging drops it where released.
        if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
            const glm::vec3 c = ed.camera().target;
            auto r = ed.add_furniture(t->id, std::round(c.x * 10) / 10, std::round(c.y * 10) / 10, 0);
            if (!r.ok) ed.log(LogLine::Level::Warning, r.message);
        }
        if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) drag_type = t->id;
        ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::End();
    if (!drag_type.empty() && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        const Layout& L = ui.layout;
        const ImVec2 m = ImGui::GetIO().MousePos;
        if (m.x >= L.vx && m.x < L.vx + L.vw && m.y >= L.vy && m.y < L.vy + L.vh) {
            auto r = drop_from_palette(ui, drag_type, {(m.x - L.vx) / L.vw, (m.y - L.vy) / L.vh});
            if (!r.ok) ed.log(LogLine::Level::Warning, r.message);
        }
        drag_type.clear();
    }
}

}  // namespace shuxiang::editor
