// Record and copy edits: mapped fields are written into the MARC record, which is then mapped
// again, so that the stored fields never disagree with the stored MARC.
#include "shuxiang/catalog/edit.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "shuxiang/catalog/clc.hpp"
#include "shuxiang/catalog/isbn.hpp"

namespace shuxiang::catalog {

namespace {

using nlohmann::json;

bool valid_tag(const std::string& t) {
    return t.size() == 3 && std::all_of(t.begin(), t.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
           });
}

bool valid_code(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Inserts a new field before the first field with a higher tag, as the tags run.
Field& insert_field(MarcRecord& m, Field f) {
    auto at = std::find_if(m.fields.begin(), m.fields.end(), [&](const Field& g) { return g.tag > f.tag; });
    return *m.fields.insert(at, std::move(f));
}

// The field a mapped value lives in: the first with the tag, or a new one when the value is not empty.
Field* field_for(MarcRecord& m, const std::string& tag, bool create) {
    for (auto& f : m.fields)
        if (f.tag == tag) return &f;
    if (!create) return nullptr;
    Field f;
    f.tag = tag;
    return &insert_field(m, std::move(f));
}

// Sets the first `code` subfield of field f (added when missing); an empty value removes every
// `code` subfield, and the field with them when nothing is left in it.
void set_in(MarcRecord& m, Field* f, char code, const std::string& value) {
    if (!f) return;
    auto& subs = f->subfields;
    if (value.empty()) {
        subs.erase(std::remove_if(subs.begin(), subs.end(), [&](const Subfield& s) { return s.code == code; }), subs.end());
        if (subs.empty() && !f->is_control())
            m.fields.erase(std::find_if(m.fields.begin(), m.fields.end(), [&](const Field& g) { return &g == f; }));
        return;
    }
    for (auto& s : subs)
        if (s.code == code) {
            s.value = value;
            return;
        }
    subs.push_back({code, value});
}

void set_value(MarcRecord& m, const std::string& tag, char code, const std::string& value) {
    set_in(m, field_for(m, tag, !value.empty()), code, value);
}

// MARC21's publication field as the mapping reads it: 264 with second indicator 1, else 260, else 264.
Field* m21_publication(MarcRecord& m, bool create) {
    for (auto& f : m.fields)
        if (f.tag == "264" && f.ind2 == '1') return &f;
    if (Field* f = field_for(m, "260", false)) return f;
    if (Field* f = field_for(m, "264", false)) return f;
    return field_for(m, "260", create);
}

// MARC21's 084 with $2 clc (created with it when missing).
Field* m21_clc(MarcRecord& m, bool create) {
    for (auto& f : m.fields)
        if (f.tag == "084" && f.find('2') && f.find('2')->value == "clc") return &f;
    if (!create) return nullptr;
    Field f;
    f.tag = "084";
    f.subfields = {{'a', ""}, {'2', "clc"}};
    return &insert_field(m, std::move(f));
}

void set_subjects(MarcRecord& m, MarcFlavor flavor, const std::vector<std::string>& subjects) {
    const bool cn = flavor == MarcFlavor::Cnmarc;
    auto is_subject = [&](const Field& f) {
        const std::string& t = f.tag;
        return cn ? (t == "606" || t == "600" || t == "601" || t == "607" || t == "610")
                  : (t == "650" || t == "600" || t == "610" || t == "651");
    };
    m.fields.erase(std::remove_if(m.fields.begin(), m.fields.end(), is_subject), m.fields.end());
    BibRecord only;
    only.subjects = subjects;
    for (auto& f : to_marc(only, flavor).fields)
        if (f.tag == (cn ? "606" : "650")) insert_field(m, std::move(f));
}

std::string price_text(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "CNY%.2f", v);
    return buf;
}

// Checks the given mapped values; the refusal code, or nothing when every one is acceptable.
std::optional<std::string> check_fields(const RecordEdit& e, std::string* arg) {
    auto bad = [&](const char* code, const std::string& v) {
        if (arg) *arg = v;
        return std::optional<std::string>(code);
    };
    if (e.isbn && !e.isbn->empty() && !isbn_normalize(*e.isbn)) return bad("bad_isbn", *e.isbn);
    if (e.price && !e.price->empty() && !parse_price(*e.price)) return bad("bad_price", *e.price);
    if (e.pages && !e.pages->empty() && !parse_pages(*e.pages)) return bad("bad_pages", *e.pages);
    if (e.call_number && !e.call_number->empty() && !parse_call_number(*e.call_number))
        return bad("bad_call_number", *e.call_number);
    if (e.clc_class && !e.clc_class->empty() && clc_top_class(*e.clc_class).empty()) return bad("bad_class", *e.clc_class);
    for (const auto& c : e.marc)
        if (!valid_tag(c.tag) || (c.code != 0 && !valid_code(c.code))) return bad("bad_tag", c.tag);
    return std::nullopt;
}

void write_call_number(MarcRecord& m, bool cn, const std::string& text) {
    std::string cls = text, num;
    if (auto slash = text.find('/'); slash != std::string::npos) {
        cls = text.substr(0, slash);
        num = text.substr(slash + 1);
    }
    Field* f = field_for(m, cn ? "905" : "852", !text.empty());
    set_in(m, f, cn ? 'e' : 'i', num);
    f = field_for(m, cn ? "905" : "852", !cls.empty());
    set_in(m, f, cn ? 'd' : 'h', cls);
}

// Writes the given mapped values into their MARC subfields.
void write_fields(MarcRecord& m, MarcFlavor flavor, const RecordEdit& e) {
    const bool cn = flavor == MarcFlavor::Cnmarc;
    if (e.title) set_value(m, cn ? "200" : "245", 'a', *e.title);
    if (e.responsibility) {
        if (cn) set_in(m, field_for(m, "200", false), 'g', "");
        set_value(m, cn ? "200" : "245", cn ? 'f' : 'c', *e.responsibility);
    }
    auto pub = [&](char cn_code, char m21_code, const std::string& v) {
        if (cn) set_value(m, "210", cn_code, v);
        else set_in(m, m21_publication(m, !v.empty()), m21_code, v);
    };
    if (e.publisher) pub('c', 'b', *e.publisher);
    if (e.place) pub('a', 'a', *e.place);
    if (e.year) pub('d', 'c', *e.year);
    if (e.series) set_value(m, cn ? "225" : "490", 'a', *e.series);
    if (e.pages) {
        auto n = parse_pages(*e.pages);
        set_value(m, cn ? "215" : "300", 'a', n ? std::to_string(*n) + (cn ? "页" : " p.") : "");
    }
    if (e.price) {
        auto p = parse_price(*e.price);
        set_value(m, cn ? "010" : "020", cn ? 'd' : 'c', p ? price_text(*p) : "");
    }
    if (e.isbn) set_value(m, cn ? "010" : "020", 'a', e.isbn->empty() ? "" : *isbn_normalize(*e.isbn));
    if (e.clc_class) {
        if (cn) set_value(m, "690", 'a', *e.clc_class);
        else set_in(m, m21_clc(m, !e.clc_class->empty()), 'a', *e.clc_class);
    }
    if (e.call_number) write_call_number(m, cn, *e.call_number);
    if (e.subjects) set_subjects(m, flavor, *e.subjects);
}

void apply_marc_change(MarcRecord& m, const MarcChange& c) {
    if (c.kind == MarcChange::Kind::Remove) {
        if (c.code == 0) {
            m.fields.erase(std::remove_if(m.fields.begin(), m.fields.end(), [&](const Field& f) { return f.tag == c.tag; }),
                           m.fields.end());
            return;
        }
        while (Field* f = [&]() -> Field* {
            for (auto& g : m.fields)
                if (g.tag == c.tag && g.find(c.code)) return &g;
            return nullptr;
        }())
            set_in(m, f, c.code, "");
        return;
    }
    Field* f = c.kind == MarcChange::Kind::Add ? nullptr : field_for(m, c.tag, false);
    if (!f) {
        Field nf;
        nf.tag = c.tag;
        f = &insert_field(m, std::move(nf));
    }
    if (c.code == 0) f->data = c.value;
    else set_in(m, f, c.code, c.value);
}

json marc_json(const MarcRecord& m) {
    json fields = json::array();
    for (const auto& f : m.fields) {
        json subs = json::array();
        for (const auto& s : f.subfields) subs.push_back({std::string(1, s.code), s.value});
        fields.push_back({{"tag", f.tag}, {"data", f.data}, {"ind", std::string{f.ind1, f.ind2}}, {"sub", subs}});
    }
    return {{"leader", m.leader}, {"fields", fields}};
}

MarcRecord marc_from_json(const json& j) {
    MarcRecord m;
    m.leader = j.at("leader").get<std::string>();
    for (const auto& jf : j.at("fields")) {
        Field f;
        f.tag = jf.at("tag").get<std::string>();
        f.data = jf.at("data").get<std::string>();
        auto ind = jf.at("ind").get<std::string>();
        f.ind1 = ind.size() > 0 ? ind[0] : ' ';
        f.ind2 = ind.size() > 1 ? ind[1] : ' ';
        for (const auto& s : jf.at("sub")) {
            auto code = s.at(0).get<std::string>();
            f.subfields.push_back({code.empty() ? ' ' : code[0], s.at(1).get<std::string>()});
        }
        m.fields.push_back(std::move(f));
    }
    return m;
}

}  // namespace

