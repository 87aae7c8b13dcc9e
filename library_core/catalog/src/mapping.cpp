#include "shuxiang/catalog/mapping.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace shuxiang::catalog {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    return std::string(s.substr(b, e - b));
}

// MARC21 values end in ISBD punctuation (" /", " :", " ;", ",", "."); the mapped value should not.
std::string strip_isbd(std::string_view s) {
    std::string t = trim(s);
    while (!t.empty()) {
        char c = t.back();
        if (c == '/' || c == ':' || c == ';' || c == '=' || c == ',') {
            t.pop_back();
            t = trim(t);
        } else if (c == '.' && !(t.size() >= 2 && t[t.size() - 2] == '.')) {
            // Keep a final period after a one-letter initial ("Smith, J.")
            if (t.size() >= 3 && t[t.size() - 3] == ' ' && is_alpha(t[t.size() - 2])) break;
            t.pop_back();
            t = trim(t);
        } else {
            break;
        }
    }
    return t;
}

std::string year_of(std::string_view s) {
    for (std::size_t i = 0; i + 4 <= s.size(); ++i)
        if (is_digit(s[i]) && is_digit(s[i + 1]) && is_digit(s[i + 2]) && is_digit(s[i + 3]) &&
            (i + 4 == s.size() || !is_digit(s[i + 4])) && (i == 0 || !is_digit(s[i - 1])))
            return std::string(s.substr(i, 4));
    return strip_isbd(s);
}

std::string joined_subject(const Field& f) {
    std::string out;
    for (const Subfield& s : f.subfields) {
        if (s.code != 'a' && s.code != 'x' && s.code != 'y' && s.code != 'z' && s.code != 'j') continue;
        std::string v = strip_isbd(s.value);
        if (v.empty()) continue;
        if (!out.empty()) out += "--";
        out += v;
    }
    return out;
}

Audience cn_audience(char c) {
    switch (c) {
        case 'a': return Audience::General;
        case 'b': return Audience::Preschool;
        case 'c': return Audience::Primary;
        case 'd': return Audience::Junior;
        case 'e': return Audience::Senior;
        case 'k':
        case 'm': return Audience::Adult;
        default: return Audience::Unknown;
    }
}

char cn_audience_code(Audience a) {
    switch (a) {
        case Audience::General: return 'a';
        case Audience::Preschool: return 'b';
        case Audience::Primary: return 'c';
        case Audience::Junior: return 'd';
        case Audience::Senior: return 'e';
        case Audience::Adult: return 'm';
        case Audience::Unknown: return ' ';
    }
    return ' ';
}

Audience m21_audience(char c) {
    switch (c) {
        case 'a': return Audience::Preschool;
        case 'b': return Audience::Primary;
        case 'c': return Audience::Junior;
        case 'd': return Audience::Senior;
        case 'e': return Audience::Adult;
        case 'g':
        case 'j': return Audience::General;
        default: return Audience::Unknown;
    }
}

char m21_audience_code(Audience a) {
    switch (a) {
        case Audience::Preschool: return 'a';
        case Audience::Primary: return 'b';
        case Audience::Junior: return 'c';
        case Audience::Senior: return 'd';
        case Audience::Adult: return 'e';
        case Audience::General: return 'g';
        case Audience::Unknown: return ' ';
    }
    return ' ';
}

bool contains_any(std::string_view text, const std::vector<std::string>& words) {
    for (const auto& w : words)
        if (!w.empty() && text.find(w) != std::string_view::npos) return true;
    return false;
}

std::string format_price(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "CNY%.2f", v);
    return buf;
}

Field data_field(std::string tag, char i1, char i2, std::vector<Subfield> subs) {
    Field f;
    f.tag = std::move(tag);
    f.ind1 = i1;
    f.ind2 = i2;
    f.subfields = std::move(subs);
    return f;
}

Field control_field(std::string tag, std::string data) {
    Field f;
    f.tag = std::move(tag);
    f.data = std::move(data);
    return f;
}

