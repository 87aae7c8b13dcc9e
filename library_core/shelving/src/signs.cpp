#include "shuxiang/shelving/signs.hpp"

#include <algorithm>
#include <map>

#include "shuxiang/catalog/clc.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::shelving {

namespace {

std::string esc(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

int class_index(const catalog::ClcTable& t, const std::string& code) {
    for (std::size_t i = 0; i < t.classes.size(); ++i)
        if (t.classes[i].code == code) return static_cast<int>(i);
    return -1;
}

std::string named(const catalog::ClcClass& c) { return c.code + " " + c.zh; }

}  // namespace

std::vector<std::string> classes_between(const std::string& first_call, const std::string& last_call) {
    const auto& table = catalog::ClcTable::get();
    std::vector<std::string> out;
    int a = class_index(table, catalog::clc_top_class(first_call));
    int b = class_index(table, catalog::clc_top_class(last_call));
    if (a < 0 || b < 0) return out;
    if (a > b) std::swap(a, b);
    for (int i = a; i <= b; ++i) {
        const auto& c = table.classes[static_cast<std::size_t>(i)];
        if (c.code == "T") {
            // Name the T subclasses at the ends: a range of TP books says 计算机技术, not just 工业技术.
            std::vector<std::string> subs;
            for (const auto* call : {&first_call, &last_call}) {
                std::string sub = catalog::clc_subclass(*call);
                if (sub.size() == 2 && sub[0] == 'T') {
                    if (const auto* sc = table.find_class(sub)) {
                        std::string n = named(*sc);
                        if (std::find(subs.begin(), subs.end(), n) == subs.end()) subs.push_back(n);
                    }
                }
            }
            if (subs.empty()) out.push_back(named(c));
            for (auto& s : subs) out.push_back(std::move(s));
        } else {
            out.push_back(named(c));
        }
    }
    return out;
}

std::vector<RangeSign> range_signs(const Assignment& a) {
    std::vector<RangeSign> out;
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < a.sections.size(); ++i) {
        const auto& s = a.sections[i];
        const auto& f = a.fills[i];
        // The new-books display shows no call-number span: its books change every few weeks.
        if (s.kind == SectionKind::NewBooks) continue;
        auto [it, fresh] = index.emplace(s.furniture_id, out.size());
        if (fresh) out.push_back({s.furniture_id, s.label, s.room_name.empty() ? s.room_id : s.room_name, {}});
        auto& sign = out[it->second];
        auto face = std::find_if(sign.faces.begin(), sign.faces.end(), [&](const SignFace& x) { return x.face == s.face; });
        if (face == sign.faces.end()) {
            sign.faces.push_back({s.face, {}, {}, {}});
            face = sign.faces.end() - 1;
        }
        if (f.count == 0) continue;
        if (face->first_call.empty()) face->first_call = f.first_call;
        face->last_call = f.last_call;
    }
    for (auto& sign : out)
        for (auto& face : sign.faces) face.classes = classes_between(face.first_call, face.last_call);
    out.erase(std::remove_if(out.begin(), out.end(),
                             [](const RangeSign& s) {
                                 return std::all_of(s.faces.begin(), s.faces.end(),
                                                    [](const SignFace& f) { return f.first_call.empty(); });
                             }),
              out.end());
    return out;
}

std::string signs_html(const std::vector<RangeSign>& signs, const std::string& school) {
    std::string h =
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + esc(tr("shelving.sign.title")) +
        "</title>\n<style>@page{size:A4;margin:15mm}body{font-family:'Noto Sans CJK SC',sans-serif;margin:0}"
        ".sign{page-break-after:always;border:3px solid #234;padding:12mm;height:240mm;box-sizing:border-box}"
        ".range{font-size:48pt;font-weight:bold;text-align:center}.room{text-align:center;font-size:16pt;color:#555}"
        ".face{margin-top:10mm;border-top:1px solid #999;padding-top:6mm}.calls{font-size:28pt;text-align:center}"
        ".classes{font-size:18pt;text-align:center;margin-top:4mm}.school{font-size:10pt;color:#777;text-align:center}"
        "</style></head><body>\n";
    for (const auto& s : signs) {
        h += "<section class=\"sign\"><div class=\"school\">" + esc(school) + "</div><div class=\"range\">" +
             esc(s.label.empty() ? s.furniture_id : s.label) + "</div><div class=\"room\">" + esc(s.room) + "</div>\n";
        for (const auto& f : s.faces) {
            if (f.first_call.empty()) continue;
            h += "<div class=\"face\"><div class=\"room\">" + esc(trf("shelving.sign.face", {std::to_string(f.face)})) +
                 "</div><div class=\"calls\">" + esc(f.first_call) + " — " + esc(f.last_call) + "</div><div class=\"classes\">";
            for (std::size_t i = 0; i < f.classes.size(); ++i) h += (i ? "<br>" : "") + esc(f.classes[i]);
            h += "</div></div>\n";
        }
        h += "</section>\n";
    }
    h += "</body></html>\n";
    return h;
}

std::string labels_html(const Assignment& a, const std::string& school) {
    std::string h =
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + esc(tr("shelving.label.title")) +
        "</title>\n<style>@page{size:A4;margin:0}body{margin:0;font-family:'Noto Sans CJK SC',sans-serif}"
        ".sheet{width:210mm;height:297mm;padding:0 0 0 0;display:grid;grid-template-columns:repeat(3,70mm);"
        "grid-template-rows:repeat(8,37.125mm);page-break-after:always}"
        ".label{box-sizing:border-box;padding:3mm;overflow:hidden;border:0.2mm dashed #ccc}"
        ".id{font-size:8pt;color:#555}.calls{font-size:12pt;font-weight:bold}.cls{font-size:9pt}"
        "</style></head><body>\n";
    int on_sheet = 0;
    for (std::size_t i = 0; i < a.sections.size(); ++i) {
        const auto& s = a.sections[i];
        const auto& f = a.fills[i];
        if (f.count == 0 || s.kind == SectionKind::NewBooks) continue;
        if (on_sheet == 0) h += "<div class=\"sheet\">\n";
        auto classes = classes_between(f.first_call, f.last_call);
        std::string cls;
        for (std::size_t k = 0; k < classes.size(); ++k) cls += (k ? " · " : "") + classes[k];
        h += "<div class=\"label\"><div class=\"id\">" + esc(school) + " " + esc(s.label.empty() ? s.furniture_id : s.label) +
             " " + esc(trf("shelving.label.where", {std::to_string(s.face), std::to_string(s.number)})) +
             "</div><div class=\"calls\">" + esc(f.first_call) + "<br>— " + esc(f.last_call) + "</div><div class=\"cls\">" +
             esc(cls) + "</div></div>\n";
        if (++on_sheet == 24) {
            h += "</div>\n";
            on_sheet = 0;
        }
    }
    if (on_sheet) h += "</div>\n";
    h += "</body></html>\n";
    return h;
}

std::vector<std::filesystem::path> write_signs(const Assignment& a, const std::string& school,
                                               const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw InputError(dir.string(), "", ec.message());
    std::vector<std::filesystem::path> out = {dir / "signs-a4.html", dir / "labels-a4.html"};
    atomic_write_file(out[0], signs_html(range_signs(a), school));
    atomic_write_file(out[1], labels_html(a, school));
    return out;
}

}  // namespace shuxiang::shelving
