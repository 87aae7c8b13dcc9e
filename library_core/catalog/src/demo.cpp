#include "shuxiang/catalog/demo.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <map>

#include "shuxiang/catalog/csv.hpp"
#include "shuxiang/catalog/isbn.hpp"

namespace shuxiang::catalog {

const char* const kSyntheticNote = "合成演示数据，非真实馆藏 (synthetic demo data)";

namespace {

// splitmix64: fixed arithmetic, so the same seed gives the same collection on every platform.
struct Rng {
    std::uint64_t s;
    std::uint64_t next() {
        std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
    template <class T, std::size_t N>
    const T& pick(const std::array<T, N>& a) { return a[below(N)]; }
    template <class T>
    const T& pick(const std::vector<T>& a) { return a[below(a.size())]; }
};

struct ClassSpec {
    const char* code;
    double weight_primary;    // share inside its 大部类, primary schools
    double weight_secondary;  // share inside its 大部类, secondary schools
    std::vector<const char*> numbers;
    std::vector<const char*> patterns;  // {n}: a noun of the class, {p}: a person or place
    std::vector<const char*> nouns;
    std::vector<const char*> subjects;
};

const std::vector<ClassSpec>& specs() {
    static const std::vector<ClassSpec> s = {
        {"A", 1, 1, {"A1", "A4", "A7", "A8", "A81", "A84"},
         {"{n}", "{n}青少年读本", "{n}学习纲要", "图说{n}"},
         {"马克思主义基本原理", "毛泽东诗词选", "邓小平文选", "共产党宣言", "马克思的青年时代", "毛泽东的故事"},
         {"马克思主义", "毛泽东思想"}},
        {"B", 1, 1, {"B2", "B222", "B82", "B821", "B84", "B844.1", "B848.4"},
         {"{n}", "写给孩子的{n}", "{n}启蒙", "少年{n}"},
         {"论语", "哲学", "心理学", "人生智慧", "成长的烦恼", "情绪管理", "思维训练", "孟子故事"},
         {"哲学", "心理学", "人生哲学"}},
        {"C", 2, 2, {"C49", "C912.1", "C913.1"}, {"{n}", "{n}知识读本"}, {"社会生活", "交往礼仪", "人际沟通"}, {"社会学"}},
        {"D", 5, 6, {"D6", "D648", "D64", "D922.7", "D920.5"},
         {"{n}", "{n}教育读本", "青少年{n}", "{n}一百问"},
         {"法律常识", "未成年人保护法", "安全教育", "公民道德", "红色故事", "国家安全"},
         {"法制教育", "思想品德教育"}},
        {"E", 2, 2, {"E0", "E19", "E92", "E296"}, {"{n}", "图说{n}", "{n}大百科"}, {"兵器", "军事常识", "中国军队", "航母"}, {"军事"}},
        {"F", 2, 3, {"F0", "F12", "F49", "F830"}, {"{n}", "给孩子的{n}", "{n}入门"}, {"经济学", "理财", "金钱", "商业故事"}, {"经济学"}},
        {"G", 15, 14, {"G2", "G252", "G61", "G62", "G624.2", "G634.3", "G634.6", "G8", "G812", "G894"},
         {"{n}", "{n}指导", "{n}训练", "{n}100例"},
         {"阅读", "写作", "游戏", "体育运动", "学习方法", "博物馆", "奥林匹克", "围棋", "足球", "课外活动"},
         {"教育", "课外读物", "体育"}},
        {"H", 8, 9, {"H1", "H12", "H13", "H15", "H31", "H319.4", "H163"},
         {"{n}", "小学生{n}", "{n}手册", "{n}大全"},
         {"成语故事", "汉字", "新华字典", "英语阅读", "作文", "古诗词", "歇后语", "拼音"},
         {"汉语", "英语", "语文"}},
        {"I", 50, 42, {"I206.7", "I207.22", "I207.42", "I222", "I242", "I246.5", "I247.5", "I247.7", "I247.8", "I266",
                       "I267", "I286", "I287", "I287.1", "I287.2", "I287.45", "I287.5", "I287.7", "I287.8", "I312",
                       "I313.45", "I561.88", "I712.8", "I512.88"},
         {"{n}", "{p}的{n}", "{n}的秘密", "{p}的故事", "{n}与{n2}", "我的{n}", "{p}奇遇记", "{n}之歌", "{n}的夏天"},
         {"小狐狸", "月亮", "星星", "草房子", "青铜", "葵花", "森林", "大海", "风筝", "童年", "外婆", "小王子", "蝴蝶", "湘江",
          "洞庭湖", "桃花源", "灯塔", "雨季", "老屋", "白鹤", "少年", "火车", "长城", "小溪", "时光"},
         {"童话", "儿童小说", "诗歌", "散文", "寓言"}},
        {"J", 8, 8, {"J2", "J212", "J221", "J29", "J6", "J614", "J8", "J228.2"},
         {"{n}", "{n}入门", "少儿{n}", "跟我学{n}"},
         {"简笔画", "书法", "剪纸", "国画", "音乐", "素描", "手工", "戏曲", "湘绣", "漫画"},
         {"艺术", "绘画", "音乐"}},
        {"K", 8, 14, {"K0", "K20", "K204", "K209", "K220", "K248", "K264", "K296.4", "K820", "K825", "K826", "K9", "K928", "K919"},
         {"{n}", "{n}故事", "图说{n}", "少年读{n}", "{p}传"},
         {"上下五千年", "中国历史", "世界地理", "三国", "丝绸之路", "湖湘名人", "古代科学家", "中国地图", "史记", "岳麓书院"},
         {"中国历史", "地理", "人物传记"}},
        {"N", 10, 10, {"N49", "N091", "N092"}, {"{n}", "{n}十万个为什么", "{n}探秘"}, {"科学", "发明", "自然", "科学家"}, {"科学普及"}},
        {"O", 18, 18, {"O1", "O1-49", "O4-49", "O6-49", "O121", "O13"},
         {"{n}", "趣味{n}", "{n}思维", "{n}游戏"}, {"数学", "物理", "化学", "几何", "奥数", "数独", "光与电"}, {"数学", "物理学", "化学"}},
        {"P", 10, 10, {"P1-49", "P159", "P18", "P4", "P5", "P7", "P9"},
         {"{n}", "{n}大揭秘", "探索{n}"}, {"宇宙", "星空", "天气", "地球", "火山", "海洋", "恐龙化石"}, {"天文学", "地球科学"}},
        {"Q", 15, 15, {"Q1-49", "Q94", "Q95", "Q96", "Q959.7", "Q915"},
         {"{n}", "{n}图鉴", "{n}的一生", "神奇的{n}"}, {"昆虫", "植物", "动物", "鸟类", "恐龙", "细胞", "森林"}, {"生物学", "动物", "植物"}},
        {"R", 6, 6, {"R1", "R161", "R179", "R153.2"}, {"{n}", "{n}知识", "{n}指南"}, {"健康", "营养", "急救", "青春期", "视力保护"}, {"卫生保健"}},
        {"S", 6, 6, {"S1", "S6", "S68", "S8"}, {"{n}", "{n}入门"}, {"种植", "养花", "水稻", "农业"}, {"农业"}},
        {"T", 22, 22, {"TB", "TN91", "TP3", "TP311.1", "TP312", "TP39", "TS97", "TS935", "TU", "TK01"},
         {"{n}", "{n}入门", "给孩子的{n}", "{n}实践"}, {"编程", "机器人", "人工智能", "发明创造", "桥梁", "能源", "手工制作", "烹饪"},
         {"计算机", "技术"}},
        {"U", 4, 4, {"U2", "U4", "U46", "U6"}, {"{n}", "{n}的故事"}, {"高铁", "汽车", "轮船", "交通安全"}, {"交通运输"}},
        {"V", 4, 4, {"V1", "V2", "V4", "V47"}, {"{n}", "{n}之旅"}, {"飞机", "航天", "火箭", "太空"}, {"航空", "航天"}},
        {"X", 5, 5, {"X2", "X24", "X4", "X956"}, {"{n}", "{n}知识"}, {"环保", "垃圾分类", "防灾", "消防安全"}, {"环境保护", "安全教育"}},
        {"Z", 1, 1, {"Z228", "Z228.1", "Z228.2", "Z227", "Z3"},
         {"{n}", "{n}（少年版）", "彩图{n}"}, {"十万个为什么", "百科全书", "少儿百科", "知识大全"}, {"百科全书"}},
    };
    return s;
}

struct Publisher {
    const char* name;
    const char* place;
    const char* isbn_group;  // registrant prefix after 978-7-
};

constexpr std::array<Publisher, 14> kPublishers = {{
    {"人民文学出版社", "北京", "02"},
    {"中华书局", "北京", "101"},
    {"商务印书馆", "北京", "100"},
    {"科学出版社", "北京", "03"},
    {"人民教育出版社", "北京", "107"},
    {"湖南少年儿童出版社", "长沙", "5562"},
    {"湖南教育出版社", "长沙", "5539"},
    {"岳麓书社", "长沙", "5538"},
    {"少年儿童出版社", "上海", "5324"},
    {"浙江少年儿童出版社", "杭州", "5342"},
    {"中国少年儿童出版社", "北京", "5148"},
    {"接力出版社", "南宁", "5448"},
    {"二十一世纪出版社", "南昌", "5391"},
    {"外语教学与研究出版社", "北京", "5600"},
}};

constexpr std::array<const char*, 30> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "林", "罗", "高", "曹", "彭", "谭", "邓", "唐", "沈", "汤", "易", "龙", "曾"};
constexpr std::array<const char*, 30> kGiven = {
    "文", "红", "明", "晓", "芳", "伟", "军", "静", "丽", "强", "梅", "涛", "霞", "刚", "平",
    "萍", "海", "燕", "春", "湘", "雨", "新", "华", "敏", "雪", "林", "冰", "心", "波", "凡"};
constexpr std::array<const char*, 10> kPeople = {"小熊", "阿凡提", "小猫", "孙悟空", "哪吒", "木兰", "小林", "雷锋", "屈原", "蔡伦"};
constexpr std::array<const char*, 5> kRoles = {"著", "编著", "主编", "编", "文/图"};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
    return s;
}

}  // namespace

