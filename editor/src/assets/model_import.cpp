#include "assets/model_import.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include <assimp/Importer.hpp>
#include <assimp/DefaultLogger.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <glm/glm.hpp>

#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor::assets {
namespace {

// Models beyond these are not furniture: refused rather than silently shrunk or drawn slowly.
constexpr double kMaxExtent = 50.0;         // m
constexpr double kMinExtent = 0.02;         // m
constexpr std::size_t kMaxTriangles = 2'000'000;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::optional<double> meta_number(const aiScene* s, const char* key) {
    if (!s->mMetaData) return std::nullopt;
    double d = 0;
    float f = 0;
    int i = 0;
    if (s->mMetaData->Get(key, d)) return d;
    if (s->mMetaData->Get(key, f)) return static_cast<double>(f);
    if (s->mMetaData->Get(key, i)) return static_cast<double>(i);
    return std::nullopt;
}

std::string meta_string(const aiScene* s, const char* key) {
    aiString v;
    if (s->mMetaData && s->mMetaData->Get(key, v)) return v.C_Str();
    return {};
}

ImportResult fail(const std::filesystem::path& f, const std::string& why) { return {std::nullopt, f.string() + ": " + why}; }

double cross(plan::Vec2 o, plan::Vec2 a, plan::Vec2 b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

}  // namespace

const std::vector<std::string>& supported_extensions() {
    static const std::vector<std::string> e{".obj", ".fbx", ".gltf", ".glb", ".3ds", ".dae"};
    return e;
}

bool is_supported(const std::filesystem::path& file) {
    const std::string ext = lower(file.extension().string());
    const auto& e = supported_extensions();
    return std::find(e.begin(), e.end(), ext) != e.end();
}

double heuristic_unit_scale(double largest_extent) {
    if (largest_extent > 200) return 0.001;
    if (largest_extent > 20) return 0.01;
    return 1.0;
}

std::vector<plan::Vec2> convex_hull(std::vector<plan::Vec2> p) {
    std::sort(p.begin(), p.end(), [](plan::Vec2 a, plan::Vec2 b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    p.erase(std::unique(p.begin(), p.end()), p.end());
    if (p.size() < 3) return p;
    std::vector<plan::Vec2> h(2 * p.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0) --k;
        h[k++] = p[i];
    }
    for (std::size_t i = p.size() - 1, t = k + 1; i > 0; --i) {
        while (k >= t && cross(h[k - 2], h[k - 1], p[i - 1]) <= 0) --k;
        h[k++] = p[i - 1];
    }
    h.resize(k - 1);
    return h;
}

ImportResult import_model(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return fail(file, tr("editor.import.err.not_found"));
    if (!std::filesystem::is_regular_file(file, ec)) return fail(file, tr("editor.import.err.not_a_file"));
    if (!is_supported(file)) {
        std::string list;
        for (const auto& e : supported_extensions()) list += (list.empty() ? "" : ", ") + e;
        return fail(file, trf("editor.import.err.unsupported", {file.extension().string(), list}));
    }
    if (std::filesystem::file_size(file, ec) == 0) return fail(file, tr("editor.import.err.empty"));

    Assimp::Importer imp;
    // Points and lines are not furniture surfaces; cameras and lights are ignored anyway.
    imp.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE, aiPrimitiveType_POINT | aiPrimitiveType_LINE);
    const unsigned flags = aiProcess_Triangulate | aiProcess_PreTransformVertices | aiProcess_GenNormals |
                           aiProcess_SortByPType | aiProcess_ValidateDataStructure | aiProcess_FindInvalidData |
                           aiProcess_FindDegenerates;
    const aiScene* scene = nullptr;
    try {
        scene = imp.ReadFile(file.string(), flags);
    } catch (const std::exception& e) {
        return fail(file, tr("editor.import.err.unreadable") + ": " + e.what());
    }
    if (!scene) {
        std::string why = imp.GetErrorString();
        // Assimp's validation says this in its own words when a file parses but holds no geometry.
        if (why.find("mNumMeshes is 0") != std::string::npos) return fail(file, tr("editor.import.err.no_triangles"));
        return fail(file, tr("editor.import.err.unreadable") + (why.empty() ? std::string() : ": " + why));
    }
    if (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) return fail(file, tr("editor.import.err.incomplete"));

    // Y-up is Assimp's convention (glTF, COLLADA and 3DS are converted to it); FBX says its own up axis.
    const std::string format = meta_string(scene, "SourceAsset_Format");
    const int up_axis = static_cast<int>(meta_number(scene, "UpAxis").value_or(1));
    const double up_sign = meta_number(scene, "UpAxisSign").value_or(1) < 0 ? -1.0 : 1.0;
    auto to_plan = [&](const aiVector3D& v) -> glm::dvec3 {
        if (up_axis == 2) return {v.x, v.y, up_sign * v.z};        // already Z up
        return {v.x, -static_cast<double>(v.z), up_sign * v.y};     // Y up → Z up (x, -z, y)
    };

    std::vector<glm::dvec3> pos, nrm;
    std::size_t tris = 0;
    for (unsigned m = 0; m < scene->mNumMeshes; ++m) {
        const aiMesh* mesh = scene->mMeshes[m];
        if (!mesh || !(mesh->mPrimitiveTypes & aiPrimitiveType_TRIANGLE) || !mesh->mVertices) continue;
        for (unsigned fi = 0; fi < mesh->mNumFaces; ++fi) {
            const aiFace& face = mesh->mFaces[fi];
            if (face.mNumIndices != 3) continue;
            glm::dvec3 p[3];
            bool ok = true;
            for (int k = 0; k < 3; ++k) {
                const unsigned idx = face.mIndices[k];
                if (idx >= mesh->mNumVertices) {
                    ok = false;
                    break;
                }
                p[k] = to_plan(mesh->mVertices[idx]);
                if (!std::isfinite(p[k].x) || !std::isfinite(p[k].y) || !std::isfinite(p[k].z)) ok = false;
            }
            if (!ok) continue;
            if (++tris > kMaxTriangles)
                return fail(file, trf("editor.import.err.too_many", {std::to_string(kMaxTriangles)}));
            // Flat normals from the triangle itself: furniture reads better faceted, and files'
            // own normals are often missing or wrong.
            glm::dvec3 n = glm::cross(p[1] - p[0], p[2] - p[0]);
            const double len = glm::length(n);
            n = len > 0 ? n / len : glm::dvec3(0, 0, 1);
            for (int k = 0; k < 3; ++k) {
                pos.push_back(p[k]);
                nrm.push_back(n);
            }
        }
    }
    if (pos.empty()) return fail(file, tr("editor.import.err.no_triangles"));

    glm::dvec3 lo(std::numeric_limits<double>::max()), hi(std::numeric_limits<double>::lowest());
    for (const auto& p : pos) {
        lo = glm::min(lo, p);
        hi = glm::max(hi, p);
    }
    const glm::dvec3 ext = hi - lo;
    const double largest = std::max({ext.x, ext.y, ext.z});

    ImportedModel out;
    out.file = file;
    const std::string ext_l = lower(file.extension().string());
    if (auto fbx = meta_number(scene, "UnitScaleFactor"); fbx && *fbx > 0 && format.find("FBX") != std::string::npos) {
        // FBX: centimetres per unit.
        out.unit_scale = *fbx / 100.0;
        out.unit_source = "FBX UnitScaleFactor";
    } else if (format.find("Collada") != std::string::npos || ext_l == ".dae") {
        // Assimp applies COLLADA's <unit meter="..."> itself (metres when the element is absent).
        out.unit_scale = 1.0;
        out.unit_source = "COLLADA <unit>";
    } else if (format.find("glTF") != std::string::npos || ext_l == ".gltf" || ext_l == ".glb") {
        out.unit_scale = 1.0;
        out.unit_source = "glTF (metres)";
    } else {
        out.unit_scale = heuristic_unit_scale(largest);
        out.unit_source = out.unit_scale == 0.001 ? "size heuristic: millimetres"
                          : out.unit_scale == 0.01 ? "size heuristic: centimetres"
                                                   : "size heuristic: metres";
    }
    const double s = out.unit_scale;
    const double largest_m = largest * s;
    char buf[96];
    if (!(largest_m <= kMaxExtent)) {
        std::snprintf(buf, sizeof buf, "implausible size: %.3g m across (at most %.0f m)", largest_m, kMaxExtent);
        return fail(file, buf);
    }
    if (largest_m < kMinExtent) {
        std::snprintf(buf, sizeof buf, "implausible size: %.3g m across (at least %.2f m)", largest_m, kMinExtent);
        return fail(file, buf);
    }

    // Centre on the bounding box of the footprint, bottom on the floor.
    const glm::dvec3 origin((lo.x + hi.x) / 2, (lo.y + hi.y) / 2, lo.z);
    std::vector<plan::Vec2> flat;
    flat.reserve(pos.size());
    out.vertices.reserve(pos.size() * 6);
    for (std::size_t i = 0; i < pos.size(); ++i) {
        const glm::dvec3 p = (pos[i] - origin) * s;
        flat.push_back({p.x, p.y});
        for (double v : {p.x, p.y, p.z, nrm[i].x, nrm[i].y, nrm[i].z}) out.vertices.push_back(static_cast<float>(v));
    }
    out.footprint = convex_hull(std::move(flat));
    out.width = ext.x * s;
    out.depth = ext.y * s;
    out.height = ext.z * s;
    if (out.footprint.size() < 3 || out.width < 1e-3 || out.depth < 1e-3)
        return fail(file, tr("editor.import.err.no_footprint"));
    // A board lying flat still needs some height for picking and drawing.
    out.height = std::max(out.height, 0.01);
    return {std::move(out), {}};
}

}  // namespace shuxiang::editor::assets
