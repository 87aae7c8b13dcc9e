// ISO 2709 reading: clean files, every defect row of marc-formats.md §2.4, encodings, strict mode.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "fixtures.hpp"
#include "shuxiang/catalog/iso2709.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

using namespace shuxiang::catalog;

namespace {

const std::filesystem::path kDir = std::filesystem::path(SHUXIANG_TEST_DATA_DIR) / "catalog";

std::string load(const std::string& name) { return shuxiang::read_file(kDir / name); }

struct Read {
    std::vector<ReadRecord> records;
    std::vector<Diagnostic> diags;
};

Read read(const std::string& name, ReadOptions opt = {}) {
    Read r;
    auto reader = Iso2709Reader::open(kDir / name, opt);
    ReadRecord rec;
    while (reader.next(rec)) r.records.push_back(rec);
    r.diags = reader.diagnostics();
    return r;
}

::testing::AssertionResult has_diag(const std::vector<Diagnostic>& ds, std::size_t rec, std::size_t off,
                                    const std::string& code) {
    for (const auto& d : ds)
        if (d.record == rec && d.offset == off && d.code == code) return ::testing::AssertionSuccess();
    std::string all;
    for (const auto& d : ds) all += "\n  " + d.code + " record " + std::to_string(d.record) + " byte " + std::to_string(d.offset);
    return ::testing::AssertionFailure() << "no " << code << " at record " << rec << ", byte " << off << "; have:" << all;
}

const Diagnostic* find_diag(const std::vector<Diagnostic>& ds, const std::string& code) {
    for (const auto& d : ds)
        if (d.code == code) return &d;
    return nullptr;
}

void expect_record_a(const MarcRecord& r) {
    ASSERT_EQ(r.fields.size(), 3u);
    EXPECT_EQ(r.fields[0].data, "sx0001");
    EXPECT_EQ(r.value("245", 'a'), "中国文学史");
    EXPECT_EQ(r.value("245", 'c'), "王力著");
    EXPECT_EQ(r.value("260", 'b'), "中华书局");
    EXPECT_EQ(r.value("260", 'c'), "2019");
}

}  // namespace

TEST(CatalogFormatsData, CommittedFilesMatchTheirBuilders) {
    const bool regen = std::getenv("SHUXIANG_REGEN_TEST_DATA") != nullptr;
    for (const auto& [name, bytes] : fx::all_files()) {
        if (regen) {
            std::filesystem::create_directories(kDir);
            std::ofstream(kDir / name, std::ios::binary) << bytes;
        }
        EXPECT_EQ(load(name), bytes) << name;
    }
}

TEST(Iso2709Read, RecordAIsLaidOutAsDocumented) {
    const std::string a = fx::record_a();
    ASSERT_EQ(a.size(), 131u);
    EXPECT_EQ(a.substr(0, 24), "00131nam a2200061 i 4500");
    EXPECT_EQ(a.substr(24, 12), "001000700000");
    EXPECT_EQ(a.substr(36, 12), "245003100007");
    EXPECT_EQ(a.substr(48, 12), "260003100038");
    EXPECT_EQ(a[130], 0x1D);
}

TEST(Iso2709Read, CleanCnmarcUtf8WithCrLf) {
    auto r = read("cnmarc_utf8.mrc");
    EXPECT_TRUE(r.diags.empty()) << r.diags.front().code;
    ASSERT_EQ(r.records.size(), 3u);
    const auto& rec = r.records[0];
    EXPECT_EQ(rec.flavor, MarcFlavor::Cnmarc);
    EXPECT_EQ(rec.source_encoding, Encoding::Utf8);
    EXPECT_EQ(rec.offset, 0u);
    EXPECT_EQ(rec.record.value("200", 'a'), "岳阳楼记");
    EXPECT_EQ(rec.record.value("200", '9'), "yue yang lou ji");
    EXPECT_EQ(rec.record.value("210", 'c'), "湖南人民出版社");
    const Field* f606 = rec.record.field("606");
    ASSERT_NE(f606, nullptr);
    EXPECT_EQ(f606->ind1, '0');
    EXPECT_EQ(f606->ind2, ' ');
    ASSERT_EQ(f606->subfields.size(), 4u);
    EXPECT_EQ(f606->subfields[3].code, 'z');
    EXPECT_EQ(f606->subfields[3].value, "北宋");
    // Second record starts after record 1 and its CR LF.
    EXPECT_EQ(r.records[1].offset, r.records[0].length + 2);
    EXPECT_EQ(r.records[2].record.value("200", 'a'), "洞庭湖的鸟");
}