std::optional<SchoolType> parse_school_type(std::string_view s) {
    if (s == "primary" || s == "小学") return SchoolType::Primary;
    if (s == "junior" || s == "初中" || s == "初级中学") return SchoolType::Junior;
    if (s == "senior" || s == "高中" || s == "高级中学") return SchoolType::Senior;
    if (s == "complete" || s == "完全中学") return SchoolType::Complete;
    if (s == "nine_year" || s == "九年一贯制") return SchoolType::NineYear;
    if (s == "twelve_year" || s == "十二年一贯制") return SchoolType::TwelveYear;
    return std::nullopt;
}

const char* to_string(SchoolType t) {
    switch (t) {
        case SchoolType::Primary: return "primary";
        case SchoolType::Junior: return "junior";
        case SchoolType::Senior: return "senior";
        case SchoolType::Complete: return "complete";
        case SchoolType::NineYear: return "nine_year";
        case SchoolType::TwelveYear: return "twelve_year";
    }
    return "primary";
}

std::vector<std::pair<SchoolType, long long>> demo_stages(SchoolType t, long long n) {
    switch (t) {
        case SchoolType::NineYear: {
            long long primary = n * 6 / 9;
            return {{SchoolType::Primary, primary}, {SchoolType::Junior, n - primary}};
        }
        case SchoolType::TwelveYear: {
            long long primary = n * 6 / 12, junior = n * 3 / 12;
            return {{SchoolType::Primary, primary}, {SchoolType::Junior, junior}, {SchoolType::Senior, n - primary - junior}};
        }
        default: return {{t, n}};
    }
}

