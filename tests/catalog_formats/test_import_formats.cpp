// Importing what schools have: filler and padding around ISO 2709 records, directory order and
// charset notes in strict mode, flavor evidence, and well-formed MARCXML export. The fixtures are
// real records (MARC::Record's t/camel.usmarc and t/filler.usmarc, as Debian's
// libmarc-record-perl source ships them) or real-shaped ones (make_importfmt_fixtures.py).
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "fixtures.hpp"
#include "shuxiang/catalog/charset.hpp"
#include "shuxiang/catalog/iso2709.hpp"
#include "shuxiang/catalog/marcxml.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"

using namespace shuxiang::catalog;

namespace {

const std::filesystem::path kDir = std::filesystem::path(SHUXIANG_TEST_DATA_DIR) / "catalog";

std::vector<ReadRecord> read_all(const std::string& name, ReadOptions opt, std::vector<Diagnostic>& diags) {
    std::vector<ReadRecord> out;
    auto reader = Iso2709Reader::open(kDir / name, opt);
    ReadRecord rec;
    while (reader.next(rec)) out.push_back(rec);
    diags = reader.diagnostics();
    return out;
}

std::string codes(const std::vector<Diagnostic>& ds) {
    std::string all;
    for (const auto& d : ds) all += " " + d.code + "@" + std::to_string(d.record) + ":" + std::to_string(d.offset);
    return all;
}

}  // namespace

// MARC::Record's filler.usmarc: a NUL before the first record, then "  \0\0\0\0  \n" before the
// second. yaz-marcdump skips the bytes and reads three clean records; so must we.
TEST(Iso2709Filler, SpacesNulsAndNewlinesBetweenRecordsAreSkipped) {
    std::vector<Diagnostic> diags;
    auto recs = read_all("marc21_filler.usmarc", {}, diags);
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_TRUE(diags.empty()) << codes(diags);
    EXPECT_EQ(recs[0].record.value("245", 'a'), "ActivePerl with ASP and ADO /");
    EXPECT_EQ(recs[1].record.value("245", 'a'), "Programming the Perl DBI /");
    EXPECT_EQ(recs[2].record.value("245", 'a'), "Perl :");
    EXPECT_EQ(recs[1].offset, 765u);  // after the filler, at the leader
    ReadOptions strict;
    strict.mode = ReadMode::Strict;
    EXPECT_NO_THROW(read_all("marc21_filler.usmarc", strict, diags));
}

TEST(Iso2709Filler, TrailingPaddingIsNoRecord) {
    std::vector<Diagnostic> diags;
    auto recs = read_all("marc21_trailing_padding.mrc", {}, diags);
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_TRUE(diags.empty()) << codes(diags);
    EXPECT_EQ(recs[1].record.value("245", 'a'), "Programming the Perl DBI /");
}

// A record length written with leading blanks ("  131") is the length, not filler.
TEST(Iso2709Filler, BlankPaddedRecordLengthIsKept) {
    std::string a = fx::record_a();
    std::string blank = a;
    blank.replace(0, 2, "  ");  // "00131" -> "  131"
    std::vector<Diagnostic> diags;
    auto recs = read_iso2709(a + blank + a, {}, &diags);
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs[1].offset, a.size());
    EXPECT_EQ(recs[1].record.value("245", 'a'), recs[0].record.value("245", 'a'));
    ASSERT_EQ(diags.size(), 1u) << codes(diags);
    EXPECT_EQ(diags[0].code, "bad_record_length");
}

TEST(Iso2709Strict, AcceptsDirectoryEntriesInAnyOrder) {
    ReadOptions strict;
    strict.mode = ReadMode::Strict;
    std::vector<Diagnostic> diags;
    std::vector<ReadRecord> recs;
    ASSERT_NO_THROW(recs = read_all("defect_out_of_order.mrc", strict, diags));
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs[1].record.fields[0].tag, "245");
    EXPECT_EQ(recs[1].record.value("260", 'c'), "2019");
}