TEST(Iso2709Read, Marc21Utf8Cjk) {
    auto r = read("marc21_utf8_cjk.mrc");
    EXPECT_TRUE(r.diags.empty());
    ASSERT_EQ(r.records.size(), 1u);
    EXPECT_EQ(r.records[0].flavor, MarcFlavor::Marc21);
    EXPECT_EQ(r.records[0].record.value("245", 'a'), "红楼梦 /");
    EXPECT_EQ(r.records[0].record.value("264", 'b'), "人民文学出版社,");
    EXPECT_EQ(r.records[0].record.fields_with("650").size(), 2u);
}

TEST(Iso2709Read, Marc8EaccDecodesToChinese) {
    auto r = read("marc21_marc8_eacc.mrc");
    EXPECT_TRUE(r.diags.empty()) << (r.diags.empty() ? "" : r.diags.front().code);
    ASSERT_EQ(r.records.size(), 1u);
    const auto& rec = r.records[0];
    EXPECT_EQ(rec.source_encoding, Encoding::Marc8);
    EXPECT_EQ(rec.record.value("245", 'a'), "红楼梦");
    EXPECT_EQ(rec.record.value("245", 'c'), "曹雪芹著");
    EXPECT_EQ(rec.record.value("260", 'a'), "北京");
    EXPECT_EQ(rec.record.value("260", 'b'), "人民文学出版社");
    EXPECT_EQ(rec.record.value("650", 'a'), "小说");
    // ANSEL acute (0xE2) precedes its base letter in MARC-8 and follows it in Unicode.
    EXPECT_EQ(rec.record.value("500", 'a'), "Printed at Cafe\xCC\x81 Press");
}

TEST(Iso2709Read, Gb18030WithMissingOrWrongCharsetCode) {
    const std::string bytes = load("cnmarc_gb18030_charset.mrc");
    auto r = read("cnmarc_gb18030_charset.mrc");
    ASSERT_EQ(r.records.size(), 3u);
    for (const auto& rec : r.records) EXPECT_EQ(rec.source_encoding, Encoding::Gb18030);
    EXPECT_EQ(r.records[0].record.value("200", 'a'), "岳阳楼记");
    EXPECT_EQ(r.records[0].record.value("200", 'f'), "范仲淹著");
    EXPECT_EQ(r.records[0].record.value("210", 'c'), "湖南人民出版社");
    EXPECT_EQ(r.records[1].record.value("200", 'a'), "洞庭湖");
    EXPECT_EQ(r.records[2].record.value("200", 'a'), "岳阳楼记");
    // The offset is the first byte that is not UTF-8: the first GB18030 title byte of each record.
    const std::size_t t1 = bytes.find(fx::kGbYueyanglouji);
    const std::size_t t2 = bytes.find(fx::kGbDongtinghu);
    const std::size_t t3 = bytes.find(fx::kGbYueyanglouji, t1 + 1);
    EXPECT_TRUE(has_diag(r.diags, 1, t1, "cn_code_gb18030"));
    EXPECT_TRUE(has_diag(r.diags, 2, t2, "cn_no_code_gb18030"));
    EXPECT_TRUE(has_diag(r.diags, 3, t3, "cn_utf8_code_but_gb18030"));
    EXPECT_EQ(r.diags.size(), 3u);
    EXPECT_EQ(find_diag(r.diags, "cn_code_gb18030")->args.at(0), "  ");
    // With the encoding given, the flag is not questioned.
    ReadOptions opt;
    opt.encoding = Encoding::Gb18030;
    auto forced = read("cnmarc_gb18030_charset.mrc", opt);
    EXPECT_TRUE(forced.diags.empty());
    EXPECT_EQ(forced.records[1].record.value("200", 'a'), "洞庭湖");
}