double books_per_student(SchoolType t) {
    switch (t) {
        case SchoolType::Primary: return 25;
        case SchoolType::Junior: return 35;
        case SchoolType::Senior: return 45;
        case SchoolType::Complete: return 40;
        case SchoolType::NineYear:
        case SchoolType::TwelveYear: {
            const long long n = 3600;  // divisible by 9 and 12: exact stage shares
            double books = 0;
            for (auto& [st, students] : demo_stages(t, n)) books += double(students) * books_per_student(st);
            return books / double(n);
        }
    }
    return 25;
}

double part_share(SchoolType t, int part) {
    static constexpr double primary[5] = {0.015, 0.015, 0.64, 0.28, 0.05};
    static constexpr double secondary[5] = {0.02, 0.02, 0.54, 0.38, 0.04};
    if (part < 1 || part > 5) return 0;
    return (t == SchoolType::Primary ? primary : secondary)[part - 1];
}

namespace {

// What runs on from one stage of a 一贯制 school to the next, so that numbers stay unique.
struct DemoState {
    Rng rng;
    std::map<std::string, int> next_serial;  // 种次号 per class number
    long long items = 0, records = 0, barcode = 0;
};

void generate_stage(const DemoOptions& opt, long long target_items, long long target_records, DemoState& state,
                    std::vector<ImportEntry>& batch, std::size_t batch_size,
                    const std::function<void(std::vector<ImportEntry>&)>& sink) {
    Rng& rng = state.rng;
    const auto& cls = specs();
    const bool primary = opt.type == SchoolType::Primary;
    // Class weights: 大部类 share × share of the class inside its 大部类.
    auto part_of = [](const char* code) {
        char c = code[0];
        return c == 'A' ? 1 : c == 'B' ? 2 : c == 'Z' ? 5 : (c >= 'C' && c <= 'K') ? 3 : 4;
    };
    std::array<double, 6> part_total{};
    for (const auto& c : cls) part_total[static_cast<std::size_t>(part_of(c.code))] += primary ? c.weight_primary : c.weight_secondary;
    std::vector<double> cumulative;
    double acc = 0;
    for (const auto& c : cls) {
        int p = part_of(c.code);
        acc += part_share(opt.type, p) * (primary ? c.weight_primary : c.weight_secondary) / part_total[static_cast<std::size_t>(p)];
        cumulative.push_back(acc);
    }

    auto& next_serial = state.next_serial;
    long long& records = state.records;
    long long& barcode = state.barcode;
    long long items = 0, stage_records = 0;
    const Audience audience = primary ? Audience::Primary : opt.type == SchoolType::Junior ? Audience::Junior : Audience::Senior;
    auto done = [&] { return target_records > 0 ? stage_records >= target_records : items >= target_items; };
    while (!done()) {
        double u = rng.unit() * acc;
        std::size_t ci = 0;
        while (ci + 1 < cumulative.size() && u >= cumulative[ci]) ++ci;
        const ClassSpec& c = cls[ci];
        ImportEntry e;
        BibRecord& r = e.record;
        ++records;
        ++stage_records;
        char cn[48];
        std::snprintf(cn, sizeof cn, "SXDEMO%llu-%08lld", static_cast<unsigned long long>(opt.seed), records);
        r.control_number = cn;
        std::string pattern = c.patterns[rng.below(c.patterns.size())];
        const std::size_t i1 = rng.below(c.nouns.size());
        // The second noun differs from the first ("{n}与{n2}").
        const std::size_t i2 = c.nouns.size() > 1 ? (i1 + 1 + rng.below(c.nouns.size() - 1)) % c.nouns.size() : i1;
        std::string noun = c.nouns[i1];
        std::string noun2 = c.nouns[i2];
        r.title = replace_all(replace_all(replace_all(pattern, "{n2}", noun2), "{n}", noun), "{p}", rng.pick(kPeople));
        if (rng.below(6) == 0) r.other_title = primary ? "注音版" : "青少年版";
        std::string author = std::string(rng.pick(kSurnames)) + rng.pick(kGiven);
        if (rng.below(2) == 0) author += rng.pick(kGiven);
        r.responsibility = author + rng.pick(kRoles);
        const Publisher& pub = rng.pick(kPublishers);
        r.publisher = pub.name;
        r.place = pub.place;
        r.year = std::to_string(2000 + static_cast<int>(rng.below(26)));
        // ISBN-13 978-7-<registrant>-<title number>-<check>: 9 digits after "9787".
        std::string body = std::string("9787") + pub.isbn_group;
        while (body.size() < 12) body += static_cast<char>('0' + rng.below(10));
        body += isbn13_check_digit(body);
        r.isbns.push_back(body);
        r.price = std::round((12.0 + rng.unit() * 48.0) * 2.0) / 2.0;
        r.pages = 60 + static_cast<int>(rng.below(340));
        r.language = "chi";
        r.subjects.push_back(c.subjects[rng.below(c.subjects.size())]);
        if (rng.below(10) == 0) r.series = primary ? "小学生必读丛书" : "中学生课外读物";
        std::string number = c.numbers[rng.below(c.numbers.size())];
        r.clc_class = number;
        int serial = ++next_serial[number];
        r.call_number = number + "/" + std::to_string(serial);
        r.audience = audience;
        r.local_collection = (number == "K296.4" || noun == "湘江" || noun == "洞庭湖" || noun == "湖湘名人" || noun == "岳麓书院");
        r.summary = kSyntheticNote;
        r.flavor = MarcFlavor::Cnmarc;
        r.marc = synthesize_cnmarc(r);
        {
            Field note;
            note.tag = "300";
            note.subfields.push_back({'a', kSyntheticNote});
            r.marc.fields.push_back(std::move(note));
        }
        // Copies: 1 (70 %), 2 (20 %), 3 (10 %).
        std::size_t roll = rng.below(10);
        int copies = roll < 7 ? 1 : roll < 9 ? 2 : 3;
        for (int k = 1; k <= copies && (target_records > 0 || items < target_items); ++k) {
            Item it;
            char bc[24];
            std::snprintf(bc, sizeof bc, "S%08lld", ++barcode);
            it.barcode = bc;
            it.call_number = r.call_number;
            it.copy_number = k;
            std::size_t st = rng.below(1000);
            it.status = st < 80 ? ItemStatus::OnLoan : st < 85 ? ItemStatus::Damaged : st < 90 ? ItemStatus::Lost : ItemStatus::Available;
            const unsigned month = 1 + static_cast<unsigned>(rng.below(12)), day = 1 + static_cast<unsigned>(rng.below(28));
            // Bought in the year of publication or up to two years later, never after the latest
            // year; about 4 % of copies fall in the latest year (≈ 1 per student at 25–35 per student).
            int acquired_year = std::min(opt.latest_year, std::stoi(r.year) + static_cast<int>(rng.below(3)));
            if (rng.below(100) < 2) acquired_year = opt.latest_year;
            it.acquired = std::to_string(acquired_year) + (month < 10 ? "-0" : "-") + std::to_string(month) + (day < 10 ? "-0" : "-") +
                          std::to_string(day);
            it.source = rng.below(100) < 85 ? "采购" : "捐赠";
            it.price = r.price;
            e.items.push_back(std::move(it));
            ++items;
            ++state.items;
        }
        batch.push_back(std::move(e));
        if (batch.size() >= batch_size) {
            sink(batch);
            batch.clear();
        }
    }
}

// Periodical subscriptions (报刊): serial records (leader/07 = 's'), one bound volume each, enough
// titles for the school type's norm (60 primary, 80 junior, 120 senior) with a few to spare.
void add_periodicals(const DemoOptions& opt, DemoState& state, std::vector<ImportEntry>& batch) {
    static const char* const kFront[] = {"少年", "儿童", "小学生", "中学生", "青少年", "中国少年", "学生", "校园", "科学", "我们"};
    static const char* const kBack[] = {"文艺", "文学", "画报", "天地", "博览", "读写", "英语", "数学报", "科学",
                                        "时代", "作文", "科普", "历史", "地理", "美术", "音乐", "体育", "故事会"};
    static const char* const kClass[] = {"I2", "G62", "G63", "N49", "J2", "K2", "H31", "O1", "G8", "Z2"};
    int titles = 70;
    switch (opt.type) {
        case SchoolType::Primary: titles = 70; break;
        case SchoolType::Junior:
        case SchoolType::NineYear: titles = 90; break;
        default: titles = 130;
    }
    for (int k = 0; k < titles; ++k) {
        ImportEntry e;
        BibRecord& r = e.record;
        ++state.records;
        char cn[48];
        std::snprintf(cn, sizeof cn, "SXDEMO%llu-P%04d", static_cast<unsigned long long>(opt.seed), k + 1);
        r.control_number = cn;
        const std::size_t nf = sizeof kFront / sizeof *kFront, nb = sizeof kBack / sizeof *kBack;
        // k → a distinct (front, back) pair: 10 × 18 = 180 names.
        r.title = std::string(kFront[static_cast<std::size_t>(k) % nf]) + kBack[(static_cast<std::size_t>(k) / nf + static_cast<std::size_t>(k)) % nb];
        r.other_title = std::to_string(opt.latest_year) + "年合订本";
        r.publisher = "示例期刊社";
        r.place = "北京";
        r.year = std::to_string(opt.latest_year);
        r.language = "chi";
        r.clc_class = kClass[static_cast<std::size_t>(k) % (sizeof kClass / sizeof *kClass)];
        r.call_number = r.clc_class + "/P" + std::to_string(k + 1);
        r.summary = kSyntheticNote;
        r.flavor = MarcFlavor::Cnmarc;
        r.marc = synthesize_cnmarc(r);
        if (r.marc.leader.size() > 7) r.marc.leader[7] = 's';
        Item it;
        char bc[24];
        std::snprintf(bc, sizeof bc, "S%08lld", ++state.barcode);
        it.barcode = bc;
        it.call_number = r.call_number;
        it.copy_number = 1;
        it.status = ItemStatus::Available;
        it.acquired = std::to_string(opt.latest_year) + "-01-15";
        it.source = "订购";
        e.items.push_back(std::move(it));
        ++state.items;
        batch.push_back(std::move(e));
    }
}

}  // namespace

