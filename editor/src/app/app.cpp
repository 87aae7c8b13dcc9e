#include "app/app.hpp"

#include <epoxy/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <dlfcn.h>
#include <link.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "library/library_ui.hpp"
#include "render/camera_spec.hpp"
#include "render/photo.hpp"
#include "render/screenshot.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "script/script.hpp"
#include "tools/draw_ui.hpp"
#include "simview/sim_view.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"
#include "shuxiang/util/paths.hpp"
#include "ui/dock.hpp"
#include "ui/fonts.hpp"
#include "ui/panels.hpp"

namespace shuxiang::editor {
namespace {

// glfwTerminate unloads the GL driver (Mesa's DRI module) before LeakSanitizer looks at the heap
// at exit, so a block the driver leaks is reported with an unsymbolised stack that no suppression
// can name (llvmpipe leaks 112 bytes on a draw in the first frame; valgrind shows the stack). The
// driver loaded for our context is pinned (RTLD_NODELETE) so that its name stays on such reports
// and tests/lsan.supp can name it. The module stays mapped until the process exits, nothing more.
void pin_gl_driver() {
    std::vector<std::string> drivers;
    dl_iterate_phdr(
        [](dl_phdr_info* info, size_t, void* out) -> int {
            const std::string name = info->dlpi_name ? info->dlpi_name : "";
            if (name.find("/dri/") != std::string::npos) static_cast<std::vector<std::string>*>(out)->push_back(name);
            return 0;
        },
        &drivers);
    // The handles are never closed on purpose: each holds the pinned module.
    for (const auto& d : drivers) (void)dlopen(d.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
}

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
    pin_gl_driver();
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
    input_.on_activity = [this] { redraw_.event(); };
    input_.install(window_);  // before the backend's callbacks, which chain to these
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    ImGui_ImplOpenGL3_Init("#version 330");
    font_text_ = plan_text(editor_.plan());
    if (!load_ui_font(font_text_, kFontSize))
        editor_.log(LogLine::Level::Warning, tr("editor.log.no_cjk_font"));
    missing_glyphs_ = editor::missing_glyphs(io.Fonts->Fonts[0], all_translation_text());
}

void App::compute_layout() {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    LayoutInput in;
    in.width = static_cast<float>(w);
    in.height = static_cast<float>(h);
    in.menu_h = ImGui::GetFrameHeight();
    in.title_h = ImGui::GetFrameHeight();
    in.playback_h = sim_->heatmap ? 92.f : 64.f;
    UiContext u = ui();
    in.shown = panels_shown(u);
    in.collapsed = panels_.collapsed;
    layout_ = editor::compute_layout(in);
}

UiContext App::ui() {
    return UiContext{editor_, tools_, picker_, session_, *sim_, shell_, layout_, panels_, figures_, opt_.db, *renderer_,
                     [this] { sync_scene(); }};
}

ToolContext App::tool_context() { return {editor_, picker_, {&editor_.camera(), {layout_.vx, layout_.vy, layout_.vw, layout_.vh}}}; }

void App::sync_scene() {
    const SceneData* scene = &editor_.scene();
    SceneData preview;
    if (tools_.manip().build_preview(editor_, preview)) {
        // The drag previews on a copy; the document changes once, on release.
        scene = &preview;
        renderer_->upload(preview, true);  // shadows catch up on release
        drag_dirty_ = true;
    } else if (uploaded_scene_ != editor_.scene_version() || drag_dirty_) {
        for (const auto& [id, m] : editor_.models().all())
            if (!renderer_->has_mesh(id)) renderer_->set_mesh(id, m->vertices);
        renderer_->upload(*scene);
        uploaded_scene_ = editor_.scene_version();
        drag_dirty_ = false;
    }
    picker_.sync(editor_);
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
    FrameInput in;
    in.events = input_.drain();
    in.mouse_px = {io.MousePos.x, io.MousePos.y};
    in.dt = io.DeltaTime;
    in.ui_mouse = io.WantCaptureMouse;
    in.ui_keyboard = io.WantCaptureKeyboard;
    in.keys_held = input_.keys_held();
    in.mods = input_.mods();
    ToolContext ctx = tool_context();
    figures_.cursor_floor.reset();
    if (ctx.view.contains(in.mouse_px))
        if (auto f = ctx.view.floor_at(ctx.view.to_01(in.mouse_px))) figures_.cursor_floor = glm::vec3(f->x, f->y, 0.f);
    for (const InputEvent& e : in.events) {
        const bool was_busy = tools_.manip().busy();
        if (!tools_.route(ctx, e, in.ui_mouse, in.ui_keyboard) && e.type == InputEvent::Type::Key && !in.ui_keyboard)
            shortcut(e);
        if (was_busy && !tools_.manip().busy()) drag_dirty_ = true;
    }
    tools_.update(ctx, in);
}

void App::shortcut(const InputEvent& e) {
    if (e.repeat) return;
    auto report = [&](const ActionResult& r) {
        if (!r.ok) editor_.log(LogLine::Level::Warning, r.message);
    };
    const float aspect = tool_context().view.aspect();
    if (e.mods.ctrl) {
        switch (e.key) {
        case GLFW_KEY_Z: report(e.mods.shift ? editor_.redo() : editor_.undo()); break;
        case GLFW_KEY_Y: report(editor_.redo()); break;
        case GLFW_KEY_D: report(editor_.duplicate_selection()); break;
        case GLFW_KEY_A: editor_.select_all(); break;
        case GLFW_KEY_S:
            if (editor_.path().empty()) shell_.save_prompt = true;
            else report(editor_.save());
            break;
        case GLFW_KEY_O: shell_.open_prompt = true; break;
        default: break;
        }
        return;
    }
    switch (e.key) {
    case GLFW_KEY_DELETE:
    case GLFW_KEY_BACKSPACE: report(editor_.delete_selection()); break;
    case GLFW_KEY_F: editor_.frame_selection(aspect); break;
    case GLFW_KEY_HOME: editor_.frame_all(aspect); break;
    case GLFW_KEY_1: editor_.set_view(ViewMode::Orbit3D, aspect); break;
    case GLFW_KEY_2: editor_.set_view(ViewMode::Top, aspect); break;
    case GLFW_KEY_3: editor_.set_view(ViewMode::Walk, aspect); break;
    case GLFW_KEY_R: report(editor_.rotate_selection(e.mods.shift ? -15.0 : 15.0)); break;
    default: break;
    }
}

bool App::animating() {
    const ImGuiIO& io = ImGui::GetIO();
    bool held = false;
    for (bool down : io.MouseDown) held = held || down;
    for (bool down : io.KeysDown) held = held || down;
    return held || sim_->playing || sim_->running() || editor_.library.found().has_value() || tools_.active().busy() ||
           shell_.screenshot.has_value();
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

void App::feed_latency_probe() {
    if (!shell_.latency) return;
    const ToolContext ctx = tool_context();
    glm::vec2 anchor(ctx.view.rect.x + ctx.view.rect.z / 2, ctx.view.rect.y + ctx.view.rect.w / 2);
    if (const auto sel = editor_.selected_furniture(); shell_.latency->kind() == ProbeKind::Drag && !sel.empty())
        if (const auto p = ctx.view.floor_to_01(sel.front()->position)) anchor = ctx.view.to_px(*p);
    for (const InputEvent& e : shell_.latency->events(anchor, glfwGetTime())) input_.inject(e);
}

void App::end_latency_frame() {
    if (!shell_.latency) return;
    shell_.latency->frame_end(glfwGetTime());
    if (!shell_.latency->done()) return;
    try {
        atomic_write_file(shell_.latency->out(), shell_.latency->report());
    } catch (const InputError& e) {
        error_exit_ = format_place(e.file(), e.where(), e.message());
    }
    shell_.latency.reset();
}

namespace {

double process_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) * 1e-6;
}

float median(std::vector<float> v) {
    if (v.empty()) return 0.f;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

}  // namespace

void App::render_frame() {
    const auto t0 = std::chrono::steady_clock::now();
    const double cpu0 = process_cpu_ms();
    if (shell_.latency) shell_.latency->frame_start(glfwGetTime());
    refresh_font();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    compute_layout();
    handle_input();
    feed_latency_probe();
    sync_scene();
    UiContext u = ui();
    sim_->update(u, ImGui::GetIO().DeltaTime);
    draw_ui(u);
    ToolContext ctx = tool_context();
    tools_.overlay(ctx);  // the one overlay: the plan's symbols and the active tool's
    sim_->draw_ui(u);

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
    end_latency_frame();
    frame_ms_ = std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() - t0).count();
    frame_cpu_ms_ = static_cast<float>(process_cpu_ms() - cpu0);
    figures_.draw_calls = stats_.draw_calls;
    figures_.frame_ms = frame_ms_;
    capture_if_requested();
    glfwSwapBuffers(window_);
}

void App::capture_if_requested() {
    if (!shell_.screenshot) return;
    if (shell_.shot_delay > 0) {
        --shell_.shot_delay;
        return;
    }
    int fbw = 0, fbh = 0;
    glfwGetFramebufferSize(window_, &fbw, &fbh);
    Image img = shell_.screenshot->viewport_only
                    ? read_back_buffer(static_cast<int>(layout_.vx),
                                       static_cast<int>(static_cast<float>(fbh) - layout_.vy - layout_.vh),
                                       static_cast<int>(layout_.vw), static_cast<int>(layout_.vh))
                    : read_back_buffer(0, 0, fbw, fbh);
    try {
        write_png(shell_.screenshot->path, img);
        editor_.log(LogLine::Level::Info, trf("editor.log.screenshot", {shell_.screenshot->path.string()}));
    } catch (const InputError& e) {
        error_exit_ = format_place(e.file(), e.where(), e.message());
    }
    shell_.screenshot.reset();
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
    set_language(parse_language(opt_.lang));
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
    ToolContext ctx = tool_context();
    tools_.init(ctx);
    renderer_ = std::make_unique<Renderer>();
    renderer_->init(shader_dir());
    sim_->init(shader_dir());
    std::cout << "GL: " << reinterpret_cast<const char*>(glGetString(GL_RENDERER)) << ", "
              << reinterpret_cast<const char*>(glGetString(GL_VERSION)) << "\n";
    if (missing_glyphs_ > 0) std::cout << "font: " << missing_glyphs_ << " missing glyphs\n";

    // One frame to learn the layout, then frame the whole plan.
    render_frame();
    editor_.frame_all(tool_context().view.aspect());
    if (!opt_.photo.empty()) return photo_and_exit();
    int frame = 1;

    bool final_shot_taken = false;
    int rc = 0;
    while (!shell_.quit_requested) {
        // Interactive: sleep until an event unless frames are due (idle CPU stays near zero).
        const double wait = headless ? 0.0 : redraw_.wait_seconds(animating());
        if (wait > 0) glfwWaitEventsTimeout(wait);
        else glfwPollEvents();
        if (glfwWindowShouldClose(window_)) {  // closing the window asks first when there are unsaved changes
            glfwSetWindowShouldClose(window_, GLFW_FALSE);
            UiContext u = ui();
            if (auto r = session_.request(u, {PendingAction::Kind::Quit, {}}); !r.ok) editor_.log(LogLine::Level::Warning, r.message);
            if (shell_.quit_requested) break;
        }
        session_.tick(editor_);
        if (!headless && !redraw_.should_draw(animating())) continue;
        if (script && !shell_.screenshot) {
            UiContext u = ui();
            if (auto err = script->step(u)) {
                std::cerr << *err << "\n";
                rc = 2;
                break;
            }
        }
        render_frame();
        redraw_.drawn(renderer_->last_frame_provisional());
        ++frame;
        frame_ms_sum_ += frame_ms_;
        ++frames_timed_;
        if (frame_times_.size() < 100000) {  // enough for any benchmark; an open window does not grow
            frame_times_.push_back(frame_ms_);
            frame_cpu_times_.push_back(frame_cpu_ms_);
        }
        if (!error_exit_.empty()) {
            std::cerr << error_exit_ << "\n";
            rc = 2;
            break;
        }
        if (!headless) continue;
        const bool script_done = (!script || script->done()) && !shell_.latency;
        if (script_done && !shell_.screenshot && frame >= frames) {
            if (!opt_.screenshot.empty() && !final_shot_taken) {
                shell_.request_screenshot(opt_.screenshot, false);
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
              << (frames_timed_ ? frame_ms_sum_ / frames_timed_ : 0.0) << " ms, median frame: " << median(frame_times_)
              << " ms, median frame CPU: " << median(frame_cpu_times_) << " ms, missing glyphs: "
              << editor::missing_glyphs(ImGui::GetIO().Fonts->Fonts[0], all_translation_text() + plan_text(editor_.plan()))
              << "\n";
    return rc;
}

}  // namespace shuxiang::editor