bool RecordEdit::empty() const {
    return !title && !responsibility && !publisher && !place && !year && !isbn && !price && !pages && !series &&
           !clc_class && !call_number && !subjects && marc.empty();
}

bool ItemEdit::empty() const { return !barcode && !call_number && !location && !status; }

MappingOptions catalog_mapping_options() {
    MappingOptions mo;
    mo.normalize_isbn = [](std::string_view s) {
        auto n = isbn_normalize(s);
        return n ? *n : clean_isbn(s);
    };
    return mo;
}

std::optional<std::string> apply_record_edit(BibRecord& r, const RecordEdit& edit, std::string* arg) {
    if (auto refused = check_fields(edit, arg)) return refused;
    MarcRecord m = r.marc.fields.empty() ? to_marc(r, r.flavor) : r.marc;
    write_fields(m, r.flavor, edit);
    for (const auto& c : edit.marc) apply_marc_change(m, c);
    BibRecord mapped = to_bib(std::move(m), r.flavor, catalog_mapping_options());
    if (mapped.title.empty()) return std::string("no_title");
    mapped.id = r.id;
    r = std::move(mapped);
    return std::nullopt;
}

std::optional<MarcChange> parse_marc_change(MarcChange::Kind kind, const std::string& text) {
    MarcChange c;
    c.kind = kind;
    auto eq = text.find('=');
    std::string where = text.substr(0, eq);
    if ((kind == MarcChange::Kind::Remove) != (eq == std::string::npos)) return std::nullopt;
    if (eq != std::string::npos) c.value = text.substr(eq + 1);
    c.tag = where.substr(0, 3);
    if (where.size() == 5 && where[3] == '$') c.code = where[4];
    else if (where.size() != 3) return std::nullopt;
    if (!valid_tag(c.tag) || (c.code != 0 && !valid_code(c.code))) return std::nullopt;
    return c;
}

