#include "app/app.hpp"

#include <epoxy/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <chrono>
#include <iostream>

#include "library/library_ui.hpp"
#include "render/camera_spec.hpp"
#include "render/photo.hpp"
#include "render/screenshot.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "script/script.hpp"
#include "tools/draw_ui.hpp"
#include "simview/sim_view.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"
#include "shuxiang/util/paths.hpp"
#include "ui/fonts.hpp"
#include "ui/panels.hpp"

namespace shuxiang::editor {
namespace {

std::string plan_text(const plan::Plan& p) {
    std::string s = p.school.name + p.notes;
    for (const auto& l : p.levels) {
        s += l.name;
        for (const auto& r : l.rooms) s += r.name;
        for (const auto& f : l.furniture) s += f.label;
    }
    return s;
}

constexpr float kFontSize = 17.f;

}  // namespace

App::App(Options opt) : opt_(std::move(opt)), sim_(std::make_unique<simview::SimView>()) {}

App::~App() {
    if (window_) {
        renderer_.reset();
        sim_.reset();
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
        glfwDestroyWindow(window_);
        glfwTerminate();
    }
}

void App::init_window() {
    if (!glfwInit()) throw InputError("<display>", "", tr("editor.error.no_glfw"));
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_SAMPLES, 0);
    window_ = glfwCreateWindow(opt_.width, opt_.height, "书香 Shuxiang", nullptr, nullptr);
    if (!window_) {
        glfwTerminate();
        throw InputError("<display>", "", tr("editor.error.no_gl_window"));
    }
    glfwMakeContextCurrent(window_);
    watch_events(window_, redraw_);  // before ImGui's callbacks, which chain to these
    glfwSwapInterval(opt_.frames >= 0 || !opt_.script.empty() || !opt_.screenshot.empty() ? 0 : 1);
}

void App::init_imgui() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is fixed; nothing to remember
    ImGui::StyleColorsDark();
    ImGuiStyle& st = ImGui::GetStyle();
    st.WindowRounding = 0;
    st.WindowBorderSize = 1;
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    ImGui_ImplOpenGL3_Init("#version 330");
    font_text_ = plan_text(editor_.plan());
    if (!load_ui_font(font_text_, kFontSize))
        editor_.log(LogLine::Level::Warning, tr("editor.log.no_cjk_font"));
    missing_glyphs_ = editor::missing_glyphs(io.Fonts->Fonts[0], all_translation_text());
}

void App::set_language(const std::string& code) {
    shuxiang::set_language(parse_language(code));
}

void App::request_screenshot(std::filesystem::path path, bool viewport_only) {
    pending_shot_ = Shot{std::move(path), viewport_only};
    shot_delay_ = 1;
}

void App::compute_layout() {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    Layout& L = layout_;
    L.menu_h = ImGui::GetFrameHeight();
    const float W = static_cast<float>(w), H = static_cast<float>(h);
    // Narrow windows shrink the side columns before the viewport vanishes.
    const float side = std::min(1.f, W / 1200.f);
    L.left_w = 270.f * side;
    L.right_w = 320.f * side;
    L.vx = L.left_w;
    L.vy = L.menu_h + L.toolbar_h;
    L.vw = std::max(1.f, W - L.left_w - L.right_w);
    L.vh = std::max(1.f, H - L.vy - L.status_h - L.log_h);
}

void App::sync_scene() {
    const SceneData* scene = &editor_.scene();
    SceneData preview;
    if (manip_.build_preview(editor_, preview)) {
        // The drag previews on a copy; the document changes once, on release.
        scene = &preview;
        renderer_->upload(preview);
        drag_dirty_ = true;
    } else if (uploaded_scene_ != editor_.scene_version() || drag_dirty_) {
        for (const auto& [id, m] : editor_.models().all())
            if (!renderer_->has_mesh(id)) renderer_->set_mesh(id, m->vertices);
        renderer_->upload(*scene);
        picker_.rebuild(scene->furniture);
        uploaded_scene_ = editor_.scene_version();
        drag_dirty_ = false;
        uploaded_selection_.clear();
        uploaded_selection_.push_back("\x01");  // force the outline refresh below
    }
    // The selection outline (boxes of selected furniture, outlines of selected rooms).
    std::vector<FurnitureBox> boxes;
    for (const auto& b : scene->furniture)
        if (editor_.is_selected(b.id)) boxes.push_back(b);
    std::vector<std::vector<plan::Vec2>> outlines;
    if (const plan::Level* l = editor_.level())
        for (const auto& r : l->rooms)
            if (editor_.is_selected(r.id)) outlines.push_back(r.polygon);
    renderer_->set_selection(boxes, outlines);
    renderer_->set_overlay(library_overlay(editor_, glfwGetTime()));
}