std::vector<Subfield> subject_subfields(const std::string& subject) {
    std::vector<Subfield> out;
    std::size_t p = 0;
    while (p <= subject.size()) {
        std::size_t q = subject.find("--", p);
        std::string part = subject.substr(p, q == std::string::npos ? std::string::npos : q - p);
        if (!part.empty()) out.push_back({out.empty() ? 'a' : 'x', part});
        if (q == std::string::npos) break;
        p = q + 2;
    }
    return out;
}

void split_call_number(const std::string& cn, std::string& cls, std::string& rest) {
    auto slash = cn.find('/');
    cls = slash == std::string::npos ? cn : cn.substr(0, slash);
    rest = slash == std::string::npos ? std::string() : cn.substr(slash + 1);
}

}  // namespace

std::optional<double> parse_price(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && !is_digit(text[i])) ++i;
    if (i == text.size()) return std::nullopt;
    std::string prefix(text.substr(0, i));
    std::string letters;
    for (char c : prefix) {
        if (is_alpha(c)) letters += static_cast<char>(c >= 'a' ? c - 'a' + 'A' : c);
        if (c == '$') return std::nullopt;
    }
    if (!letters.empty() && letters != "CNY" && letters != "RMB") return std::nullopt;
    std::size_t j = i;
    while (j < text.size() && (is_digit(text[j]) || text[j] == '.' || text[j] == ',')) ++j;
    std::string number;
    for (std::size_t k = i; k < j; ++k)
        if (text[k] != ',') number += text[k];
    // A currency code after the number ("12.00USD") that is not the yuan means another currency.
    std::size_t k = j;
    while (k < text.size() && text[k] == ' ') ++k;
    std::string suffix;
    while (k < text.size() && is_alpha(text[k])) suffix += text[k++];
    if (suffix.size() == 3 && suffix != "CNY" && suffix != "RMB") return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(number.c_str(), &end);
    if (end == number.c_str() || !std::isfinite(v) || v < 0) return std::nullopt;
    return v;
}

std::optional<int> parse_pages(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        if (!is_digit(text[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        long v = 0;
        while (j < text.size() && is_digit(text[j])) {
            if (v < 1000000) v = v * 10 + (text[j] - '0');
            ++j;
        }
        std::size_t k = j;
        while (k < text.size() && text[k] == ' ') ++k;
        std::string_view rest = text.substr(k);
        if (rest.rfind("页", 0) == 0 || rest.rfind("p", 0) == 0 || rest.rfind("P", 0) == 0) {
            if (v > 0 && v < 1000000) return static_cast<int>(v);
        }
        i = j;
    }
    std::string t = trim(text);
    while (!t.empty() && t.back() == '.') t.pop_back();
    if (!t.empty() && t.size() < 7) {
        bool digits = true;
        for (char c : t) digits = digits && is_digit(c);
        if (digits) {
            int v = std::atoi(t.c_str());
            if (v > 0) return v;
        }
    }
    return std::nullopt;
}

std::string clean_isbn(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && text[i] == ' ') ++i;
    std::string out;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (is_digit(c)) out += c;
        else if (c == 'x' || c == 'X') out += 'X';
        else if (c == '-' || c == ' ') continue;
        else break;
    }
    return out.empty() ? trim(text) : out;
}

