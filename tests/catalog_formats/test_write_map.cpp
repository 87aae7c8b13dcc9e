// ISO 2709 writing, MARCXML, and the MARC ↔ BibRecord mapping.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "fixtures.hpp"
#include "shuxiang/catalog/iso2709.hpp"
#include "shuxiang/catalog/mapping.hpp"
#include "shuxiang/catalog/marcxml.hpp"
#include "shuxiang/util/error.hpp"

using namespace shuxiang::catalog;

namespace {

// Splits a file of clean records (CR LF between them allowed) into the records' bytes.
std::vector<std::string> split_records(const std::string& bytes) {
    std::vector<std::string> out;
    std::size_t p = 0;
    while (p < bytes.size()) {
        while (p < bytes.size() && (bytes[p] == '\r' || bytes[p] == '\n')) ++p;
        if (p >= bytes.size()) break;
        std::size_t e = bytes.find('\x1D', p);
        out.push_back(bytes.substr(p, e + 1 - p));
        p = e + 1;
    }
    return out;
}

}  // namespace

TEST(Iso2709Write, CleanUtf8RecordsRoundTripByteForByte) {
    for (const std::string& file : {fx::cnmarc_utf8(), fx::marc21_utf8_cjk(), fx::record_a()}) {
        auto originals = split_records(file);
        auto recs = read_iso2709(file);
        ASSERT_EQ(recs.size(), originals.size());
        for (std::size_t i = 0; i < recs.size(); ++i)
            EXPECT_EQ(write_iso2709(recs[i].record, recs[i].flavor), originals[i]) << i;
    }
}

TEST(Iso2709Write, SetsEncodingFlags) {
    // MARC-8 record: written back as UTF-8 with leader/09 = 'a'.
    auto m8 = read_iso2709(fx::marc21_marc8_eacc());
    std::string out = write_iso2709(m8[0].record, MarcFlavor::Marc21);
    EXPECT_EQ(out[9], 'a');
    auto back = read_iso2709(out);
    EXPECT_EQ(back[0].record.value("245", 'a'), "红楼梦");
    EXPECT_EQ(back[0].diagnostics.size(), 0u);
    // GB18030 CNMARC: written as UTF-8 with 100$a/26-27 = 50; reads back with no diagnostics.
    auto gb = read_iso2709(fx::cnmarc_gb18030());
    std::string cn = write_iso2709(gb[0].record, MarcFlavor::Cnmarc);
    std::vector<Diagnostic> diags;
    auto cnback = read_iso2709(cn, {}, &diags);
    EXPECT_TRUE(diags.empty());
    EXPECT_EQ(cnback[0].record.value("100", 'a').substr(26, 2), "50");
    EXPECT_EQ(cnback[0].record.value("200", 'a'), "岳阳楼记");
    // Record A: 131 bytes, base address 61.
    auto a = read_iso2709(fx::record_a());
    std::string wa = write_iso2709(a[0].record, MarcFlavor::Marc21);
    EXPECT_EQ(wa.substr(0, 5), "00131");
    EXPECT_EQ(wa.substr(12, 5), "00061");
}

TEST(Iso2709Write, OverlongRecordIsReported) {
    MarcRecord r;
    r.leader = fx::kM21Leader;
    Field f;
    f.tag = "520";
    f.subfields.push_back({'a', std::string(12000, 'x')});
    for (int i = 0; i < 9; ++i) r.fields.push_back(f);
    std::vector<std::string> warnings;
    std::string out = write_iso2709(r, MarcFlavor::Marc21, &warnings);
    EXPECT_EQ(out.substr(0, 5), "99999");
    EXPECT_EQ(warnings.size(), 10u);  // nine fields over 9999 bytes and the record itself
    // The reader recovers all nine fields from it.
    std::vector<Diagnostic> diags;
    auto back = read_iso2709(out, {}, &diags);
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].record.fields.size(), 9u);
    EXPECT_EQ(back[0].record.fields[8].subfields[0].value.size(), 12000u);
}