void App::handle_input() {
    ImGuiIO& io = ImGui::GetIO();
    const Layout& L = layout_;
    Camera& cam = editor_.camera();
    const ImVec2 m = io.MousePos;
    const bool over_view = m.x >= L.vx && m.x < L.vx + L.vw && m.y >= L.vy && m.y < L.vy + L.vh;
    const glm::vec2 p01((m.x - L.vx) / L.vw, (m.y - L.vy) / L.vh);
    cursor_floor_.reset();
    if (over_view) {
        glm::vec3 hit(0.f);
        if (intersect_plane_z(cam.ray(p01, aspect()), 0.f, hit)) cursor_floor_ = hit;
    }
    const bool tool_mouse = draw_tool_mouse(*this, p01, over_view);
    const Mods mods{io.KeyShift, io.KeyCtrl};
    if (!io.WantCaptureMouse && over_view) {
        if (!tool_mouse && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) manip_.press(*this, p01, mods);
        if (io.MouseWheel != 0) cam.zoom_at(p01, aspect(), io.MouseWheel > 0 ? 0.85f : 1.f / 0.85f);
    }
    if (manip_.busy()) {
        // Gizmo drags, item drags and boxes follow the pointer outside the viewport too.
        if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            manip_.motion(*this, p01, mods);
        } else {
            manip_.release(*this, p01, mods);
            drag_dirty_ = true;
        }
    }
    // Right drag orbits (3D), looks around (walk) or pans (top); middle drag pans.
    if (!io.WantCaptureMouse || ImGui::IsMouseDragging(ImGuiMouseButton_Right) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle)) {
        const glm::vec2 d(io.MouseDelta.x / L.vw, io.MouseDelta.y / L.vh);
        if (over_view && ImGui::IsMouseDown(ImGuiMouseButton_Right) && (d.x != 0 || d.y != 0)) {
            if (cam.mode == ViewMode::Top)
                cam.pan(d, aspect());
            else if (cam.mode == ViewMode::Walk)
                cam.orbit(-d.x * 120.f, -d.y * 80.f);
            else
                cam.orbit(-d.x * 240.f, d.y * 120.f);
        }
        if (over_view && ImGui::IsMouseDown(ImGuiMouseButton_Middle) && (d.x != 0 || d.y != 0)) cam.pan(d, aspect());
    }
    if (io.WantCaptureKeyboard) return;
    if (draw_tool_keys(*this)) return;
    manip_.keys(*this);
    auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
    auto report = [&](const ActionResult& r) {
        if (!r.ok) editor_.log(LogLine::Level::Warning, r.message);
    };
    if (io.KeyCtrl) {
        if (pressed(GLFW_KEY_Z)) report(io.KeyShift ? editor_.redo() : editor_.undo());
        if (pressed(GLFW_KEY_Y)) report(editor_.redo());
        if (pressed(GLFW_KEY_D)) report(editor_.duplicate_selection());
        if (pressed(GLFW_KEY_A)) editor_.select_all();
        if (pressed(GLFW_KEY_S)) {
            if (editor_.path().empty()) save_prompt = true;
            else report(editor_.save());
        }
        if (pressed(GLFW_KEY_O)) open_prompt = true;
        return;
    }
    if (pressed(GLFW_KEY_DELETE) || pressed(GLFW_KEY_BACKSPACE)) report(editor_.delete_selection());
    if (pressed(GLFW_KEY_F)) editor_.frame_selection(aspect());
    if (pressed(GLFW_KEY_HOME)) editor_.frame_all(aspect());
    if (pressed(GLFW_KEY_1)) editor_.set_view(ViewMode::Orbit3D, aspect());
    if (pressed(GLFW_KEY_2)) editor_.set_view(ViewMode::Top, aspect());
    if (pressed(GLFW_KEY_3)) editor_.set_view(ViewMode::Walk, aspect());
    if (pressed(GLFW_KEY_R)) report(editor_.rotate_selection(io.KeyShift ? -15.0 : 15.0));
    if (cam.mode == ViewMode::Walk) {
        const float step = 3.f * io.DeltaTime;
        if (ImGui::IsKeyDown(GLFW_KEY_W)) cam.walk(step, 0);
        if (ImGui::IsKeyDown(GLFW_KEY_S)) cam.walk(-step, 0);
        if (ImGui::IsKeyDown(GLFW_KEY_A)) cam.walk(0, -step);
        if (ImGui::IsKeyDown(GLFW_KEY_D)) cam.walk(0, step);
    }
}

bool App::animating() const {
    const ImGuiIO& io = ImGui::GetIO();
    bool held = false;
    for (bool down : io.MouseDown) held = held || down;
    for (bool down : io.KeysDown) held = held || down;
    return held || sim_->playing || sim_->running() || editor_.library.found().has_value() || manip_.busy() ||
           pending_shot_.has_value();
}