std::string record_json_text(const BibRecord& r) {
    json j = {{"id", r.id},           {"control_number", r.control_number}, {"title", r.title},
              {"other_title", r.other_title}, {"responsibility", r.responsibility}, {"edition", r.edition},
              {"publisher", r.publisher}, {"place", r.place},                 {"year", r.year},
              {"isbns", r.isbns},     {"language", r.language},             {"subjects", r.subjects},
              {"series", r.series},   {"clc_class", r.clc_class},           {"call_number", r.call_number},
              {"audience", static_cast<int>(r.audience)}, {"local_collection", r.local_collection},
              {"summary", r.summary}, {"flavor", r.flavor == MarcFlavor::Cnmarc ? "cnmarc" : "marc21"},
              {"marc", marc_json(r.marc)}};
    j["price"] = r.price ? json(*r.price) : json(nullptr);
    j["pages"] = r.pages ? json(*r.pages) : json(nullptr);
    return j.dump();
}

std::optional<BibRecord> record_from_json_text(const std::string& text) {
    try {
        json j = json::parse(text);
        BibRecord r;
        r.id = j.at("id").get<long long>();
        r.flavor = j.at("flavor").get<std::string>() == "cnmarc" ? MarcFlavor::Cnmarc : MarcFlavor::Marc21;
        BibRecord mapped = to_bib(marc_from_json(j.at("marc")), r.flavor, catalog_mapping_options());
        // The stored fields as they were, not as mapped today: a restore gives back exactly the old row.
        mapped.id = r.id;
        for (auto [key, field] : {std::pair{"control_number", &BibRecord::control_number}, {"title", &BibRecord::title},
                                  {"other_title", &BibRecord::other_title}, {"responsibility", &BibRecord::responsibility},
                                  {"edition", &BibRecord::edition}, {"publisher", &BibRecord::publisher},
                                  {"place", &BibRecord::place}, {"year", &BibRecord::year},
                                  {"language", &BibRecord::language}, {"series", &BibRecord::series},
                                  {"clc_class", &BibRecord::clc_class}, {"call_number", &BibRecord::call_number},
                                  {"summary", &BibRecord::summary}})
            mapped.*field = j.at(key).get<std::string>();
        mapped.isbns = j.at("isbns").get<std::vector<std::string>>();
        mapped.subjects = j.at("subjects").get<std::vector<std::string>>();
        mapped.audience = static_cast<Audience>(j.at("audience").get<int>());
        mapped.local_collection = j.at("local_collection").get<bool>();
        mapped.price = j.at("price").is_null() ? std::nullopt : std::optional<double>(j.at("price").get<double>());
        mapped.pages = j.at("pages").is_null() ? std::nullopt : std::optional<int>(j.at("pages").get<int>());
        return mapped;
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

std::string item_json_text(const Item& it) {
    json j = {{"id", it.id},
              {"barcode", it.barcode},
              {"record_id", it.record_id},
              {"call_number", it.call_number},
              {"copy_number", it.copy_number},
              {"status", to_string(it.status)},
              {"location", it.location}};
    return j.dump();
}

}  // namespace shuxiang::catalog
