// Grade-level reading programmes (progress by class within the grade) and the 856 access links
// across MARC flavours (MARC21 record written as CNMARC and back).
#include "reading_fixture.hpp"
#include "shuxiang/catalog/iso2709.hpp"
#include "shuxiang/catalog/mapping.hpp"
#include "shuxiang/reading/digital.hpp"
#include "shuxiang/reading/programmes.hpp"

using namespace sxt;
using namespace shuxiang::reading;

namespace {

// Grade 3: class 3-1 (S4, S5) and 3-2 (S1, S2, S3); S6 in grade 4 borrows a list title too.
struct GradeProgramme : ::testing::Test {
    std::filesystem::path path = temp_db(std::string("grade_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<LibraryServices> lib = LibraryServices::open(path);
    ReadingService svc{lib->repository()};
    void SetUp() override {
        ReadingLibrary().fill(lib->catalog());
        ASSERT_TRUE(lib->patrons().add(as("admin"), teacher("T1", "王老师")).ok);
        ASSERT_TRUE(lib->operators().add(as("admin"), Operator{"t1", Role::Teacher, "王老师", "T1", false}).ok);
        for (auto& p : {student("S1", "甲", 3, "2"), student("S2", "乙", 3, "2"), student("S3", "丙", 3, "2"),
                        student("S4", "丁", 3, "1"), student("S5", "戊", 3, "1"), student("S6", "己", 4, "1")})
            ASSERT_TRUE(lib->patrons().add(as("admin"), p).ok);
        auto file = reading_data("grade3.csv");
        ReadingList l;
        l.name = "三年级共读";
        l.grade = "3";
        l.period_from = "2026-09-01";
        l.period_to = "2026-09-30";
        l.entries = parse_list_csv(shuxiang::read_file(file), file.string());
        ASSERT_TRUE(svc.import_list(as("t1"), l).ok);
        auto& circ = lib->circulation();
        auto loan = [&](const char* who, const char* barcode, const char* out, const char* back) {
            ASSERT_TRUE(circ.checkout(as("admin", out), who, barcode).ok) << who << " " << barcode;
            ASSERT_TRUE(circ.checkin(as("admin", back), barcode).ok);
        };
        loan("S1", "CF1", "2026-09-05", "2026-09-10");
        loan("S1", "CN1", "2026-09-10", "2026-09-15");
        loan("S4", "CN2", "2026-09-05", "2026-09-08");
        loan("S5", "KC1", "2026-09-06", "2026-09-09");
        loan("S5", "CF2", "2026-09-12", "2026-09-19");
        loan("S6", "CF1", "2026-09-20", "2026-09-22");  // grade 4: not counted
    }
};

}  // namespace

TEST_F(GradeProgramme, ProgressByClassWithinTheGrade) {
    GradeProgress g;
    Result r = grade_progress(svc, lib->repository(), as("t1"), "三年级共读", "三年级", "", "", g);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(g.grade, 3);
    EXPECT_EQ(g.from, "2026-09-01");
    EXPECT_EQ(g.to, "2026-09-30");
    ASSERT_EQ(g.classes.size(), 2u);
    EXPECT_EQ(g.classes[0].class_key, "3-1");
    EXPECT_EQ(g.classes[0].readers, 2);
    EXPECT_EQ(g.classes[0].titles_read, 3);  // S4 one, S5 two
    EXPECT_EQ(g.classes[0].readers_reading, 2);
    EXPECT_EQ(g.classes[1].class_key, "3-2");
    EXPECT_EQ(g.classes[1].readers, 3);
    EXPECT_EQ(g.classes[1].titles_read, 2);
    EXPECT_EQ(g.classes[1].readers_reading, 1);
    EXPECT_EQ(g.total.readers, 5);
    EXPECT_EQ(g.total.titles_read, 5);  // S6 of grade 4 is not counted
    EXPECT_EQ(g.total.readers_reading, 3);
    EXPECT_EQ(g.total.list_titles, 5);
    EXPECT_NEAR(g.total.average, 1.0, 1e-9);
    // The grade's sums are the classes' sums, each class as class_progress counts it.
    ClassProgress one;
    ASSERT_TRUE(svc.class_progress(as("t1"), "三年级共读", "3-2", "", "", one).ok);
    EXPECT_EQ(one.titles_read, g.classes[1].titles_read);
}

TEST_F(GradeProgramme, PupilsAndBadGradesAreRefused) {
    GradeProgress g;
    Ctx pupil{"", "2026-09-30", "S1"};
    EXPECT_EQ(grade_progress(svc, lib->repository(), pupil, "三年级共读", "3", "", "", g).code, "not_permitted");
    EXPECT_EQ(grade_progress(svc, lib->repository(), as("t1"), "三年级共读", "十三年级", "", "", g).code, "bad_grade");
    EXPECT_EQ(grade_progress(svc, lib->repository(), as("t1"), "没有", "3", "", "", g).code, "unknown_list");
    // A grade without pupils: the list and the right are still checked, the totals are zero.
    ASSERT_TRUE(grade_progress(svc, lib->repository(), as("t1"), "三年级共读", "五年级", "", "", g).ok);
    EXPECT_TRUE(g.classes.empty());
    EXPECT_EQ(g.total.readers, 0);
    EXPECT_EQ(grade_progress(svc, lib->repository(), pupil, "三年级共读", "五年级", "", "", g).code, "not_permitted");
}

namespace {

// The first value of subfield `code` ("" when none).
std::string sub(const cat::Field& f, char code) {
    const auto* s = f.find(code);
    return s ? s->value : std::string();
}

// Written in `to` from a record read in `from`, then read back as `to`.
cat::BibRecord across(const cat::MarcRecord& m, cat::MarcFlavor from, cat::MarcFlavor to) {
    cat::BibRecord b = cat::to_bib(m, from);
    const std::string bytes = cat::write_iso2709(cat::to_marc(b, to), to);
    auto read = cat::read_iso2709(bytes);
    EXPECT_EQ(read.size(), 1u);
    return cat::to_bib(read.at(0).record, to);
}

}  // namespace

TEST(AccessLinksAcrossFlavours, Marc21ToCnmarcAndBack) {
    cat::MarcRecord m;
    m.leader = "00000nam a2200000 a 4500";
    m.fields.push_back(cat::Field{"001", "EB1", ' ', ' ', {}});
    m.fields.push_back(data_field("245", '1', '0', {{'a', "电子书样例"}, {'c', "某某著"}}));
    m.fields.push_back(data_field("856", '4', '0', {{'u', "https://example.org/ebook/1"}, {'y', "在线阅读"}, {'z', "校内访问"}}));
    m.fields.push_back(data_field("856", '4', '2', {{'u', "https://example.org/ebook/1/cover"}, {'q', "image/jpeg"}}));
    const auto cn = across(m, cat::MarcFlavor::Marc21, cat::MarcFlavor::Cnmarc);
    EXPECT_EQ(cn.title, "电子书样例");
    auto links = cn.marc.fields_with("856");
    ASSERT_EQ(links.size(), 2u);
    EXPECT_EQ(links[0]->ind1, '4');
    EXPECT_EQ(links[0]->ind2, ' ');  // undefined in CNMARC
    EXPECT_EQ(sub(*links[0], 'u'), "https://example.org/ebook/1");
    EXPECT_EQ(sub(*links[0], '2'), "在线阅读");  // MARC21 link text is CNMARC $2
    EXPECT_EQ(sub(*links[0], 'z'), "校内访问");
    EXPECT_EQ(sub(*links[1], 'q'), "image/jpeg");
    EXPECT_EQ(access_links(cn.marc).size(), 2u);
    // Back to MARC21: the same links, link text in $y again.
    const auto back = across(cn.marc, cat::MarcFlavor::Cnmarc, cat::MarcFlavor::Marc21);
    auto again = back.marc.fields_with("856");
    ASSERT_EQ(again.size(), 2u);
    EXPECT_EQ(sub(*again[0], 'u'), "https://example.org/ebook/1");
    EXPECT_EQ(sub(*again[0], 'y'), "在线阅读");
    EXPECT_EQ(sub(*again[0], 'z'), "校内访问");
    EXPECT_EQ(sub(*again[1], 'u'), "https://example.org/ebook/1/cover");
}

TEST(AccessLinksAcrossFlavours, CnmarcToMarc21KeepsOrderOfTags) {
    cat::MarcRecord m;
    m.leader = "00000nim0 2200000   450 ";
    m.fields.push_back(cat::Field{"001", "AU2", ' ', ' ', {}});
    m.fields.push_back(data_field("200", '1', ' ', {{'a', "有声书样例"}, {'f', "某某"}}));
    m.fields.push_back(data_field("690", ' ', ' ', {{'a', "I287.45"}, {'v', "5"}}));
    m.fields.push_back(data_field("856", '4', ' ', {{'u', "http://example.org/audio/2"}, {'y', "HTTP"}}));
    m.fields.push_back(data_field("905", ' ', ' ', {{'d', "I287.45"}, {'e', "1"}}));
    const auto m21 = across(m, cat::MarcFlavor::Cnmarc, cat::MarcFlavor::Marc21);
    auto links = m21.marc.fields_with("856");
    ASSERT_EQ(links.size(), 1u);
    EXPECT_EQ(sub(*links[0], 'u'), "http://example.org/audio/2");
    EXPECT_EQ(sub(*links[0], '2'), "HTTP");  // CNMARC's access method is MARC21's $2
    std::string prev;
    for (auto& f : m21.marc.fields) {
        EXPECT_LE(prev, f.tag) << "fields out of tag order";
        prev = f.tag;
    }
    // The CNMARC record written again as CNMARC: 856 before 905.
    const auto cn = across(m21.marc, cat::MarcFlavor::Marc21, cat::MarcFlavor::Cnmarc);
    prev.clear();
    for (auto& f : cn.marc.fields) {
        EXPECT_LE(prev, f.tag);
        prev = f.tag;
    }
    EXPECT_EQ(sub(*cn.marc.fields_with("856").at(0), 'y'), "HTTP");
}