std::string App::click(glm::vec2 p01, bool additive) {
    const Ray ray = editor_.camera().ray(p01, aspect());
    if (auto id = picker_.pick(ray, 5000.f)) {
        if (additive) {
            if (editor_.is_selected(*id)) {
                std::vector<std::string> keep;
                for (const auto& s : editor_.selection())
                    if (s != *id) keep.push_back(s);
                editor_.select(keep);
                return {};
            }
            editor_.select({*id}, true);
        } else if (!editor_.is_selected(*id)) {
            editor_.select({*id});
        }
        // Clicking an item of a multi-selection keeps the group, so that dragging moves them all.
        return *id;
    }
    glm::vec3 floor(0.f);
    const plan::Room* room = nullptr;
    if (intersect_plane_z(ray, 0.f, floor) && editor_.level()) {
        // Walls and their openings before the room they bound.
        if (auto id = pick_wall_or_opening(*editor_.level(), {floor.x, floor.y}); !id.empty()) {
            editor_.select({id}, additive);
            return id;
        }
        room = plan::room_at(*editor_.level(), {floor.x, floor.y});
    }
    if (room) {
        editor_.select({room->id}, additive);
        return room->id;
    }
    if (!additive) editor_.select_none();
    return {};
}

void App::refresh_font() {
    // Names typed by users or read from a plan may use characters outside the common set; the atlas is
    // rebuilt (between frames) when the document has text the font cannot show.
    if (font_checked_version_ == editor_.history().version() && font_checked_serial_ == editor_.document_serial()) return;
    font_checked_version_ = editor_.history().version();
    font_checked_serial_ = editor_.document_serial();
    const std::string text = plan_text(editor_.plan());
    ImGuiIO& io = ImGui::GetIO();
    if (io.Fonts->Fonts.empty() || editor::missing_glyphs(io.Fonts->Fonts[0], text) == 0) return;
    font_text_ += text;
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    load_ui_font(font_text_, kFontSize);
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

void App::render_frame() {
    const auto t0 = std::chrono::steady_clock::now();
    refresh_font();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    compute_layout();
    handle_input();
    sync_scene();
    sim_->update(*this, ImGui::GetIO().DeltaTime);
    draw_ui(*this);
    manip_.draw(*this);
    sim_->draw_ui(*this);

    int fbw = 0, fbh = 0;
    glfwGetFramebufferSize(window_, &fbw, &fbh);
    glViewport(0, 0, fbw, fbh);
    glClearColor(0.12f, 0.12f, 0.13f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    const Layout& L = layout_;
    Viewport vp{static_cast<int>(L.vx), static_cast<int>(static_cast<float>(fbh) - L.vy - L.vh),
                static_cast<int>(L.vw), static_cast<int>(L.vh)};
    renderer_->set_lod(editor_.spine_lod);
    stats_ = renderer_->draw(editor_.camera(), vp, editor_.show_grid);
    const DrawStats sim_stats = sim_->draw(editor_.camera(), vp);
    stats_.draw_calls += sim_stats.draw_calls;
    stats_.instances += sim_stats.instances;
    stats_.vertices += sim_stats.vertices;

    ImGui::Render();
    ImDrawData* dd = ImGui::GetDrawData();
    imgui_draw_calls_ = 0;
    for (int i = 0; i < dd->CmdListsCount; ++i) imgui_draw_calls_ += dd->CmdLists[i]->CmdBuffer.Size;
    glViewport(0, 0, fbw, fbh);
    ImGui_ImplOpenGL3_RenderDrawData(dd);
    glFinish();
    frame_ms_ = std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() - t0).count();
    capture_if_requested();
    glfwSwapBuffers(window_);
}

void App::capture_if_requested() {
    if (!pending_shot_) return;
    if (shot_delay_ > 0) {
        --shot_delay_;
        return;
    }
    int fbw = 0, fbh = 0;
    glfwGetFramebufferSize(window_, &fbw, &fbh);
    Image img = pending_shot_->viewport_only
                    ? read_back_buffer(static_cast<int>(layout_.vx),
                                       static_cast<int>(static_cast<float>(fbh) - layout_.vy - layout_.vh),
                                       static_cast<int>(layout_.vw), static_cast<int>(layout_.vh))
                    : read_back_buffer(0, 0, fbw, fbh);
    try {
        write_png(pending_shot_->path, img);
        editor_.log(LogLine::Level::Info, trf("editor.log.screenshot", {pending_shot_->path.string()}));
    } catch (const InputError& e) {
        error_exit_ = format_place(e.file(), e.where(), e.message());
    }
    pending_shot_.reset();
}

int App::photo_and_exit() {
    Camera cam = editor_.camera();
    const float aspect = static_cast<float>(opt_.photo_width) / static_cast<float>(opt_.photo_height);
    if (opt_.camera.empty()) {
        editor_.frame_all(aspect);
        cam = editor_.camera();
    } else if (!apply_camera_spec(opt_.camera, cam)) {
        std::cerr << trf("editor.error.bad_camera", {opt_.camera}) << "\n";
        return 2;
    }
    sync_scene();
    const PhotoResult r = save_photo(*renderer_, cam, opt_.photo, opt_.photo_width, opt_.photo_height, false);
    if (r.error) {
        std::cerr << *r.error << "\n";
        return 2;
    }
    std::cout << r.log << "\n";
    return 0;
}

int App::run() {
    set_language(opt_.lang);
    editor_.set_recent(load_recent_files());
    editor_.on_recent_changed = save_recent_files;
    // The plan is read before any window opens so that a bad file is reported without a display.
    if (!opt_.plan.empty()) {
        auto r = editor_.open(opt_.plan);
        if (!r.ok) {
            std::cerr << r.message << "\n";
            return 2;
        }
    }
    if (!opt_.db.empty()) {
        if (auto err = editor_.library.open(opt_.db)) {
            std::cerr << *err << "\n";
            return 2;
        }
    }
    session_.offered = session_.find_recovery(editor_.path());
    if (session_.offered) editor_.log(LogLine::Level::Info, trf("editor.log.recovery_offered", {session_.offered->autosave.string()}));
    std::optional<ScriptRunner> script;
    if (!opt_.script.empty()) {
        try {
            script = ScriptRunner::load(opt_.script);
        } catch (const InputError& e) {
            std::cerr << format_place(e.file(), e.where(), e.message()) << "\n";
            return 2;
        }
    }
    const bool headless = script || opt_.frames >= 0 || !opt_.screenshot.empty() || !opt_.photo.empty();
    const int frames = opt_.frames >= 0 ? opt_.frames : 3;
    init_window();
    init_imgui();
    renderer_ = std::make_unique<Renderer>();
    renderer_->init(shader_dir());
    sim_->init(shader_dir());
    std::cout << "GL: " << reinterpret_cast<const char*>(glGetString(GL_RENDERER)) << ", "
              << reinterpret_cast<const char*>(glGetString(GL_VERSION)) << "\n";
    if (missing_glyphs_ > 0) std::cout << "font: " << missing_glyphs_ << " missing glyphs\n";

    // One frame to learn the layout, then frame the whole plan.
    render_frame();
    editor_.frame_all(aspect());
    if (!opt_.photo.empty()) return photo_and_exit();
    int frame = 1;

    bool final_shot_taken = false;
    int rc = 0;
    while (!quit_requested) {
        // Interactive: sleep until an event unless frames are due (idle CPU stays near zero).
        const double wait = headless ? 0.0 : redraw_.wait_seconds(animating());
        if (wait > 0) glfwWaitEventsTimeout(wait);
        else glfwPollEvents();
        if (glfwWindowShouldClose(window_)) {  // closing the window asks first when there are unsaved changes
            glfwSetWindowShouldClose(window_, GLFW_FALSE);
            if (auto r = session_.request(*this, {PendingAction::Kind::Quit, {}}); !r.ok) editor_.log(LogLine::Level::Warning, r.message);
            if (quit_requested) break;
        }
        session_.tick(editor_);
        if (!headless && !redraw_.should_draw(animating())) continue;
        if (script && !pending_shot_) {
            if (auto err = script->step(*this)) {
                std::cerr << *err << "\n";
                rc = 2;
                break;
            }
        }
        render_frame();
        redraw_.drawn();
        ++frame;
        frame_ms_sum_ += frame_ms_;
        ++frames_timed_;
        if (!error_exit_.empty()) {
            std::cerr << error_exit_ << "\n";
            rc = 2;
            break;
        }
        if (!headless) continue;
        const bool script_done = !script || script->done();
        if (script_done && !pending_shot_ && frame >= frames) {
            if (!opt_.screenshot.empty() && !final_shot_taken) {
                request_screenshot(opt_.screenshot, false);
                final_shot_taken = true;
                continue;
            }
            break;
        }
    }
    if (rc == 0) session_.remove_autosave(editor_);  // a clean exit leaves nothing to recover
    std::cout << "frames: " << frame << ", scene draw calls: " << stats_.draw_calls
              << ", instances: " << stats_.instances << ", imgui draw calls: " << imgui_draw_calls_
              << ", last frame: " << frame_ms_ << " ms, mean frame: "
              << (frames_timed_ ? frame_ms_sum_ / frames_timed_ : 0.0) << " ms, missing glyphs: "
              << editor::missing_glyphs(ImGui::GetIO().Fonts->Fonts[0], all_translation_text() + plan_text(editor_.plan()))
              << "\n";
    return rc;
}

}  // namespace shuxiang::editor