BibRecord to_bib(MarcRecord marc, MarcFlavor flavor, const MappingOptions& options) {
    BibRecord b;
    b.flavor = flavor;
    auto norm = [&](std::string_view s) { return options.normalize_isbn ? options.normalize_isbn(s) : clean_isbn(s); };
    if (const Field* f = marc.field("001")) b.control_number = trim(f->data);
    std::string local_text;  // subjects, series and local notes, searched for the keywords
    if (flavor == MarcFlavor::Cnmarc) {
        for (const Field* f : marc.fields_with("010")) {
            for (const auto& a : f->all('a'))
                if (!trim(a).empty()) b.isbns.push_back(norm(a));
            if (!b.price)
                if (const Subfield* d = f->find('d')) b.price = parse_price(d->value);
        }
        std::string a100 = marc.value("100", 'a');
        if (a100.size() > 17) b.audience = cn_audience(a100[17]);
        b.language = trim(marc.value("101", 'a'));
        if (const Field* f = marc.field("200")) {
            b.title = trim(f->find('a') ? f->find('a')->value : "");
            std::vector<std::string> other = f->all('e');
            for (const auto& o : other) b.other_title += (b.other_title.empty() ? "" : " : ") + trim(o);
            std::vector<std::string> resp = f->all('f');
            for (const auto& g : f->all('g')) resp.push_back(g);
            for (const auto& r : resp) b.responsibility += (b.responsibility.empty() ? "" : "; ") + trim(r);
        }
        if (b.responsibility.empty()) b.responsibility = trim(marc.value("701", 'a'));
        b.edition = trim(marc.value("205", 'a'));
        if (const Field* f = marc.field("210")) {
            if (auto* s = f->find('a')) b.place = trim(s->value);
            if (auto* s = f->find('c')) b.publisher = trim(s->value);
            if (auto* s = f->find('d')) b.year = year_of(s->value);
        }
        if (const Field* f = marc.field("215"))
            if (auto* s = f->find('a')) b.pages = parse_pages(s->value);
        b.series = trim(marc.value("225", 'a'));
        b.summary = trim(marc.value("330", 'a'));
        for (const Field& f : marc.fields) {
            const std::string_view t = f.tag;  // string_view: compared inline, no strlen per literal
            if (t == "606" || t == "600" || t == "601" || t == "607" || t == "610") {
                std::string s = joined_subject(f);
                if (!s.empty()) b.subjects.push_back(s);
            }
        }
        b.clc_class = trim(marc.value("690", 'a'));
        if (const Field* f = marc.field("905")) {
            std::string cls = trim(f->find('d') ? f->find('d')->value : "");
            std::string num = trim(f->find('e') ? f->find('e')->value : "");
            if (cls.empty()) cls = b.clc_class;
            if (!cls.empty() || !num.empty()) b.call_number = num.empty() ? cls : cls + "/" + num;
        }
    } else {
        for (const Field* f : marc.fields_with("020")) {
            for (const auto& a : f->all('a'))
                if (!trim(a).empty()) b.isbns.push_back(norm(a));
            if (!b.price)
                if (const Subfield* c = f->find('c')) b.price = parse_price(c->value);
        }
        if (const Field* f = marc.field("008"); f && f->data.size() >= 38) {
            b.audience = m21_audience(f->data[22]);
            b.language = trim(f->data.substr(35, 3));
        } else if (f && f->data.size() > 22) {
            b.audience = m21_audience(f->data[22]);
        }
        if (std::string l = trim(marc.value("041", 'a')); !l.empty()) b.language = l;
        for (const Field* f : marc.fields_with("084")) {
            std::string src = f->find('2') ? f->find('2')->value : "";
            for (char& c : src) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            if (trim(src) == "clc" && f->find('a')) {
                b.clc_class = trim(f->find('a')->value);
                break;
            }
        }
        if (const Field* f = marc.field("245")) {
            if (auto* s = f->find('a')) b.title = strip_isbd(s->value);
            if (auto* s = f->find('b')) b.other_title = strip_isbd(s->value);
            if (auto* s = f->find('c')) b.responsibility = strip_isbd(s->value);
        }
        if (b.responsibility.empty()) b.responsibility = strip_isbd(marc.value("100", 'a'));
        b.edition = strip_isbd(marc.value("250", 'a'));
        const Field* pub = nullptr;
        for (const Field* f : marc.fields_with("264"))
            if (f->ind2 == '1') {
                pub = f;
                break;
            }
        if (!pub) pub = marc.field("260");
        if (!pub) pub = marc.field("264");
        if (pub) {
            if (auto* s = pub->find('a')) b.place = strip_isbd(s->value);
            if (auto* s = pub->find('b')) b.publisher = strip_isbd(s->value);
            if (auto* s = pub->find('c')) b.year = year_of(s->value);
        }
        if (const Field* f = marc.field("300"))
            if (auto* s = f->find('a')) b.pages = parse_pages(s->value);
        b.series = strip_isbd(marc.value("490", 'a'));
        b.summary = trim(marc.value("520", 'a'));
        for (const Field& f : marc.fields) {
            const std::string_view t = f.tag;
            if (t == "650" || t == "600" || t == "610" || t == "651") {
                std::string s = joined_subject(f);
                if (!s.empty()) b.subjects.push_back(s);
            }
        }
        if (const Field* f = marc.field("852")) {
            std::string cls = trim(f->find('h') ? f->find('h')->value : "");
            std::string num = trim(f->find('i') ? f->find('i')->value : "");
            if (cls.empty()) cls = b.clc_class;
            if (!cls.empty() || !num.empty()) b.call_number = num.empty() ? cls : cls + "/" + num;
        }
    }
    for (const auto& s : b.subjects) local_text += s + "\n";
    local_text += b.series + "\n";
    for (const Field& f : marc.fields) {
        const std::string_view t = f.tag;
        bool local_note = (!t.empty() && t[0] == '9') || (flavor == MarcFlavor::Marc21 && t == "590");
        if (!local_note) continue;
        for (const Subfield& s : f.subfields) local_text += s.value + "\n";
    }
    b.local_collection = contains_any(local_text, options.local_keywords);
    b.marc = std::move(marc);
    return b;
}