TEST(Iso2709Write, YazReadsWhatWeWrite) {
    if (std::system("command -v yaz-marcdump >/dev/null 2>&1") != 0) GTEST_SKIP() << "yaz-marcdump not installed";
    auto recs = read_iso2709(fx::cnmarc_utf8());
    std::string all;
    for (const auto& r : recs) all += write_iso2709(r.record, MarcFlavor::Cnmarc);
    auto path = std::filesystem::temp_directory_path() / "sx_yaz_check.mrc";
    std::ofstream(path, std::ios::binary) << all;
    std::string cmd = "yaz-marcdump -i marc -o line " + path.string() + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string text;
    char buf[4096];
    while (std::size_t n = fread(buf, 1, sizeof buf, p)) text.append(buf, n);
    pclose(p);
    std::filesystem::remove(path);
    EXPECT_NE(text.find("200 1  $a 岳阳楼记 $9 yue yang lou ji $e 古文名篇选读 $f (宋)范仲淹著 $g 李明注"), std::string::npos) << text;
    EXPECT_NE(text.find("905    $d I242.4 $e C12"), std::string::npos) << text;
    EXPECT_EQ(text.find("rror"), std::string::npos) << text;
    EXPECT_EQ(text.find("Skipping"), std::string::npos) << text;
}

TEST(Marcxml, RoundTripKeepsEveryFieldIndicatorAndSubfield) {
    for (auto [file, flavor] : {std::pair{fx::cnmarc_utf8(), MarcFlavor::Cnmarc},
                                std::pair{fx::marc21_utf8_cjk(), MarcFlavor::Marc21}}) {
        auto recs = read_iso2709(file);
        std::vector<MarcRecord> models;
        for (auto& r : recs) models.push_back(r.record);
        std::string xml = write_marcxml(models, flavor);
        EXPECT_NE(xml.find("xmlns=\"http://www.loc.gov/MARC21/slim\""), std::string::npos);
        std::vector<Diagnostic> diags;
        auto back = read_marcxml(xml, {}, &diags);
        EXPECT_TRUE(diags.empty());
        ASSERT_EQ(back.size(), models.size());
        for (std::size_t i = 0; i < models.size(); ++i) {
            EXPECT_EQ(back[i].record, models[i]);
            EXPECT_EQ(back[i].flavor, flavor);
        }
        std::vector<MarcRecord> again;
        for (auto& r : back) again.push_back(r.record);
        EXPECT_EQ(write_marcxml(again, flavor), xml);
        // ISO 2709 → MARCXML → ISO 2709 gives the original bytes back.
        auto originals = split_records(file);
        for (std::size_t i = 0; i < back.size(); ++i) EXPECT_EQ(write_iso2709(back[i].record, flavor), originals[i]);
    }
}

TEST(Marcxml, PrefixedNamespaceWhitespaceAndDefects) {
    const std::string xml =
        "<?xml version=\"1.0\"?>\n"
        "<marc:collection xmlns:marc=\"http://www.loc.gov/MARC21/slim\">\n"
        " <marc:record>\n"
        "  <marc:leader>00000nam a2200000 i 4500</marc:leader>\n"
        "  <marc:controlfield tag=\"001\">x1</marc:controlfield>\n"
        "  <marc:datafield tag=\"245\" ind1=\"1\" ind2=\"0\"><marc:subfield code=\"a\">书 名</marc:subfield>"
        "<marc:subfield code=\"b\"> </marc:subfield></marc:datafield>\n"
        " </marc:record>\n"
        " <marc:record>\n"
        "  <marc:datafield tag=\"650\" ind1=\"#\" ind2=\"4\"><marc:subfield code=\"a\">x</marc:subfield></marc:datafield>\n"
        " </marc:record>\n"
        "</marc:collection>\n";
    std::vector<Diagnostic> diags;
    auto recs = read_marcxml(xml, {}, &diags);
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].record.value("245", 'a'), "书 名");
    EXPECT_EQ(recs[0].record.value("245", 'b'), " ");
    EXPECT_EQ(recs[0].record.fields[0].data, "x1");
    ASSERT_EQ(diags.size(), 2u);
    EXPECT_EQ(diags[0].code, "bad_indicators");
    EXPECT_EQ(diags[0].record, 2u);
    EXPECT_EQ(diags[0].offset, xml.find("<marc:datafield tag=\"650\""));
    EXPECT_EQ(diags[1].code, "xml_no_leader");
    EXPECT_EQ(diags[1].offset, xml.find("<marc:record>", 100));
    EXPECT_EQ(recs[1].record.fields[0].ind1, ' ');
}