// GBK records with 100$a/26-29 "0110", as Chinese school systems write them: the charset note is
// informational, so strict mode takes the file.
TEST(Iso2709Strict, GoodGbkFileWithCharsetNoteIsAccepted) {
    ReadOptions strict;
    strict.mode = ReadMode::Strict;
    std::vector<Diagnostic> diags;
    std::vector<ReadRecord> recs;
    ASSERT_NO_THROW(recs = read_all("cnmarc_gbk_school.mrc", strict, diags));
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs[0].record.value("200", 'a'), "岳阳楼记");
    EXPECT_EQ(recs[2].record.value("210", 'c'), "人民文学出版社");
    for (const auto& r : recs) EXPECT_EQ(r.source_encoding, Encoding::Gb18030);
    ASSERT_EQ(diags.size(), 3u) << codes(diags);
    for (const auto& d : diags) {
        EXPECT_TRUE(d.note);
        EXPECT_EQ(d.code, "cn_code_gb18030");
    }
    // A code that lies (says UTF-8, bytes are GB18030) is still a defect strict mode refuses.
    EXPECT_THROW(read_all("cnmarc_gb18030_charset.mrc", strict, diags), shuxiang::InputError);
}

namespace {

// A record as damaged data really carries it: a subfield delimiter inside 001, a stray control
// byte and a byte that is not UTF-8 in a title.
MarcRecord record_with_control_bytes(int n) {
    MarcRecord m;
    m.leader = "00000nam a2200000 i 4500";
    m.fields.push_back({"001", std::string("SX\x1F") + "a00" + std::to_string(n), ' ', ' ', {}});
    m.fields.push_back({"245", "", '1', '0', {{'a', std::string("草房子\x01 / ") + "\xFF"}, {'c', "曹文轩 & <著>"}}});
    return m;
}

bool only_xml_chars(const std::string& s) {
    for (unsigned char c : s)
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
    return shuxiang::catalog::is_valid_utf8(s);
}

}  // namespace

TEST(MarcxmlWrite, ControlCharactersNeverBreakTheXml) {
    std::vector<MarcRecord> recs{record_with_control_bytes(1), record_with_control_bytes(2)};
    std::vector<std::string> warnings;
    const std::string xml = write_marcxml(recs, MarcFlavor::Marc21, &warnings);
    EXPECT_TRUE(only_xml_chars(xml));
    EXPECT_EQ(warnings.size(), 4u);  // 001 and 245 of each record
    // Our reader and yaz (libxml2) read every record back.
    auto back = read_marcxml(xml);
    ASSERT_EQ(back.size(), 2u);
    EXPECT_EQ(back[1].record.fields[0].data, "SXa002");
    EXPECT_EQ(back[0].record.value("245", 'a'), "草房子 / \xEF\xBF\xBD");
    EXPECT_EQ(back[0].record.value("245", 'c'), "曹文轩 & <著>");
    const auto path = std::filesystem::temp_directory_path() / ("sx_ctrl_" + std::to_string(::getpid()) + ".xml");
    shuxiang::atomic_write_file(path, xml);
    if (std::system("command -v yaz-marcdump >/dev/null 2>&1") != 0) GTEST_SKIP() << "yaz-marcdump not installed";
    const std::string cmd = "yaz-marcdump -i marcxml -o line " + path.string() + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    char buf[4096];
    for (std::size_t k; (k = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, k);
    const int rc = pclose(p);
    std::filesystem::remove(path);
    EXPECT_EQ(rc, 0) << out;
    EXPECT_NE(out.find("001 SXa001"), std::string::npos) << out;
    EXPECT_NE(out.find("001 SXa002"), std::string::npos) << out;
}

// check_iso2709 on several threads reports exactly what one reader reports: same record numbers,
// offsets and codes, on clean, defective and padded files cut in many places.
TEST(Iso2709Check, ThreadsGiveTheSequentialResult) {
    std::string data;
    for (const char* f : {"marc21_filler.usmarc", "defect_mixed.mrc", "defect_stray_terminator.mrc", "cnmarc_gbk_school.mrc",
                          "defect_truncated.mrc"})
        data += shuxiang::read_file(kDir / f);
    ReadOptions opt;
    opt.keep_fields = false;
    std::vector<Diagnostic> seq;
    const std::size_t n = read_iso2709(data, opt, &seq).size();
    ASSERT_FALSE(seq.empty());
    for (unsigned threads : {1U, 2U, 3U, 7U, 40U}) {
        const CheckResult r = check_iso2709(data, opt, threads);
        EXPECT_EQ(r.records, n) << threads;
        ASSERT_EQ(r.diagnostics.size(), seq.size()) << threads;
        for (std::size_t k = 0; k < seq.size(); ++k) {
            EXPECT_EQ(r.diagnostics[k].record, seq[k].record) << threads << " " << k;
            EXPECT_EQ(r.diagnostics[k].offset, seq[k].offset) << threads << " " << k;
            EXPECT_EQ(r.diagnostics[k].code, seq[k].code) << threads << " " << k;
        }
    }
}
