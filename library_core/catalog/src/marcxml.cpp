#include "shuxiang/catalog/marcxml.hpp"

#include <pugixml.hpp>

#include <cstdint>
#include <cstring>
#include <sstream>

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::catalog {

namespace {

std::string_view local_name(const char* name) {
    std::string_view n(name);
    auto colon = n.find(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

bool indicator_ok(char c) {
    return c == ' ' || c == '|' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
}

struct XmlReader {
    const ReadOptions& opt;
    std::vector<Diagnostic> diags;
    std::vector<Diagnostic>* current = nullptr;
    std::size_t recno = 0;

    void diag(std::size_t offset, std::string code, std::vector<std::string> args = {}) {
        Diagnostic d{recno, offset, std::move(code), std::move(args)};
        if (opt.mode == ReadMode::Strict)
            throw InputError(opt.file_name.empty() ? "<memory>" : opt.file_name, d.where(), d.message());
        if (current) current->push_back(d);
        diags.push_back(std::move(d));
    }

    static std::size_t at(const pugi::xml_node& n) {
        // pugixml points at the element name; the element starts at its '<'.
        std::ptrdiff_t o = n.offset_debug();
        return o <= 0 ? 0 : static_cast<std::size_t>(o - 1);
    }

    void read_record(const pugi::xml_node& rn, ReadRecord& out) {
        bool have_leader = false;
        for (pugi::xml_node c = rn.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_element) continue;
            std::string_view name = local_name(c.name());
            if (name == "leader") {
                std::string l = c.child_value();
                if (l.size() != 24) {
                    diag(at(c), "xml_leader_length", {std::to_string(l.size())});
                    l.resize(24, ' ');
                }
                out.record.leader = std::move(l);
                have_leader = true;
            } else if (name == "controlfield") {
                std::string tag = c.attribute("tag").value();
                if (tag.size() != 3) {
                    diag(at(c), "xml_bad_tag", {tag});
                    if (tag.empty()) continue;
                    tag.resize(3, ' ');
                }
                Field f;
                f.tag = std::move(tag);
                f.data = c.child_value();
                out.record.fields.push_back(std::move(f));
            } else if (name == "datafield") {
                std::string tag = c.attribute("tag").value();
                if (tag.size() != 3) {
                    diag(at(c), "xml_bad_tag", {tag});
                    if (tag.empty()) continue;
                    tag.resize(3, ' ');
                }
                Field f;
                f.tag = std::move(tag);
                std::string i1 = c.attribute("ind1").value();
                std::string i2 = c.attribute("ind2").value();
                auto ind = [](const std::string& s) { return s.size() == 1 && indicator_ok(s[0]); };
                if (!ind(i1) || !ind(i2)) diag(at(c), "bad_indicators", {f.tag, i1 + "|" + i2});
                f.ind1 = ind(i1) ? i1[0] : ' ';
                f.ind2 = ind(i2) ? i2[0] : ' ';
                for (pugi::xml_node s = c.first_child(); s; s = s.next_sibling()) {
                    if (s.type() != pugi::node_element) continue;
                    if (local_name(s.name()) != "subfield") {
                        diag(at(s), "xml_unknown_element", {s.name()});
                        continue;
                    }
                    std::string code = s.attribute("code").value();
                    if (code.size() != 1) {
                        diag(at(s), "bad_subfield_code_dropped", {f.tag, code});
                        continue;
                    }
                    f.subfields.push_back({code[0], s.child_value()});
                }
                out.record.fields.push_back(std::move(f));
            } else {
                diag(at(c), "xml_unknown_element", {std::string(c.name())});
            }
        }
        if (!have_leader) {
            diag(at(rn), "xml_no_leader");
            out.record.leader = "00000nam a2200000   4500";
        }
        std::string_view format = rn.attribute("format").value();
        if (opt.flavor) out.flavor = *opt.flavor;
        else if (format == "UNIMARC" || format == "CNMARC") out.flavor = MarcFlavor::Cnmarc;
        else if (format == "MARC21") out.flavor = MarcFlavor::Marc21;
        else out.flavor = detect_flavor(out.record);
        out.source_encoding = Encoding::Utf8;
    }

    void walk(const pugi::xml_node& n, std::vector<ReadRecord>& out, int depth) {
        if (depth > 64) return;
        for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_element) continue;
            if (local_name(c.name()) == "record") {
                ++recno;
                ReadRecord r;
                r.number = recno;
                r.offset = at(c);
                current = &r.diagnostics;
                read_record(c, r);
                current = nullptr;
                out.push_back(std::move(r));
            } else {
                walk(c, out, depth + 1);
            }
        }
    }
};

}  // namespace

