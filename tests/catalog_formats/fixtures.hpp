#pragma once
// Test MARC files built byte by byte, independently of the writer under test. Each defect file is
// <clean record A> <defective record(s)> <clean record A>; record A is 131 bytes:
//   leader 0-23, directory 24-60 (001 @24, 245 @36, 260 @48, terminator @60), base address 61,
//   001 data @61 (7 bytes), 245 @68 (31 bytes), 260 @99 (31 bytes), record terminator @130.
// The committed copies in tests/data/catalog/ are checked against these builders.
#include <map>
#include <string>
#include <vector>

namespace fx {

inline const char RS = 0x1E, US = 0x1F, RT = 0x1D;

struct F {
    std::string tag;
    std::string body;  // control data, or indicators + subfields; no terminator
};

inline std::string sf(char code, const std::string& v) { return std::string(1, US) + code + v; }

inline std::string pad(std::size_t v, std::size_t w) {
    std::string s = std::to_string(v);
    return std::string(w > s.size() ? w - s.size() : 0, '0') + s;
}

// Lays out a record with correct lengths (length and base address over 5 digits are clamped).
inline std::string build(std::string leader, const std::vector<F>& fields) {
    std::string dir, data;
    for (const auto& f : fields) {
        std::string body = f.body + RS;
        std::string len = pad(body.size(), 4);
        if (len.size() > 4) len = "9999";
        dir += f.tag + len + pad(data.size(), 5);
        data += body;
    }
    dir += RS;
    std::size_t base = 24 + dir.size();
    std::size_t total = base + data.size() + 1;
    std::string l = pad(total, 5);
    if (l.size() > 5) l = "99999";
    leader.replace(0, 5, l);
    leader.replace(12, 5, pad(base, 5));
    return leader + dir + data + RT;
}

inline const std::string kM21Leader = "00000nam a2200000 i 4500";
inline const std::string kM21Marc8Leader = "00000nam  2200000 i 4500";
inline const std::string kCnLeader = "00000nam0 2200000   450 ";

inline std::vector<F> a_fields() {
    return {{"001", "sx0001"},
            {"245", "10" + sf('a', "中国文学史") + sf('c', "王力著")},
            {"260", "  " + sf('a', "北京") + sf('b', "中华书局") + sf('c', "2019")}};
}
inline std::string record_a() { return build(kM21Leader, a_fields()); }

// 100$a with the character set code at 26-27 and the audience at 17.
inline std::string cn100(const std::string& code, char audience = 'c') {
    std::string a = "20190315d2018    " + std::string(1, audience) + "  y0chiy" + code + "      ea";
    return a;
}

inline std::string cnmarc_utf8() {
    std::string r1 = build(kCnLeader, {
        {"001", "CN20190001"},
        {"005", "20190315101010.0"},
        {"010", "  " + sf('a', "978-7-5321-4812-6") + sf('b', "平装") + sf('d', "CNY25.00")},
        {"100", "  " + sf('a', cn100("50", 'c'))},
        {"101", "0 " + sf('a', "chi")},
        {"102", "  " + sf('a', "CN") + sf('b', "430000")},
        {"200", "1 " + sf('a', "岳阳楼记") + sf('9', "yue yang lou ji") + sf('e', "古文名篇选读") + sf('f', "(宋)范仲淹著") + sf('g', "李明注")},
        {"205", "  " + sf('a', "第2版")},
        {"210", "  " + sf('a', "长沙") + sf('c', "湖南人民出版社") + sf('d', "2018")},
        {"215", "  " + sf('a', "256页") + sf('c', "图") + sf('d', "21cm")},
        {"225", "2 " + sf('a', "湖湘文库")},
        {"330", "  " + sf('a', "本书收录范仲淹《岳阳楼记》及相关名篇。")},
        {"606", "0 " + sf('a', "古典散文") + sf('x', "作品集") + sf('y', "中国") + sf('z', "北宋")},
        {"690", "  " + sf('a', "I262") + sf('v', "5")},
        {"701", " 0" + sf('a', "范仲淹") + sf('4', "著")},
        {"702", " 0" + sf('a', "李明") + sf('4', "注")},
        {"801", " 0" + sf('a', "CN") + sf('b', "430101") + sf('c', "20190315")},
        {"905", "  " + sf('a', "430101") + sf('d', "I262") + sf('e', "15")},
    });
    std::string r2 = build(kCnLeader, {
        {"001", "CN20190002"},
        {"010", "  " + sf('a', "7-02-002130-4") + sf('d', "¥45.00")},
        {"100", "  " + sf('a', cn100("50", 'e'))},
        {"101", "0 " + sf('a', "chi")},
        {"200", "1 " + sf('a', "红楼梦") + sf('f', "曹雪芹著")},
        {"210", "  " + sf('a', "北京") + sf('c', "人民文学出版社") + sf('d', "1996")},
        {"215", "  " + sf('a', "1606页")},
        {"606", "0 " + sf('a', "章回小说") + sf('y', "中国") + sf('z', "清代")},
        {"690", "  " + sf('a', "I242.4") + sf('v', "5")},
        {"701", " 0" + sf('a', "曹雪芹")},
        {"905", "  " + sf('d', "I242.4") + sf('e', "C12")},
    });
    std::string r3 = build(kCnLeader, {
        {"001", "CN20190003"},
        {"010", "  " + sf('a', "978-7-5438-9012-3") + sf('d', "38.00元")},
        {"100", "  " + sf('a', cn100("50", 'd'))},
        {"101", "0 " + sf('a', "chi")},
        {"200", "1 " + sf('a', "洞庭湖的鸟") + sf('f', "张华编著")},
        {"210", "  " + sf('a', "长沙") + sf('c', "湖南少年儿童出版社") + sf('d', "2020.6")},
        {"215", "  " + sf('a', "128页") + sf('c', "彩图")},
        {"606", "0 " + sf('a', "鸟类") + sf('y', "岳阳") + sf('x', "少儿读物")},
        {"690", "  " + sf('a', "Q959.7-49") + sf('v', "5")},
        {"905", "  " + sf('d', "Q959.7-49") + sf('e', "3")},
    });
    return r1 + "\r\n" + r2 + "\r\n" + r3 + "\r\n";
}

inline std::string marc21_utf8_cjk() {
    return build(kM21Leader, {
        {"001", "m21-0001"},
        {"008", "190315s2019    cc a   c      000 1 chi d"},
        {"020", "  " + sf('a', "9787020024759") + sf('q', "平装") + sf('c', "CNY59.70")},
        {"041", "0 " + sf('a', "chi")},
        {"084", "  " + sf('a', "I242.4") + sf('2', "clc")},
        {"100", "1 " + sf('a', "曹雪芹,") + sf('d', "1715?-1763.")},
        {"245", "10" + sf('a', "红楼梦 /") + sf('c', "曹雪芹著.")},
        {"250", "  " + sf('a', "第3版.")},
        {"264", " 1" + sf('a', "北京 :") + sf('b', "人民文学出版社,") + sf('c', "2019.")},
        {"300", "  " + sf('a', "xii, 1606 p. :") + sf('b', "ill. ;") + sf('c', "21 cm")},
        {"490", "0 " + sf('a', "中国古典文学读本丛书")},
        {"650", " 0" + sf('a', "Chinese fiction") + sf('y', "Qing dynasty, 1644-1912.")},
        {"650", " 4" + sf('a', "章回小说") + sf('z', "中国")},
        {"700", "1 " + sf('a', "高鹗,") + sf('e', "续.")},
        {"852", "  " + sf('a', "SX") + sf('h', "I242.4") + sf('i', "C12")},
    });
}

// MARC-8 with CJK EACC (ESC $ 1 ... ESC ( B); the bytes came from yaz's UTF-8 → MARC-8 encoder and
// were checked with `yaz-marcdump -f marc8 -t utf8`.
inline const std::string kEaccHongloumeng = "\x1B\x24\x31\x27\x50\x72\x27\x45\x4A\x27\x39\x24\x1B\x28\x42";
inline const std::string kEaccCaoxueqin = "\x1B\x24\x31\x21\x43\x56\x21\x5F\x52\x21\x54\x5E\x21\x55\x4E\x1B\x28\x42";
inline const std::string kEaccBeijing = "\x1B\x24\x31\x21\x34\x49\x21\x30\x61\x1B\x28\x42";
inline const std::string kEaccRenminWenxue =
    "\x1B\x24\x31\x21\x30\x64\x21\x46\x4D\x21\x42\x58\x27\x3A\x60\x21\x33\x4B\x21\x4A\x48\x21\x4E\x61\x1B\x28\x42";
inline const std::string kEaccXiaoshuo = "\x1B\x24\x31\x21\x3B\x45\x27\x58\x69\x1B\x28\x42";
inline const std::string kAnselCafe = "Caf\xE2" "e";

inline std::string marc21_marc8_eacc() {
    return build(kM21Marc8Leader, {
        {"001", "m8-0001"},
        {"008", "190315s1996    cc            000 1 chi d"},
        {"245", "10" + sf('a', kEaccHongloumeng) + sf('c', kEaccCaoxueqin)},
        {"260", "  " + sf('a', kEaccBeijing) + sf('b', kEaccRenminWenxue) + sf('c', "1996")},
        {"500", "  " + sf('a', "Printed at " + kAnselCafe + " Press")},
        {"650", " 4" + sf('a', kEaccXiaoshuo)},
    });
}

// GB18030 byte strings.
inline const std::string kGbYueyanglouji = "\xD4\xC0\xD1\xF4\xC2\xA5\xBC\xC7";
inline const std::string kGbFanzhongyan = "\xB7\xB6\xD6\xD9\xD1\xCD\xD6\xF8";
inline const std::string kGbChangsha = "\xB3\xA4\xC9\xB3";
inline const std::string kGbHunanRenmin = "\xBA\xFE\xC4\xCF\xC8\xCB\xC3\xF1\xB3\xF6\xB0\xE6\xC9\xE7";
inline const std::string kGbHuxiang = "\xBA\xFE\xCF\xE6\xCE\xC4\xBB\xAF";
inline const std::string kGbDongtinghu = "\xB6\xB4\xCD\xA5\xBA\xFE";

// Record 1: 100$a/26-27 blank; record 2: no 100 field; record 3: 100$a says 50 (UTF-8) but is GB18030.
inline std::string cnmarc_gb18030() {
    std::string r1 = build(kCnLeader, {
        {"001", "GB0001"},
        {"010", "  " + sf('a', "7-5438-1234-5") + sf('d', "CNY12.50")},
        {"100", "  " + sf('a', cn100("  ", 'd'))},
        {"200", "1 " + sf('a', kGbYueyanglouji) + sf('f', kGbFanzhongyan)},
        {"210", "  " + sf('a', kGbChangsha) + sf('c', kGbHunanRenmin) + sf('d', "2005")},
        {"606", "0 " + sf('a', kGbHuxiang)},
    });
    std::string r2 = build(kCnLeader, {
        {"001", "GB0002"},
        {"200", "1 " + sf('a', kGbDongtinghu)},
    });
    std::string r3 = build(kCnLeader, {
        {"001", "GB0003"},
        {"100", "  " + sf('a', cn100("50", 'c'))},
        {"200", "1 " + sf('a', kGbYueyanglouji)},
    });
    return r1 + r2 + r3;
}

// ---- One file per row of the malformed-record table (marc-formats.md §2.4).

inline std::string with_leader_length(std::string r, const std::string& five) {
    r.replace(0, 5, five);
    return r;
}

inline std::map<std::string, std::string> defect_files() {
    const std::string A = record_a();
    std::map<std::string, std::string> m;
    // Leader length not numeric (record 2), and stated length != actual (record 3).
    m["defect_length_not_numeric.mrc"] = A + with_leader_length(A, "01x3 ") + with_leader_length(A, "00140") + A;
    // Record over 99999 bytes: twelve 9001-byte fields; the leader can only say 99999.
    {
        std::vector<F> fs{{"001", "sx-long"}};
        for (int i = 0; i < 12; ++i) fs.push_back({"520", "  " + sf('a', std::string(8996, static_cast<char>('a' + i)))});
        m["defect_record_too_long.mrc"] = A + build(kM21Leader, fs) + A;
    }
    // Truncated file: the third record is cut after 100 bytes.
    m["defect_truncated.mrc"] = A + A + A.substr(0, 100);
    // Stray 0x1D and CR/LF between records.
    m["defect_stray_terminator.mrc"] = A + std::string(1, RT) + "\r\n" + A + std::string(1, RT);
    // Leader one byte short (byte 17 missing; total length fixed to 130), and bad entry map.
    {
        std::string b = A;
        b.erase(17, 1);
        b.replace(0, 5, "00130");
        std::string c = A;
        c.replace(20, 4, "ab00");
        m["defect_leader.mrc"] = A + b + c + A;
    }
    // Directory: an 11-byte entry (245's length "031"); then a wrong base address.
    {
        std::string b = A;
        b.erase(39, 1);  // "245" "0031" "00007" -> "245" "031" "00007"
        b.replace(0, 5, "00130");
        b.replace(12, 5, "00060");
        std::string c = A;
        c.replace(12, 5, "00070");
        m["defect_directory.mrc"] = A + b + c + A;
    }
    // Directory offset out of bounds (260 at 99999), then length out of bounds (260 length 9999).
    {
        std::string b = A;
        b.replace(55, 5, "99999");
        std::string c = A;
        c.replace(51, 4, "9999");
        m["defect_out_of_bounds.mrc"] = A + b + c + A;
    }
    // A field over 9999 bytes (its directory length can only say 9999).
    m["defect_field_too_long.mrc"] =
        A + build(kM21Leader, {{"001", "sx-520"}, {"520", "  " + sf('a', std::string(11996, 'z'))}, {"650", " 4" + sf('a', "Test")}}) + A;
    // Directory entries out of order (245 listed before 001).
    {
        std::string b = A;
        std::string e001 = b.substr(24, 12), e245 = b.substr(36, 12);
        b.replace(24, 12, e245);
        b.replace(36, 12, e001);
        m["defect_out_of_order.mrc"] = A + b + A;
    }
    // Field terminator missing (245's RS replaced by '.') and misplaced (RS inside 260$c).
    {
        std::string b = A;
        b[98] = '.';
        std::string c = A;
        c[127] = RS;
        m["defect_field_terminator.mrc"] = A + b + c + A;
    }
    // Bad indicators (245 "1#") and a bad subfield code (260 $B).
    {
        std::string b = A;
        b[69] = '#';
        std::string c = A;
        c[110] = 'B';
        m["defect_indicators_codes.mrc"] = A + b + c + A;
    }
    // Entirely empty subfield in 245.
    m["defect_empty_subfield.mrc"] =
        A + build(kM21Leader, {{"001", "sx0001"}, {"245", "10" + sf('a', "中国文学史") + std::string(1, US) + sf('c', "王力著")}, a_fields()[2]}) + A;
    // Invalid UTF-8 (a lone 0xFF inside 245$a under leader/09 = 'a').
    m["defect_invalid_utf8.mrc"] =
        A + build(kM21Leader, {{"001", "sx0001"}, {"245", "10" + sf('a', "中国\xFF文学史") + sf('c', "王力著")}, a_fields()[2]}) + A;
    // UTF-8 flag missing: leader/09 blank but the text is UTF-8.
    m["defect_utf8_flag_missing.mrc"] = A + build(kM21Marc8Leader, a_fields()) + A;
    // Broken MARC-8: an EACC run cut to 2 bytes, and a C1 byte 0x81.
    m["defect_broken_marc8.mrc"] = A +
        build(kM21Marc8Leader, {{"001", "m8-bad"}, {"245", "10" + sf('a', "\x1B\x24\x31\x27\x50\x72\x27\x45\x1B\x28\x42") + sf('c', "Smith")}}) +
        build(kM21Marc8Leader, {{"001", "m8-c1"}, {"245", "10" + sf('a', "Bad \x81 byte")}}) + A;
    // Many mixed errors; defect_mixed_oracle.mrc holds the same five records clean.
    {
        std::string b = A;
        b.replace(12, 5, "00070");  // base address
        std::string c = A;
        c.replace(20, 4, "4 5 ");  // entry map
        std::string d = A;
        d.erase(39, 1);  // 11-byte directory entry
        d.replace(0, 5, "00130");
        d.replace(12, 5, "00060");
        m["defect_mixed.mrc"] = with_leader_length(A, "00200") + "\r\n" + std::string(1, RT) + b + "\n" + c + d +
                                std::string(2, RT) + A;
        m["defect_mixed_oracle.mrc"] = A + A + A + A + A;
    }
    return m;
}

inline std::map<std::string, std::string> all_files() {
    auto m = defect_files();
    m["cnmarc_utf8.mrc"] = cnmarc_utf8();
    m["marc21_utf8_cjk.mrc"] = marc21_utf8_cjk();
    m["marc21_marc8_eacc.mrc"] = marc21_marc8_eacc();
    m["cnmarc_gb18030_charset.mrc"] = cnmarc_gb18030();
    // MARC21 with GB18030 bytes and leader/09 blank (claims MARC-8).
    m["marc21_gb18030_flag_blank.mrc"] = build(kM21Marc8Leader, {
        {"001", "m21gb-1"},
        {"245", "10" + sf('a', kGbYueyanglouji) + sf('c', kGbFanzhongyan)},
        {"260", "  " + sf('a', kGbChangsha) + sf('b', kGbHunanRenmin) + sf('c', "2005")},
    });
    return m;
}

}  // namespace fx
