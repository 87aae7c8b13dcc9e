// Importing what schools have: filler and padding around ISO 2709 records, directory order and
// charset notes in strict mode, flavor evidence, and well-formed MARCXML export. The fixtures are
// real records (MARC::Record's t/camel.usmarc and t/filler.usmarc, as Debian's
// libmarc-record-perl source ships them) or real-shaped ones (make_importfmt_fixtures.py).
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include <filesystem>

#include "fixtures.hpp"
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