TEST(Marcxml, MalformedXmlKeepsEarlierRecordsOrRefuses) {
    const std::string xml =
        "<collection xmlns=\"http://www.loc.gov/MARC21/slim\"><record><leader>00000nam a2200000 i 4500</leader>"
        "<controlfield tag=\"001\">ok</controlfield></record><record><leader>";
    std::vector<Diagnostic> diags;
    auto recs = read_marcxml(xml, {}, &diags);
    ASSERT_FALSE(diags.empty());
    EXPECT_EQ(diags[0].code, "xml_error");
    ASSERT_GE(recs.size(), 1u);
    EXPECT_EQ(recs[0].record.fields[0].data, "ok");
    ReadOptions strict;
    strict.mode = ReadMode::Strict;
    strict.file_name = "bad.xml";
    EXPECT_THROW(read_marcxml(xml, strict), shuxiang::InputError);
}

TEST(Mapping, PricesAndPages) {
    EXPECT_DOUBLE_EQ(*parse_price("CNY25.00"), 25.0);
    EXPECT_DOUBLE_EQ(*parse_price("¥25.00"), 25.0);
    EXPECT_DOUBLE_EQ(*parse_price("￥18.5"), 18.5);
    EXPECT_DOUBLE_EQ(*parse_price("25.00元"), 25.0);
    EXPECT_DOUBLE_EQ(*parse_price("RMB 32.80"), 32.8);
    EXPECT_DOUBLE_EQ(*parse_price("CNY128.00(全2册)"), 128.0);
    EXPECT_DOUBLE_EQ(*parse_price("定价：39.80元"), 39.8);
    EXPECT_FALSE(parse_price("USD12.00"));
    EXPECT_FALSE(parse_price("$12.00"));
    EXPECT_FALSE(parse_price("12.00 HKD"));
    EXPECT_FALSE(parse_price("赠送"));
    EXPECT_EQ(*parse_pages("256页"), 256);
    EXPECT_EQ(*parse_pages("256 p."), 256);
    EXPECT_EQ(*parse_pages("xii, 1606 p. :"), 1606);
    EXPECT_EQ(*parse_pages("[12], 256 pages"), 256);
    EXPECT_EQ(*parse_pages("128页 : 彩图"), 128);
    EXPECT_EQ(*parse_pages("300"), 300);
    EXPECT_FALSE(parse_pages("2册"));
    EXPECT_FALSE(parse_pages("1 v."));
    EXPECT_EQ(clean_isbn("978-7-5321-4812-6 (平装)"), "9787532148126");
    EXPECT_EQ(clean_isbn("7-02-002130-x"), "702002130X");
}