TEST(Iso2709Read, Marc21GbBytesUnderMarc8Flag) {
    const std::string bytes = load("marc21_gb18030_flag_blank.mrc");
    auto r = read("marc21_gb18030_flag_blank.mrc");
    ASSERT_EQ(r.records.size(), 1u);
    EXPECT_EQ(r.records[0].source_encoding, Encoding::Gb18030);
    EXPECT_EQ(r.records[0].record.value("245", 'a'), "岳阳楼记");
    EXPECT_EQ(r.records[0].record.value("260", 'b'), "湖南人民出版社");
    ASSERT_EQ(r.diags.size(), 1u);
    EXPECT_TRUE(has_diag(r.diags, 1, bytes.find(fx::kGbYueyanglouji), "marc8_flag_but_gb18030"));
    // ANSEL under the same flag stays MARC-8.
    EXPECT_FALSE(looks_like_gb_chinese(fx::kAnselCafe));
}

TEST(Iso2709Defects, LengthNotNumericAndMismatch) {
    auto r = read("defect_length_not_numeric.mrc");
    ASSERT_EQ(r.records.size(), 4u);
    EXPECT_TRUE(has_diag(r.diags, 2, 131, "bad_record_length"));
    EXPECT_TRUE(has_diag(r.diags, 3, 262, "length_mismatch"));
    EXPECT_EQ(find_diag(r.diags, "length_mismatch")->args, (std::vector<std::string>{"140", "131"}));
    EXPECT_EQ(r.diags.size(), 2u);
    for (const auto& rec : r.records) expect_record_a(rec.record);
    EXPECT_EQ(r.records[3].offset, 393u);
}

TEST(Iso2709Defects, RecordOver99999Bytes) {
    auto r = read("defect_record_too_long.mrc");
    ASSERT_EQ(r.records.size(), 3u);
    EXPECT_TRUE(has_diag(r.diags, 2, 131, "record_too_long"));
    EXPECT_EQ(find_diag(r.diags, "record_too_long")->args, (std::vector<std::string>{"108202", "99999"}));
    EXPECT_EQ(r.diags.size(), 1u);
    const auto& big = r.records[1].record;
    ASSERT_EQ(big.fields.size(), 13u);
    EXPECT_EQ(big.fields[12].subfields[0].value, std::string(8996, 'l'));
    EXPECT_EQ(r.records[2].offset, 131u + 108202u);
    expect_record_a(r.records[2].record);
}

TEST(Iso2709Defects, TruncatedLastRecordIsPartlyRecovered) {
    auto r = read("defect_truncated.mrc");
    ASSERT_EQ(r.records.size(), 3u);
    EXPECT_TRUE(has_diag(r.diags, 3, 262, "truncated_record"));
    EXPECT_TRUE(has_diag(r.diags, 3, 361, "field_unterminated"));
    EXPECT_TRUE(has_diag(r.diags, 3, 361, "empty_field"));
    EXPECT_EQ(r.diags.size(), 3u);
    const auto& last = r.records[2].record;
    EXPECT_EQ(last.fields[0].data, "sx0001");
    EXPECT_EQ(last.value("245", 'a'), "中国文学史");
    EXPECT_EQ(last.value("245", 'c'), "王力著");
}

