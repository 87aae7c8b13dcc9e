// Digital resources: access links from 856 (MARC21 and CNMARC), which URLs a page may link, and
// digital records counted apart from paper, never in the paper-book figures.
#include "reading_fixture.hpp"
#include "shuxiang/reading/digital.hpp"

using namespace sxt;
using namespace shuxiang::reading;

namespace {

cat::Field f856(std::vector<cat::Subfield> subs) {
    cat::Field f;
    f.tag = "856";
    f.ind1 = '4';
    f.ind2 = '0';
    f.subfields = std::move(subs);
    return f;
}

// An e-book record (MARC21, 856 $u) with no copies; its id.
long long add_ebook(cat::Store& st, int n) {
    std::vector<cat::ImportEntry> batch(1);
    auto& r = batch[0].record;
    r.title = "电子书" + std::to_string(n);
    r.control_number = "EB" + std::to_string(n);
    r.clc_class = "I287";
    r.flavor = cat::MarcFlavor::Marc21;
    r.marc.leader = "00000nam a2200000 a 4500";
    r.marc.fields.push_back(cat::Field{"001", r.control_number, ' ', ' ', {}});
    r.marc.fields.push_back(f856({{'u', "https://ebooks.example.org/" + std::to_string(n)}, {'z', "在线阅读"}}));
    st.import_batch(batch);
    return batch[0].record.id;
}

}  // namespace

TEST(Digital, AccessLinksFromMarc21AndCnmarc856) {
    cat::MarcRecord m;
    m.fields.push_back(f856({{'u', "https://a.example.org/1"}, {'y', "全文"}}));
    m.fields.push_back(f856({{'u', "http://b.example.org/2"}, {'u', "http://b.example.org/3"}, {'z', "镜像"}}));
    auto links = access_links(m);
    ASSERT_EQ(links.size(), 3u);
    EXPECT_EQ(links[0].url, "https://a.example.org/1");
    EXPECT_EQ(links[0].label, "全文");
    EXPECT_EQ(links[2].url, "http://b.example.org/3");
    EXPECT_EQ(links[2].label, "镜像");
    EXPECT_TRUE(access_links(cat::MarcRecord{}).empty());
}

TEST(Digital, OnlyHttpAndHttpsAreLinkable) {
    EXPECT_TRUE(linkable_url("https://ebooks.example.org/1?a=1&b=2"));
    EXPECT_TRUE(linkable_url("HTTP://example.org/"));
    EXPECT_FALSE(linkable_url("javascript:alert(1)"));
    EXPECT_FALSE(linkable_url(" javascript:alert(1)"));
    EXPECT_FALSE(linkable_url("data:text/html,<script>alert(1)</script>"));
    EXPECT_FALSE(linkable_url("file:///etc/passwd"));
    EXPECT_FALSE(linkable_url("http://x.example.org/\" onmouseover=\"alert(1)"));
    EXPECT_FALSE(linkable_url("//example.org/"));
}

TEST(Digital, CountedApartAndNeverInThePaperFigures) {
    auto path = temp_db("digital_count");
    auto lib = LibraryServices::open(path);
    ReadingLibrary().fill(lib->catalog());
    const auto before = lib->stats().holdings_summary(2026);
    EXPECT_EQ(count_digital(lib->catalog()).records, 0);
    for (int i = 1; i <= 100; ++i) add_ebook(lib->catalog(), i);
    const DigitalCount d = count_digital(lib->catalog());
    EXPECT_EQ(d.records, 100);
    EXPECT_EQ(d.links, 100);
    // The paper figures (copies, by class) are what they were: the books-per-student norm too.
    const auto after = lib->stats().holdings_summary(2026);
    EXPECT_EQ(after.books, before.books);
    EXPECT_EQ(after.by_major_class, before.by_major_class);
    EXPECT_EQ(after.books, 7);
    // A paper book with a link to its e-book edition stays paper.
    auto rec = lib->catalog().record(lib->catalog().records_by_isbn("9787535300010").at(0));
    ASSERT_TRUE(rec);
    rec->marc.fields.push_back(f856({{'u', "https://example.org/caofangzi"}}));
    EXPECT_FALSE(is_digital(*rec, 2));
    EXPECT_TRUE(is_digital(*rec, 0));
}