// The record's 856 access links (e-books, audio books, databases) in the flavour written: the same
// tag in both; MARC21's link text ($y) and access method ($2) are CNMARC's $2 and $y, and CNMARC's
// second indicator is undefined (blank). Other subfields ($u, $z, $q ...) go across unchanged.
static void add_access_links(MarcRecord& r, const BibRecord& b, MarcFlavor flavor) {
    std::vector<Field> links;
    for (const Field* f : b.marc.fields_with("856")) {
        Field out = *f;
        if (b.flavor != flavor) {
            if (flavor == MarcFlavor::Cnmarc) out.ind2 = ' ';
            for (auto& s : out.subfields)
                if (s.code == 'y' || s.code == '2') s.code = s.code == 'y' ? '2' : 'y';
        }
        links.push_back(std::move(out));
    }
    auto at = std::find_if(r.fields.begin(), r.fields.end(), [](const Field& f) { return f.tag > "856"; });
    r.fields.insert(at, links.begin(), links.end());
}

MarcRecord to_marc(const BibRecord& b, MarcFlavor flavor, std::string_view date_entered) {
    MarcRecord r;
    std::string date(date_entered.substr(0, 8));
    date.resize(8, '0');
    std::string year4 = b.year.size() >= 4 ? year_of(b.year) : std::string();
    year4.resize(4, ' ');
    std::string cls, num;
    split_call_number(b.call_number, cls, num);
    if (cls.empty()) cls = b.clc_class;
    if (flavor == MarcFlavor::Cnmarc) {
        r.leader = "00000nam0 2200000   450 ";
        if (!b.control_number.empty()) r.fields.push_back(control_field("001", b.control_number));
        for (std::size_t i = 0; i < b.isbns.size(); ++i) {
            std::vector<Subfield> subs{{'a', b.isbns[i]}};
            if (i == 0 && b.price) subs.push_back({'d', format_price(*b.price)});
            r.fields.push_back(data_field("010", ' ', ' ', subs));
        }
        if (b.isbns.empty() && b.price) r.fields.push_back(data_field("010", ' ', ' ', {{'d', format_price(*b.price)}}));
        std::string a100 = date + "d" + year4 + "    " + std::string(1, cn_audience_code(b.audience)) + "  " +
                           "y0chiy50      ea";
        r.fields.push_back(data_field("100", ' ', ' ', {{'a', a100}}));
        if (!b.language.empty()) r.fields.push_back(data_field("101", '0', ' ', {{'a', b.language}}));
        std::vector<Subfield> t{{'a', b.title}};
        if (!b.other_title.empty()) t.push_back({'e', b.other_title});
        if (!b.responsibility.empty()) t.push_back({'f', b.responsibility});
        r.fields.push_back(data_field("200", '1', ' ', t));
        if (!b.edition.empty()) r.fields.push_back(data_field("205", ' ', ' ', {{'a', b.edition}}));
        std::vector<Subfield> pub;
        if (!b.place.empty()) pub.push_back({'a', b.place});
        if (!b.publisher.empty()) pub.push_back({'c', b.publisher});
        if (!b.year.empty()) pub.push_back({'d', b.year});
        if (!pub.empty()) r.fields.push_back(data_field("210", ' ', ' ', pub));
        if (b.pages) r.fields.push_back(data_field("215", ' ', ' ', {{'a', std::to_string(*b.pages) + "页"}}));
        if (!b.series.empty()) r.fields.push_back(data_field("225", '2', ' ', {{'a', b.series}}));
        if (!b.summary.empty()) r.fields.push_back(data_field("330", ' ', ' ', {{'a', b.summary}}));
        for (const auto& s : b.subjects) r.fields.push_back(data_field("606", '0', ' ', subject_subfields(s)));
        if (!b.clc_class.empty()) r.fields.push_back(data_field("690", ' ', ' ', {{'a', b.clc_class}, {'v', "5"}}));
        if (!cls.empty() || !num.empty()) {
            std::vector<Subfield> c;
            if (!cls.empty()) c.push_back({'d', cls});
            if (!num.empty()) c.push_back({'e', num});
            r.fields.push_back(data_field("905", ' ', ' ', c));
        }
        if (b.local_collection) r.fields.push_back(data_field("990", ' ', ' ', {{'a', "地方文献"}}));
        add_access_links(r, b, flavor);
        return r;
    }
    r.leader = "00000nam a2200000 i 4500";
    if (!b.control_number.empty()) r.fields.push_back(control_field("001", b.control_number));
    std::string f008(40, ' ');
    f008.replace(0, 6, date.substr(2, 6));
    f008[6] = 's';
    f008.replace(7, 4, year4);
    f008.replace(15, 3, "cc ");
    f008[22] = m21_audience_code(b.audience);
    f008.replace(29, 3, "000");
    f008[33] = '0';
    std::string lang = b.language.empty() ? std::string("chi") : b.language;
    lang.resize(3, ' ');
    f008.replace(35, 3, lang);
    f008[39] = 'd';
    r.fields.push_back(control_field("008", f008));
    for (std::size_t i = 0; i < b.isbns.size(); ++i) {
        std::vector<Subfield> subs{{'a', b.isbns[i]}};
        if (i == 0 && b.price) subs.push_back({'c', format_price(*b.price)});
        r.fields.push_back(data_field("020", ' ', ' ', subs));
    }
    if (b.isbns.empty() && b.price) r.fields.push_back(data_field("020", ' ', ' ', {{'c', format_price(*b.price)}}));
    if (!b.language.empty()) r.fields.push_back(data_field("041", '0', ' ', {{'a', b.language}}));
    if (!b.clc_class.empty()) r.fields.push_back(data_field("084", ' ', ' ', {{'a', b.clc_class}, {'2', "clc"}}));
    std::vector<Subfield> t{{'a', b.title}};
    if (!b.other_title.empty()) t.push_back({'b', b.other_title});
    if (!b.responsibility.empty()) t.push_back({'c', b.responsibility});
    r.fields.push_back(data_field("245", '0', '0', t));
    if (!b.edition.empty()) r.fields.push_back(data_field("250", ' ', ' ', {{'a', b.edition}}));
    std::vector<Subfield> pub;
    if (!b.place.empty()) pub.push_back({'a', b.place});
    if (!b.publisher.empty()) pub.push_back({'b', b.publisher});
    if (!b.year.empty()) pub.push_back({'c', b.year});
    if (!pub.empty()) r.fields.push_back(data_field("264", ' ', '1', pub));
    if (b.pages) r.fields.push_back(data_field("300", ' ', ' ', {{'a', std::to_string(*b.pages) + " p."}}));
    if (!b.series.empty()) r.fields.push_back(data_field("490", '0', ' ', {{'a', b.series}}));
    if (!b.summary.empty()) r.fields.push_back(data_field("520", ' ', ' ', {{'a', b.summary}}));
    if (b.local_collection) r.fields.push_back(data_field("590", ' ', ' ', {{'a', "地方文献"}}));
    for (const auto& s : b.subjects) r.fields.push_back(data_field("650", ' ', '4', subject_subfields(s)));
    if (!cls.empty() || !num.empty()) {
        std::vector<Subfield> c;
        if (!cls.empty()) c.push_back({'h', cls});
        if (!num.empty()) c.push_back({'i', num});
        r.fields.push_back(data_field("852", ' ', ' ', c));
    }
    add_access_links(r, b, flavor);
    return r;
}

}  // namespace shuxiang::catalog
