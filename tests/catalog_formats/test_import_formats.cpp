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
#include <random>

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

// Validation only (keep_fields = false) takes a shortcut for records it can prove clean; every
// other record goes through the full parse. On clean records and on thousands of mutated ones
// (structure bytes, digits, UTF-8 lead bytes put anywhere) both report exactly the same: record
// numbers, offsets, codes, arguments and notes, and the same leader, flavor and encoding.
TEST(Iso2709Check, CleanRecordAgreesWithTheFullParse) {
    std::string clean;
    for (const char* f : {"marc21_camel.usmarc", "marc21_utf8_cjk.mrc", "cnmarc_utf8.mrc", "cnmarc_gbk_school.mrc",
                          "marc21_marc8_eacc.mrc", "defect_out_of_order.mrc"})
        clean += shuxiang::read_file(kDir / f);
    auto same = [](const std::string& data, ReadOptions opt, const std::string& what) {
        opt.keep_fields = true;
        std::vector<Diagnostic> full_d;
        const auto full = read_iso2709(data, opt, &full_d);
        opt.keep_fields = false;
        std::vector<Diagnostic> fast_d;
        const auto fast = read_iso2709(data, opt, &fast_d);
        ASSERT_EQ(fast.size(), full.size()) << what;
        for (std::size_t k = 0; k < full.size(); ++k) {
            EXPECT_EQ(fast[k].number, full[k].number) << what;
            EXPECT_EQ(fast[k].offset, full[k].offset) << what;
            EXPECT_EQ(fast[k].length, full[k].length) << what;
            EXPECT_EQ(fast[k].record.leader, full[k].record.leader) << what << " record " << full[k].number;
            EXPECT_EQ(fast[k].flavor, full[k].flavor) << what << " record " << full[k].number;
            EXPECT_EQ(fast[k].source_encoding, full[k].source_encoding) << what << " record " << full[k].number;
            EXPECT_EQ(fast[k].diagnostics.size(), full[k].diagnostics.size()) << what << " record " << full[k].number;
        }
        ASSERT_EQ(fast_d.size(), full_d.size()) << what;
        for (std::size_t k = 0; k < full_d.size(); ++k) {
            EXPECT_EQ(fast_d[k].record, full_d[k].record) << what;
            EXPECT_EQ(fast_d[k].offset, full_d[k].offset) << what;
            EXPECT_EQ(fast_d[k].code, full_d[k].code) << what;
            EXPECT_EQ(fast_d[k].args, full_d[k].args) << what;
            EXPECT_EQ(fast_d[k].note, full_d[k].note) << what;
        }
    };
    std::vector<ReadOptions> options(4);
    options[1].encoding = Encoding::Utf8;
    options[2].flavor = MarcFlavor::Cnmarc;
    options[3].flavor = MarcFlavor::Marc21;
    {
        std::vector<Diagnostic> d;
        ReadOptions o;
        o.keep_fields = false;
        read_iso2709(shuxiang::read_file(kDir / "marc21_camel.usmarc"), o, &d);
        EXPECT_TRUE(d.empty());  // the shortcut's case
    }
    for (const auto& o : options) same(clean, o, "unmutated");
    std::mt19937 rng(20261208);
    const char interesting[] = {'\x1E', '\x1F', '\x1D', '0', '9', ' ', 'a', 'A', '|', '\x1B', '\x0A', '\x80', '\xE4', '\xC3', '\xFF', '2', '4', '5'};
    for (int k = 0; k < 4000; ++k) {
        std::string data = clean;
        const int changes = 1 + static_cast<int>(rng() % 3);
        std::string what = "mutation " + std::to_string(k) + ":";
        for (int c = 0; c < changes; ++c) {
            const std::size_t at = rng() % data.size();
            const char b = rng() % 4 == 0 ? static_cast<char>(rng() & 0xFF) : interesting[rng() % sizeof interesting];
            data[at] = b;
            what += " byte " + std::to_string(at) + "=" + std::to_string(static_cast<unsigned char>(b));
        }
        same(data, options[static_cast<std::size_t>(k) % options.size()], what);
        if (::testing::Test::HasFailure()) break;
    }
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