TEST(Iso2709Defects, StrayTerminatorsAndCrLfBetweenRecords) {
    auto r = read("defect_stray_terminator.mrc");
    ASSERT_EQ(r.records.size(), 2u);
    EXPECT_TRUE(has_diag(r.diags, 2, 131, "stray_record_terminator"));
    EXPECT_TRUE(has_diag(r.diags, 3, 265, "stray_record_terminator"));
    EXPECT_EQ(r.diags.size(), 2u);
    EXPECT_EQ(r.records[1].offset, 134u);
    expect_record_a(r.records[1].record);
}

TEST(Iso2709Defects, LeaderShortAndBadEntryMap) {
    auto r = read("defect_leader.mrc");
    ASSERT_EQ(r.records.size(), 4u);
    EXPECT_TRUE(has_diag(r.diags, 2, 131, "leader_length"));
    EXPECT_TRUE(has_diag(r.diags, 2, 151, "leader_entry_map"));
    EXPECT_TRUE(has_diag(r.diags, 2, 143, "base_address"));
    EXPECT_TRUE(has_diag(r.diags, 3, 281, "leader_entry_map"));
    EXPECT_EQ(r.diags.size(), 4u);
    for (const auto& rec : r.records) expect_record_a(rec.record);
    EXPECT_EQ(r.records[2].record.leader.substr(20, 4), "4500");
    EXPECT_EQ(r.records[3].offset, 392u);
}

TEST(Iso2709Defects, DirectoryLengthAndBaseAddress) {
    auto r = read("defect_directory.mrc");
    ASSERT_EQ(r.records.size(), 4u);
    EXPECT_TRUE(has_diag(r.diags, 2, 155, "directory_length"));
    EXPECT_TRUE(has_diag(r.diags, 2, 167, "directory_entry_short"));
    EXPECT_TRUE(has_diag(r.diags, 3, 273, "base_address"));
    EXPECT_EQ(find_diag(r.diags, "base_address")->args, (std::vector<std::string>{"00070", "61"}));
    EXPECT_EQ(r.diags.size(), 3u);
    for (const auto& rec : r.records) expect_record_a(rec.record);
}

TEST(Iso2709Defects, DirectoryOffsetAndLengthOutOfBounds) {
    auto r = read("defect_out_of_bounds.mrc");
    ASSERT_EQ(r.records.size(), 4u);
    EXPECT_TRUE(has_diag(r.diags, 2, 179, "field_out_of_bounds"));
    EXPECT_TRUE(has_diag(r.diags, 3, 310, "field_length_mismatch"));
    EXPECT_EQ(find_diag(r.diags, "field_length_mismatch")->args, (std::vector<std::string>{"260", "9999", "31"}));
    EXPECT_EQ(r.diags.size(), 2u);
    ASSERT_EQ(r.records[1].record.fields.size(), 2u);
    EXPECT_EQ(r.records[1].record.value("245", 'a'), "中国文学史");
    expect_record_a(r.records[2].record);
}

TEST(Iso2709Defects, FieldOver9999Bytes) {
    auto r = read("defect_field_too_long.mrc");
    ASSERT_EQ(r.records.size(), 3u);
    EXPECT_TRUE(has_diag(r.diags, 2, 167, "field_too_long"));
    EXPECT_EQ(find_diag(r.diags, "field_too_long")->args, (std::vector<std::string>{"520", "12001"}));
    EXPECT_EQ(r.diags.size(), 1u);
    EXPECT_EQ(r.records[1].record.value("520", 'a'), std::string(11996, 'z'));
    EXPECT_EQ(r.records[1].record.value("650", 'a'), "Test");
}

TEST(Iso2709Defects, DirectoryOutOfOrder) {
    // Entries in any order are legal ISO 2709: read without a diagnostic, in directory order.
    auto r = read("defect_out_of_order.mrc");
    ASSERT_EQ(r.records.size(), 3u);
    EXPECT_TRUE(r.diags.empty());
    const auto& rec = r.records[1].record;
    ASSERT_EQ(rec.fields.size(), 3u);
    EXPECT_EQ(rec.fields[0].tag, "245");
    EXPECT_EQ(rec.fields[1].data, "sx0001");
    EXPECT_EQ(rec.value("260", 'c'), "2019");
}