TEST(Mapping, CnmarcToBib) {
    auto recs = read_iso2709(fx::cnmarc_utf8());
    ASSERT_EQ(recs.size(), 3u);
    BibRecord b = to_bib(recs[0].record, MarcFlavor::Cnmarc);
    EXPECT_EQ(b.control_number, "CN20190001");
    EXPECT_EQ(b.title, "岳阳楼记");
    EXPECT_EQ(b.other_title, "古文名篇选读");
    EXPECT_EQ(b.responsibility, "(宋)范仲淹著; 李明注");
    EXPECT_EQ(b.edition, "第2版");
    EXPECT_EQ(b.place, "长沙");
    EXPECT_EQ(b.publisher, "湖南人民出版社");
    EXPECT_EQ(b.year, "2018");
    EXPECT_EQ(b.isbns, std::vector<std::string>{"9787532148126"});
    EXPECT_DOUBLE_EQ(b.price.value_or(-1), 25.0);
    EXPECT_EQ(b.pages.value_or(-1), 256);
    EXPECT_EQ(b.language, "chi");
    EXPECT_EQ(b.subjects, std::vector<std::string>{"古典散文--作品集--中国--北宋"});
    EXPECT_EQ(b.series, "湖湘文库");
    EXPECT_EQ(b.summary, "本书收录范仲淹《岳阳楼记》及相关名篇。");
    EXPECT_EQ(b.clc_class, "I262");
    EXPECT_EQ(b.call_number, "I262/15");
    EXPECT_EQ(b.audience, Audience::Primary);
    EXPECT_TRUE(b.local_collection);  // 湖湘 in the series
    EXPECT_EQ(b.marc, recs[0].record);

    BibRecord b2 = to_bib(recs[1].record, MarcFlavor::Cnmarc);
    EXPECT_EQ(b2.isbns, std::vector<std::string>{"7020021304"});
    EXPECT_DOUBLE_EQ(b2.price.value_or(-1), 45.0);
    EXPECT_EQ(b2.pages.value_or(-1), 1606);
    EXPECT_EQ(b2.call_number, "I242.4/C12");
    EXPECT_EQ(b2.responsibility, "曹雪芹著");
    EXPECT_EQ(b2.audience, Audience::Senior);
    EXPECT_FALSE(b2.local_collection);

    BibRecord b3 = to_bib(recs[2].record, MarcFlavor::Cnmarc);
    EXPECT_EQ(b3.year, "2020");
    EXPECT_EQ(b3.subjects, std::vector<std::string>{"鸟类--岳阳--少儿读物"});
    EXPECT_TRUE(b3.local_collection);  // 岳阳 in a subject
    EXPECT_EQ(b3.audience, Audience::Junior);
    EXPECT_EQ(b3.call_number, "Q959.7-49/3");
    // The keyword list is configurable.
    MappingOptions none;
    none.local_keywords = {"敦煌"};
    EXPECT_FALSE(to_bib(recs[2].record, MarcFlavor::Cnmarc, none).local_collection);
}

TEST(Mapping, Marc21ToBib) {
    auto recs = read_iso2709(fx::marc21_utf8_cjk());
    BibRecord b = to_bib(recs[0].record, MarcFlavor::Marc21);
    EXPECT_EQ(b.title, "红楼梦");
    EXPECT_EQ(b.responsibility, "曹雪芹著");
    EXPECT_EQ(b.edition, "第3版");
    EXPECT_EQ(b.place, "北京");
    EXPECT_EQ(b.publisher, "人民文学出版社");
    EXPECT_EQ(b.year, "2019");
    EXPECT_EQ(b.isbns, std::vector<std::string>{"9787020024759"});
    EXPECT_DOUBLE_EQ(b.price.value_or(-1), 59.70);
    EXPECT_EQ(b.pages.value_or(-1), 1606);
    EXPECT_EQ(b.language, "chi");
    EXPECT_EQ(b.clc_class, "I242.4");
    EXPECT_EQ(b.series, "中国古典文学读本丛书");
    EXPECT_EQ(b.subjects, (std::vector<std::string>{"Chinese fiction--Qing dynasty, 1644-1912", "章回小说--中国"}));
    EXPECT_EQ(b.call_number, "I242.4/C12");
    EXPECT_EQ(b.audience, Audience::Junior);
    EXPECT_FALSE(b.local_collection);
    // MARC-8 record maps too.
    auto m8 = read_iso2709(fx::marc21_marc8_eacc());
    BibRecord c = to_bib(m8[0].record, MarcFlavor::Marc21);
    EXPECT_EQ(c.title, "红楼梦");
    EXPECT_EQ(c.publisher, "人民文学出版社");
    EXPECT_EQ(c.subjects, std::vector<std::string>{"小说"});
}