void generate_demo(const DemoOptions& opt, std::size_t batch_size,
                   const std::function<void(std::vector<ImportEntry>&)>& sink) {
    DemoState state{Rng{opt.seed * 0x2545F4914F6CDD1DULL + 1}, {}, 0, 0, 0};
    std::vector<ImportEntry> batch;
    batch.reserve(batch_size);
    const auto stages = demo_stages(opt.type, opt.students);
    long long records_left = opt.records;
    for (std::size_t i = 0; i < stages.size(); ++i) {
        DemoOptions stage = opt;
        stage.type = stages[i].first;
        stage.students = stages[i].second;
        long long target_items = opt.records > 0 ? 0 : stage.students * static_cast<long long>(books_per_student(stage.type));
        long long target_records = 0;
        if (opt.records > 0) {
            // Records split by the stages' students; the last stage takes the remainder.
            target_records = i + 1 == stages.size() ? records_left : opt.records * stage.students / std::max(1LL, opt.students);
            records_left -= target_records;
            if (target_records <= 0) continue;
        }
        generate_stage(stage, target_items, target_records, state, batch, batch_size, sink);
    }
    if (opt.records <= 0) add_periodicals(opt, state, batch);
    if (!batch.empty()) sink(batch);
}

}  // namespace shuxiang::catalog
