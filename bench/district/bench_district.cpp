// bench_district --pg URL [--schools N] [--seed S] [--work DIR] [--generated] [--init-only]
// [--check-tokens N]: a generated city against the district store. Without --generated it loads N
// schools of 10,000-40,000 copies each through the store's push (titles drawn from a city pool of
// 2,000 per school with a skewed popularity, so that many titles are shared); with --generated the
// city is already in the database, written server-side by gen_city.sql (run_city.sh), and the
// titles the benchmark needs are read from it. Then it measures: union search latency (1- and
// 2-character Chinese, authors, ISBNs), one school's incremental sync of a year's changes from a
// real school database, and the annual review of 1,000 submissions. --init-only creates the
// schema and stops; --check-tokens N compares the search tokens of N stored titles with
// catalog::index_tokens (the generator computes them in SQL).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "pg/city_rows.hpp"
#include "shuxiang/catalog/csv.hpp"
#include "shuxiang/catalog/isbn.hpp"
#include "shuxiang/catalog/search.hpp"
#include "shuxiang/circulation/repository.hpp"
#include "shuxiang/district/push.hpp"
#include "shuxiang/district/store.hpp"
#include "shuxiang/district/submit.hpp"
#include "shuxiang/standards/profile.hpp"

using namespace shuxiang;
using Clock = std::chrono::steady_clock;