TEST(Iso2709Defects, FieldTerminatorMissingAndMisplaced) {
    auto r = read("defect_field_terminator.mrc");
    ASSERT_EQ(r.records.size(), 4u);
    EXPECT_TRUE(has_diag(r.diags, 2, 229, "field_unterminated"));
    EXPECT_TRUE(has_diag(r.diags, 3, 389, "terminator_inside_field"));
    EXPECT_EQ(r.diags.size(), 2u);
    EXPECT_EQ(r.records[1].record.value("245", 'c'), "王力著.");
    EXPECT_EQ(r.records[1].record.value("260", 'b'), "中华书局");
    EXPECT_EQ(r.records[2].record.value("260", 'c'), "209");
}

TEST(Iso2709Defects, BadIndicatorsAndSubfieldCodes) {
    auto r = read("defect_indicators_codes.mrc");
    ASSERT_EQ(r.records.size(), 4u);
    EXPECT_TRUE(has_diag(r.diags, 2, 199, "bad_indicators"));
    EXPECT_TRUE(has_diag(r.diags, 3, 371, "bad_subfield_code"));
    EXPECT_EQ(r.diags.size(), 2u);
    const Field* f = r.records[1].record.field("245");
    EXPECT_EQ(f->ind1, '1');
    EXPECT_EQ(f->ind2, ' ');
    EXPECT_EQ(r.records[2].record.value("260", 'B'), "中华书局");
}

TEST(Iso2709Defects, EmptySubfield) {
    auto r = read("defect_empty_subfield.mrc");
    ASSERT_EQ(r.records.size(), 3u);
    EXPECT_TRUE(has_diag(r.diags, 2, 218, "empty_subfield"));
    EXPECT_EQ(r.diags.size(), 1u);
    expect_record_a(r.records[1].record);
}

TEST(Iso2709Defects, InvalidUtf8) {
    auto r = read("defect_invalid_utf8.mrc");
    ASSERT_EQ(r.records.size(), 3u);
    EXPECT_TRUE(has_diag(r.diags, 2, 209, "invalid_utf8"));
    EXPECT_EQ(r.diags.size(), 1u);
    EXPECT_EQ(r.records[1].record.value("245", 'a'), "中国\xEF\xBF\xBD文学史");
}

TEST(Iso2709Defects, Utf8FlagMissing) {
    auto r = read("defect_utf8_flag_missing.mrc");
    ASSERT_EQ(r.records.size(), 3u);
    EXPECT_TRUE(has_diag(r.diags, 2, 140, "marc8_flag_but_utf8"));
    EXPECT_EQ(r.diags.size(), 1u);
    EXPECT_EQ(r.records[1].source_encoding, Encoding::Utf8);
    expect_record_a(r.records[1].record);
}

TEST(Iso2709Defects, BrokenMarc8Escapes) {
    auto r = read("defect_broken_marc8.mrc");
    ASSERT_EQ(r.records.size(), 4u);
    // Record 2 at 131: two directory entries, so base 49; 245 at 49+7, $a at +4, the cut run at +3.
    EXPECT_TRUE(has_diag(r.diags, 2, 131 + 49 + 7 + 4 + 3, "bad_marc8"));
    // Record 3 at 131+80: base 49; 245 at 49+6, $a at +4, 0x81 at +4.
    EXPECT_TRUE(has_diag(r.diags, 3, 211 + 49 + 6 + 4 + 4, "bad_marc8"));
    EXPECT_EQ(r.diags.size(), 2u);
    EXPECT_EQ(r.records[1].record.value("245", 'c'), "Smith");
    EXPECT_EQ(r.records[2].record.value("245", 'a').substr(0, 4), "Bad ");
}