std::vector<ReadRecord> read_marcxml(std::string_view xml, const ReadOptions& options,
                                     std::vector<Diagnostic>* diagnostics) {
    XmlReader reader{options, {}, nullptr, 0};
    pugi::xml_document doc;
    pugi::xml_parse_result res = doc.load_buffer(xml.data(), xml.size(),
                                                 pugi::parse_default | pugi::parse_ws_pcdata_single,
                                                 pugi::encoding_utf8);
    if (!res) {
        // pugixml keeps what it parsed before the error: take those records and report the rest.
        reader.recno = 0;
        reader.diag(static_cast<std::size_t>(res.offset < 0 ? 0 : res.offset), "xml_error", {res.description()});
    }
    std::vector<ReadRecord> out;
    reader.walk(doc, out, 0);
    if (res && out.empty()) reader.diag(0, "xml_no_records");
    if (diagnostics) *diagnostics = std::move(reader.diags);
    return out;
}

std::vector<ReadRecord> read_marcxml_file(const std::filesystem::path& path, ReadOptions options,
                                          std::vector<Diagnostic>* diagnostics) {
    if (options.file_name.empty()) options.file_name = path.string();
    std::string bytes = read_file(path);
    return read_marcxml(bytes, options, diagnostics);
}

namespace {

// Length of the UTF-8 character at s[i] that XML 1.0 allows, or 0 when the bytes there are not
// UTF-8 or the character is not an XML Char (C0 controls but TAB/LF/CR, U+FFFE, U+FFFF).
std::size_t xml_char_len(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? 1 : 0;
    const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
    std::uint32_t cp = c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    const bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) return 0;
    return n;
}

// `v` as XML 1.0 text: characters XML cannot carry are counted in `dropped` and left out
// (controls) or replaced by U+FFFD (broken UTF-8).
std::string xml_text(std::string_view v, std::size_t& dropped) {
    std::string out;
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size();) {
        if (const std::size_t n = xml_char_len(v, i)) {
            out.append(v, i, n);
            i += n;
            continue;
        }
        ++dropped;
        if (static_cast<unsigned char>(v[i]) >= 0x80) out += "\xEF\xBF\xBD";
        ++i;
    }
    return out;
}

}  // namespace

std::string write_marcxml(const std::vector<MarcRecord>& records, MarcFlavor flavor,
                          std::vector<std::string>* warnings) {
    std::size_t recno = 0;
    std::string where;  // the field being written, for warnings
    auto text = [&](std::string_view v) {
        std::size_t dropped = 0;
        std::string t = xml_text(v, dropped);
        if (dropped && warnings)
            warnings->push_back(trf("catalog_formats.xml_chars_dropped", {std::to_string(recno), where, std::to_string(dropped)}));
        return t;
    };
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto coll = doc.append_child("collection");
    coll.append_attribute("xmlns") = std::string(kMarcxmlNamespace).c_str();
    for (const MarcRecord& r : records) {
        ++recno;
        auto rec = coll.append_child("record");
        if (flavor == MarcFlavor::Cnmarc) rec.append_attribute("format") = "UNIMARC";
        where = "leader";
        rec.append_child("leader").text().set(text(r.leader).c_str());
        for (const Field& f : r.fields) {
            where = text(f.tag);
            if (f.is_control()) {
                auto cf = rec.append_child("controlfield");
                cf.append_attribute("tag") = text(f.tag).c_str();
                cf.text().set(text(f.data).c_str());
                continue;
            }
            auto df = rec.append_child("datafield");
            df.append_attribute("tag") = text(f.tag).c_str();
            df.append_attribute("ind1") = text(std::string_view(&f.ind1, 1)).c_str();
            df.append_attribute("ind2") = text(std::string_view(&f.ind2, 1)).c_str();
            for (const Subfield& s : f.subfields) {
                auto sf = df.append_child("subfield");
                sf.append_attribute("code") = text(std::string_view(&s.code, 1)).c_str();
                sf.text().set(text(s.value).c_str());
            }
        }
    }
    std::ostringstream os;
    doc.save(os, "  ", pugi::format_indent, pugi::encoding_utf8);
    return os.str();
}

bool looks_like_marcxml(std::string_view data) {
    std::size_t i = 0;
    if (data.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    while (i < data.size() && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) ++i;
    return i < data.size() && data[i] == '<';
}

}  // namespace shuxiang::catalog