namespace {

double secs(Clock::time_point a) { return std::chrono::duration<double>(Clock::now() - a).count(); }

// Common characters of children's book titles and names: titles are 3-7 of them.
const char* kChars =
    "小大天地人山水花草木鸟鱼虫春夏秋冬日月星云风雨雪海河湖江中国家学校老师同学朋友故事童话世界"
    "科学自然动物植物历史地理数学语文英语音乐美术少年儿童青春成长梦想奇妙旅行冒险森林城市乡村书屋";

std::vector<std::string> utf8_chars(const std::string& s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = (s[i] & 0x80) == 0 ? 1 : (s[i] & 0xE0) == 0xC0 ? 2 : (s[i] & 0xF0) == 0xE0 ? 3 : 4;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

std::string isbn_of(long long k) {
    char body[32];
    std::snprintf(body, sizeof body, "9787%08lld", k % 100000000);
    std::string b(body);
    return b + catalog::isbn13_check_digit(b);
}

struct City {
    std::vector<std::string> chars;
    long long pool = 0;
    std::unordered_map<long long, std::string> title, author;  // pool index -> text (all, or those read)
    std::mt19937_64 rng;
    // generate: the titles here (client-side loading); else they are read from the database.
    City(long long pool_size, unsigned long long seed, bool generate) : chars(utf8_chars(kChars)), pool(pool_size), rng(seed) {
        for (long long k = 0; generate && k < pool; ++k) {
            std::string t;
            for (int n = 3 + static_cast<int>(rng() % 5); n > 0; --n) t += chars[rng() % chars.size()];
            title[k] = t + (k % 7 == 0 ? " " + std::to_string(k % 90 + 1) : "");
            author[k] = chars[rng() % chars.size()] + chars[rng() % chars.size()] + chars[rng() % chars.size()];
        }
    }
    // A title index with a skewed popularity: the first titles are held by many schools. With the
    // titles read from the database, only held titles (those read) are picked.
    long long pick() {
        for (;;) {
            const double u = std::uniform_real_distribution<double>(0, 1)(rng);
            const auto k = static_cast<long long>(static_cast<double>(pool) * u * u * u);
            if (title.count(k)) return k;
        }
    }
    // Reads the titles of the generated city that the benchmark uses: the sync school's (pool
    // indexes below 10,000 and 20,000-20,799) and `picks` more drawn like pick() for the queries.
    void read(const std::string& url, int picks) {
        std::vector<long long> ids;
        for (int k = 0; k < picks * 2; ++k) {
            const double u = std::uniform_real_distribution<double>(0, 1)(rng);
            ids.push_back(1 + static_cast<long long>(static_cast<double>(pool) * u * u * u));
        }
        for (const auto& r : bench::read_city_titles(url, ids)) {
            const auto k = r.pool_index;
            title[k] = r.title;
            const auto& a = r.responsibility;
            author[k] = a.size() > 4 && a.compare(a.size() - 4, 4, " 著") == 0 ? a.substr(0, a.size() - 4) : a;
        }
    }
    district::TitlePush push_of(long long k, long long local, long long copies) const {
        district::TitlePush t;
        t.local_id = local;
        t.keys = {"isbn:" + isbn_of(k)};
        t.title = title.at(k);
        t.responsibility = author.at(k) + " 著";
        t.publisher = "少年儿童出版社";
        t.year = std::to_string(2000 + k % 25);
        t.clc_top = std::string(1, "ABCDEGHIJKNOPQRSTUVXZ"[k % 21]);
        t.call_number = t.clc_top + "/" + std::to_string(k % 500);
        t.copies = copies;
        t.fingerprint = district::fingerprint(t);
        return t;
    }
};

void load_city(district::DistrictStore& d, City& city, int schools, long long& copies_total) {
    auto t0 = Clock::now();
    for (int s = 0; s < schools; ++s) {
        const long long copies = 10000 + static_cast<long long>(city.rng() % 30001);
        std::vector<district::TitlePush> titles;
        std::vector<char> seen(city.title.size(), 0);
        for (long long held = 0, local = 1; held < copies;) {
            long long k = city.pick();
            if (seen[k]) continue;
            seen[k] = 1;
            const long long c = std::min<long long>(1 + static_cast<long long>(city.rng() % 3), copies - held);
            titles.push_back(city.push_of(k, local++, c));
            held += c;
        }
        copies_total += copies;
        const std::string code = "S" + std::to_string(1000 + s);
        d.upsert_school({code, "学校" + std::to_string(s), "县" + std::to_string(s % 12), "", ""});
        d.apply_push(code, titles, {}, "gen-" + std::to_string(s));
        if ((s + 1) % 10 == 0 || s + 1 == schools)
            std::printf("  loaded %d schools, %lld copies, %.1f s\n", s + 1, copies_total, secs(t0));
        std::fflush(stdout);
    }
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

void bench_search(district::DistrictStore& d, City& city) {
    std::vector<std::string> queries;
    std::size_t kinds[4] = {0, 0, 0, 0};
    for (int k = 0; k < 1000; ++k) {
        const long long t = city.pick();
        const auto cs = utf8_chars(city.title[t]);
        switch (k % 4) {
            case 0: queries.push_back(cs[city.rng() % 3]); break;                     // one character
            case 1: queries.push_back(cs[0] + cs[1]); break;                          // two characters
            case 2: queries.push_back(city.author[t]); break;                         // an author
            default: queries.push_back(isbn_of(t)); break;                            // an ISBN
        }
    }
    std::vector<double> ms, by_kind[4];
    std::size_t hits = 0;
    for (std::size_t k = 0; k < queries.size(); ++k) {
        auto t0 = Clock::now();
        const auto n = d.union_search(queries[k], 20).size();
        hits += n;
        kinds[k % 4] += n;
        ms.push_back(secs(t0) * 1000);
        by_kind[k % 4].push_back(ms.back());
    }
    std::printf("union search: %zu queries, %zu hits, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                queries.size(), hits, percentile(ms, 0.5), percentile(ms, 0.9), percentile(ms, 0.99), percentile(ms, 1.0));
    const char* names[4] = {"one character", "two characters", "author", "ISBN"};
    for (int k = 0; k < 4; ++k)
        std::printf("  %-15s p50 %.2f ms, p99 %.2f ms, max %.2f ms (%zu hits)\n", names[k], percentile(by_kind[k], 0.5),
                    percentile(by_kind[k], 0.99), percentile(by_kind[k], 1.0), kinds[k]);
}

// A real school database: 20,000 copies; then a year: 800 new titles (1,600 copies), 400 copies
// withdrawn, 300 copies added to titles held.
void bench_sync(district::DistrictStore& d, City& city, const std::filesystem::path& work) {
    std::filesystem::remove_all(work);
    std::filesystem::create_directories(work);
    auto repo = circulation::open_repository(work / "school.db");
    auto import = [&](long long from, long long n, const std::string& prefix) {
        std::vector<catalog::ImportEntry> batch;
        for (long long k = from; k < from + n; ++k) {
            catalog::ImportEntry e;
            e.record.title = city.title[k];
            e.record.responsibility = city.author[k];
            e.record.isbns = {isbn_of(k)};
            e.record.clc_class = "I287";
            e.record.marc = catalog::synthesize_cnmarc(e.record);
            for (int c = 0; c < 2; ++c) {
                catalog::Item it;
                it.barcode = prefix + std::to_string(k) + "-" + std::to_string(c);
                e.items.push_back(it);
            }
            batch.push_back(std::move(e));
        }
        repo->catalog().import_batch(batch);
    };
    import(0, 10000, "B");
    auto t0 = Clock::now();
    auto first = district::push_school(d, "SYNC", district::snapshot_school(repo->catalog()));
    std::printf("sync: first push of 10,000 titles / 20,000 copies: %.2f s (%lld added)\n", secs(t0), first.added);
    import(20000, 800, "N");
    auto& cat = repo->catalog();
    for (long long k = 0; k < 400; ++k) cat.set_item_state(cat.item_by_barcode("B" + std::to_string(k * 7) + "-0")->id,
                                                           catalog::ItemStatus::Withdrawn);
    for (long long k = 0; k < 300; ++k) {
        std::vector<catalog::Item> more(1);
        more[0].barcode = "M" + std::to_string(k);
        cat.add_items(cat.item_by_barcode("B" + std::to_string(5000 + k) + "-0")->record_id, more, "bench");
    }
    t0 = Clock::now();
    auto snap = district::snapshot_school(cat);
    const double read = secs(t0);
    auto r = district::push_school(d, "SYNC", snap);
    std::printf("sync: a year's changes: %.2f s (reading the school %.2f s; %lld added, %lld updated, %lld removed)\n",
                secs(t0), read, r.added, r.updated, r.removed);
    t0 = Clock::now();
    auto again = district::push_school(d, "SYNC", district::snapshot_school(cat));
    std::printf("sync: repeated push: %.2f s (unchanged: %s)\n", secs(t0), again.unchanged ? "yes" : "no");
    repo.reset();
    std::filesystem::remove_all(work);
}

report::Proposal proposal(int k, std::mt19937_64& rng) {
    report::Proposal p;
    const int students = 300 + static_cast<int>(rng() % 2000);
    p.plan.school.name = "学校" + std::to_string(k);
    p.plan.school.type = plan::SchoolType::Primary;
    p.plan.school.students = {students, 0, 0};
    p.plan.school.teachers = students / 18;
    p.plan.school.region = "测试县";
    plan::Level l;
    l.id = "L1";
    l.name = "一层";
    plan::Room r;
    r.id = "reading";
    r.name = "阅览室";
    r.kind = plan::RoomKind::Reading;
    const double w = 8 + static_cast<double>(rng() % 20);
    r.polygon = {{0, 0}, {w, 0}, {w, 10}, {0, 10}};
    l.rooms.push_back(r);
    p.plan.levels.push_back(l);
    standards::HoldingsSummary h;
    h.year = 2026;
    h.books = students * (10 + static_cast<long long>(rng() % 30));
    h.by_major_class = {h.books * 15 / 1000, h.books * 15 / 1000, h.books * 640 / 1000, h.books * 280 / 1000, 0};
    h.by_major_class[4] = h.books - h.by_major_class[0] - h.by_major_class[1] - h.by_major_class[2] - h.by_major_class[3];
    h.periodical_titles = 60;
    h.reference_titles = 120;
    h.new_books_this_year = students;
    p.holdings = h;
    p.generated = "2026-11-01";
    p.school_code = "R" + std::to_string(10000 + k);
    p.county = "县" + std::to_string(k % 12);
    return p;
}

void bench_review(district::DistrictStore& d) {
    std::mt19937_64 rng(7);
    auto rubric = standards::Rubric::load_file(standards::builtin_rubric_path());
    auto t0 = Clock::now();
    for (int k = 0; k < 1000; ++k) {
        auto p = proposal(k, rng);
        d.put_submission(district::assess(p, "p.sxproposal.json", report::proposal_to_json_text(p), rubric, 2026));
    }
    std::printf("review: 1,000 submissions received and checked one by one: %.1f s\n", secs(t0));
    t0 = Clock::now();
    auto s = district::review_year(d, 2026, rubric);
    std::printf("review: the annual review of %zu submissions: %.1f s (%d meeting)\n", s.rows.size(), secs(t0), s.meeting);
}

// The search tokens the generator wrote against catalog::index_tokens, for n titles spread over
// the table. Returns the number that differ.
int check_tokens(const std::string& url, int n) {
    int bad = 0, seen = 0;
    for (const auto& r : bench::sample_stored_tokens(url, n)) {
        ++seen;
        const std::string want = catalog::index_tokens(r.title + " " + r.responsibility + " " + r.publisher + " " + r.subjects + " " + r.series);
        if (want != r.tokens && ++bad <= 5)
            std::printf("tokens differ for %s: stored [%s], index_tokens [%s]\n", r.title.c_str(), r.tokens.c_str(), want.c_str());
    }
    std::printf("tokens: %d titles checked against catalog::index_tokens, %d differ\n", seen, bad);
    return bad;
}

}  // namespace

int main(int argc, char** argv) {
    std::string url, work = "/tmp/sx_bench_district";
    int schools = 100, check = 0;
    unsigned long long seed = 1;
    bool generated = false, init_only = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--generated") generated = true;
        else if (a == "--init-only") init_only = true;
        else if (i + 1 >= argc) break;
        else if (a == "--pg") url = argv[++i];
        else if (a == "--schools") schools = std::stoi(argv[++i]);
        else if (a == "--seed") seed = std::stoull(argv[++i]);
        else if (a == "--work") work = argv[++i];
        else if (a == "--check-tokens") check = std::stoi(argv[++i]);
    }
    if (url.empty()) {
        std::fprintf(stderr, "usage: bench_district --pg URL [--schools N] [--seed S] [--work DIR] [--generated] "
                             "[--init-only] [--check-tokens N]\n");
        return 2;
    }
    auto d = district::open_district(url);
    if (init_only) return 0;
    if (check > 0 && check_tokens(url, check) != 0) return 1;
    City city(2000LL * std::max(schools, 10), seed, !generated);
    long long copies = 0;
    auto t0 = Clock::now();
    if (generated) city.read(url, 1000);
    else load_city(*d, city, schools, copies);
    auto stats = d->union_catalog().stats();
    if (generated) copies = stats.total_items;
    std::printf("city: %zu schools, %lld copies, %lld distinct titles, %s in %.1f s\n", d->schools().size(), copies,
                stats.total_records, generated ? "titles for the queries read" : "loaded", secs(t0));
    bench_search(*d, city);
    bench_sync(*d, city, work);
    bench_review(*d);
    return 0;
}