TEST(Iso2709Defects, MixedErrorsMatchTheCleanOracle) {
    auto r = read("defect_mixed.mrc");
    auto oracle = read("defect_mixed_oracle.mrc");
    ASSERT_TRUE(oracle.diags.empty());
    ASSERT_EQ(r.records.size(), 5u);
    for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(r.records[i].record.fields, oracle.records[i].record.fields) << i;
    EXPECT_TRUE(has_diag(r.diags, 1, 0, "length_mismatch"));
    EXPECT_TRUE(has_diag(r.diags, 2, 133, "stray_record_terminator"));
    EXPECT_TRUE(has_diag(r.diags, 2, 146, "base_address"));
    EXPECT_TRUE(has_diag(r.diags, 3, 286, "leader_entry_map"));
    EXPECT_TRUE(has_diag(r.diags, 4, 421, "directory_length"));
    EXPECT_TRUE(has_diag(r.diags, 4, 433, "directory_entry_short"));
    EXPECT_TRUE(has_diag(r.diags, 5, 527, "stray_record_terminator"));
    EXPECT_TRUE(has_diag(r.diags, 5, 528, "stray_record_terminator"));
    EXPECT_EQ(r.diags.size(), 8u);
    // Per-record lists hold the record's own defects.
    EXPECT_EQ(r.records[3].diagnostics.size(), 2u);
}

TEST(Iso2709Strict, RefusesWithFileRecordAndOffset) {
    ReadOptions opt;
    opt.mode = ReadMode::Strict;
    try {
        read("defect_directory.mrc", opt);
        FAIL() << "strict mode accepted a defective file";
    } catch (const shuxiang::InputError& e) {
        EXPECT_EQ(e.where(), "record 2, byte 155");
        EXPECT_NE(e.file().find("defect_directory.mrc"), std::string::npos);
    }
    EXPECT_NO_THROW(read("cnmarc_utf8.mrc", opt));
    EXPECT_NO_THROW(read("marc21_marc8_eacc.mrc", opt));
}

TEST(Iso2709Read, PaddingAndDosEofAreSkippedSilently) {
    const std::string a = fx::record_a();
    std::vector<Diagnostic> diags;
    auto recs = read_iso2709(a + std::string(3, '\0') + a + "\r\n\x1A", {}, &diags);
    EXPECT_EQ(recs.size(), 2u);
    EXPECT_TRUE(diags.empty());
    EXPECT_EQ(recs[1].offset, 134u);
}

TEST(Iso2709Read, GarbageNeverCrashesOrLoops) {
    std::string junk;
    for (int i = 0; i < 5000; ++i) junk += static_cast<char>((i * 7919 + 13) % 256);
    std::vector<Diagnostic> diags;
    auto recs = read_iso2709(junk, {}, &diags);
    EXPECT_FALSE(diags.empty());
    // Every prefix of a good file reads without throwing.
    const std::string good = fx::cnmarc_utf8();
    for (std::size_t n = 0; n < good.size(); n += 7) EXPECT_NO_THROW(read_iso2709(good.substr(0, n)));
}

TEST(Charset, BrokenMarc8EscapeNeverReachesYaz) {
    // Found by fuzzing: yaz's MARC-8 decoder reads past its input on this sequence.
    Decoder dec;
    std::string out;
    const std::string in = "\x1B$1'Pr'E\x1B" "2B";
    // The first defect is the five-byte EACC run at 3; ESC 2 at 8 is unknown too.
    EXPECT_EQ(dec.decode(in, Encoding::Marc8, out), 3u);
    EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos);
    EXPECT_EQ(marc8_invalid_offset(in), 3u);
    EXPECT_EQ(marc8_invalid_offset(in.substr(4)), 4u);
    EXPECT_EQ(marc8_invalid_offset(fx::kEaccHongloumeng), std::string::npos);
    EXPECT_EQ(marc8_invalid_offset("\x1B$1!0"), 3u);  // EACC run of two bytes
    // Found by fuzzing: a combining mark without a base letter makes yaz read past its input.
    EXPECT_EQ(marc8_invalid_offset("ab\xE2"), 2u);
    EXPECT_EQ(marc8_invalid_offset("ab\xE2\xE3\xFF"), 2u);
    EXPECT_EQ(marc8_invalid_offset("Caf\xE2" "e"), std::string::npos);
    out.clear();
    EXPECT_EQ(dec.decode("x\xE2\x1B(B", Encoding::Marc8, out), 1u);
}