TEST(Mapping, GbRecordIsLocal) {
    auto recs = read_iso2709(fx::cnmarc_gb18030());
    BibRecord b = to_bib(recs[0].record, MarcFlavor::Cnmarc);
    EXPECT_TRUE(b.local_collection);  // 606 湖湘文化
    EXPECT_EQ(b.audience, Audience::Junior);
    EXPECT_DOUBLE_EQ(b.price.value_or(-1), 12.5);
}

TEST(Mapping, BibToMarcAndBack) {
    BibRecord b;
    b.control_number = "SYN-000042";
    b.title = "洞庭湖的鸟";
    b.other_title = "少儿科普";
    b.responsibility = "张华编著";
    b.edition = "第1版";
    b.publisher = "湖南少年儿童出版社";
    b.place = "长沙";
    b.year = "2020";
    b.isbns = {"9787543890123"};
    b.price = 38.0;
    b.pages = 128;
    b.language = "chi";
    b.subjects = {"鸟类--少儿读物"};
    b.series = "自然丛书";
    b.clc_class = "Q959.7-49";
    b.call_number = "Q959.7-49/3";
    b.audience = Audience::Primary;
    b.local_collection = true;
    b.summary = "介绍洞庭湖区的常见鸟类。";
    for (MarcFlavor fl : {MarcFlavor::Cnmarc, MarcFlavor::Marc21}) {
        MarcRecord m = to_marc(b, fl, "20260315");
        std::string bytes = write_iso2709(m, fl);
        std::vector<Diagnostic> diags;
        auto back = read_iso2709(bytes, {}, &diags);
        EXPECT_TRUE(diags.empty());
        ASSERT_EQ(back.size(), 1u);
        EXPECT_EQ(back[0].flavor, fl);
        BibRecord r = to_bib(back[0].record, fl);
        EXPECT_EQ(r.control_number, b.control_number);
        EXPECT_EQ(r.title, b.title);
        EXPECT_EQ(r.other_title, b.other_title);
        EXPECT_EQ(r.responsibility, b.responsibility);
        EXPECT_EQ(r.edition, b.edition);
        EXPECT_EQ(r.publisher, b.publisher);
        EXPECT_EQ(r.place, b.place);
        EXPECT_EQ(r.year, b.year);
        EXPECT_EQ(r.isbns, b.isbns);
        EXPECT_DOUBLE_EQ(r.price.value_or(-1), 38.0);
        EXPECT_EQ(r.pages, b.pages);
        EXPECT_EQ(r.language, b.language);
        EXPECT_EQ(r.subjects, b.subjects);
        EXPECT_EQ(r.series, b.series);
        EXPECT_EQ(r.clc_class, b.clc_class);
        EXPECT_EQ(r.call_number, b.call_number);
        EXPECT_EQ(r.audience, b.audience);
        EXPECT_TRUE(r.local_collection);
        EXPECT_EQ(r.summary, b.summary);
    }
    MarcRecord cn = to_marc(b, MarcFlavor::Cnmarc, "20260315");
    EXPECT_EQ(cn.value("100", 'a'), "20260315d2020    c  y0chiy50      ea");
    EXPECT_EQ(cn.value("100", 'a').size(), 36u);
    MarcRecord m21 = to_marc(b, MarcFlavor::Marc21, "20260315");
    ASSERT_NE(m21.field("008"), nullptr);
    EXPECT_EQ(m21.field("008")->data, "260315s2020    cc     b      000 0 chi d");
}