TEST(Charset, ValidationAndPlausibility) {
    EXPECT_TRUE(is_valid_utf8("岳阳楼记"));
    EXPECT_EQ(utf8_invalid_offset("ab\xC0\x80"), 2u);        // overlong
    EXPECT_EQ(utf8_invalid_offset("\xED\xA0\x80"), 0u);      // surrogate
    EXPECT_EQ(utf8_invalid_offset("x\xE4\xB8"), 1u);         // cut sequence
    EXPECT_TRUE(is_plausible_gb18030(fx::kGbHunanRenmin));
    EXPECT_FALSE(is_plausible_gb18030("\xFF\x41"));
    Decoder dec;
    std::string out;
    EXPECT_EQ(dec.decode(fx::kGbHuxiang, Encoding::Gb18030, out), std::string::npos);
    EXPECT_EQ(out, "湖湘文化");
    std::string gb;
    ASSERT_TRUE(dec.encode_gb18030("洞庭湖", gb));
    EXPECT_EQ(gb, fx::kGbDongtinghu);
    std::string m8;
    ASSERT_TRUE(dec.encode_marc8("红楼梦", m8));
    EXPECT_EQ(m8, fx::kEaccHongloumeng);
    Encoding e{};
    EXPECT_TRUE(parse_encoding("GBK", e));
    EXPECT_EQ(e, Encoding::Gb18030);
    EXPECT_FALSE(parse_encoding("latin1", e));
}

// The fuzz corpus (seeds and inputs that once crashed) reads cleanly in every build, so the asan
// preset re-checks the fixed crashes even where libFuzzer is not available.
TEST(FuzzCorpus, EveryInputReadsWithoutCrashing) {
    const auto dir = std::filesystem::path(SHUXIANG_SOURCE_DIR) / "fuzz" / "corpus" / "iso2709";
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string bytes = shuxiang::read_file(entry.path());
        for (Encoding e : {Encoding::Auto, Encoding::Marc8, Encoding::Gb18030, Encoding::Utf8}) {
            ReadOptions opt;
            opt.encoding = e;
            std::vector<Diagnostic> diags;
            auto recs = read_iso2709(bytes, opt, &diags);
            for (const auto& r : recs) {
                std::string out = write_iso2709(r.record, r.flavor);
                EXPECT_EQ(read_iso2709(out).size(), 1u) << entry.path();
            }
        }
        ++files;
    }
    EXPECT_GE(files, 20u);
}

TEST(Iso2709Read, DiagnosticMessagesAreTranslated) {
    std::vector<Diagnostic> diags;
    read_iso2709(fx::defect_files().at("defect_length_not_numeric.mrc"), {}, &diags);
    ASSERT_EQ(diags.size(), 2u);
    EXPECT_EQ(diags[1].where(), "record 3, byte 262");
    shuxiang::set_language(shuxiang::Language::En);
    EXPECT_EQ(diags[1].message(), "Leader says the record is 140 bytes, but its record terminator makes it 131 bytes");
    shuxiang::set_language(shuxiang::Language::ZhCN);
    EXPECT_EQ(diags[1].message(), "头标记录长度为 140，但按记录结束符实际为 131 字节");
    EXPECT_TRUE(shuxiang::translation_complete("catalog_formats.diag.length_mismatch"));
}
