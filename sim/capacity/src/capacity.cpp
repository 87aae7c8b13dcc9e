#include <shuxiang/capacity/capacity.hpp>

#include <cmath>

namespace shuxiang::capacity {

const char* to_string(BookKind k) {
    switch (k) {
        case BookKind::General: return "general";
        case BookKind::PictureBook: return "picture_book";
        case BookKind::Periodical: return "periodical";
        case BookKind::Reference: return "reference";
    }
    return "general";
}

// Planning figures (documented in docs/scenario-format.md): a school's general books average about
// 2.5 cm (40 per shelf metre), picture books about 1 cm, single periodical issues 0.5 cm, reference
// works 4 cm.
double thickness_m(BookKind k) {
    switch (k) {
        case BookKind::General: return 0.025;
        case BookKind::PictureBook: return 0.010;
        case BookKind::Periodical: return 0.005;
        case BookKind::Reference: return 0.040;
    }
    return 0.025;
}

BookKind kind_of(const plan::Furniture& f, const plan::FurnitureType& t) {
    if (t.category == plan::FurnitureCategory::PictureBookBin) return BookKind::PictureBook;
    if (t.category == plan::FurnitureCategory::PeriodicalRack) return BookKind::Periodical;
    const std::string& l = f.label;
    if (l.rfind("ref", 0) == 0 || l.rfind("REF", 0) == 0 || l.find("工具书") != std::string::npos ||
        l.find("参考") != std::string::npos)
        return BookKind::Reference;
    return BookKind::General;
}

Report compute(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, const Options& o) {
    Report r;
    for (const auto& level : plan.levels)
        for (const auto& f : level.furniture) {
            const plan::FurnitureType* t = catalog.find(f.type);
            if (!t || !t->holds_books()) continue;
            const int n = plan::effective_sections(f, *t);
            const double w = plan::effective_width(f, *t) / n;
            const BookKind kind = kind_of(f, *t);
            for (int face = 1; face <= t->faces; ++face)
                for (int k = 1; k <= n; ++k) {
                    SectionCapacity s{level.id, f.id, face, k, kind, w, t->shelf_levels, 0};
                    // The small epsilon keeps 0.9 × 6 / 0.025 = 216 from flooring to 215.
                    s.books = static_cast<long long>(std::floor(w * t->shelf_levels / thickness_m(kind) + 1e-9));
                    if (kind == BookKind::Periodical) r.periodical_capacity += s.books;
                    else r.book_capacity += s.books;
                    r.sections.push_back(s);
                }
        }
    r.working_capacity = static_cast<long long>(std::floor(r.book_capacity * o.fill_target + 1e-9));
    const double added = o.students * std::max(1.0, o.new_per_student);
    for (int c = 0; c < 5; ++c) {
        ClassOutlook& out = r.classes[static_cast<std::size_t>(c)];
        const double share = o.shares[static_cast<std::size_t>(c)];
        out.working_capacity = static_cast<long long>(std::floor(r.working_capacity * share + 1e-9));
        out.current = o.current[static_cast<std::size_t>(c)];
        out.added_per_year = added * share;
        double stock = static_cast<double>(out.current);
        if (stock > out.working_capacity) {
            out.full_year = o.start_year;
            continue;
        }
        for (int y = 1; y <= o.years; ++y) {
            stock = stock * (1.0 - o.weeding_rate) + out.added_per_year;
            if (stock > out.working_capacity + 1e-9) {
                out.full_year = o.start_year + y;
                break;
            }
        }
    }
    return r;
}

}  // namespace shuxiang::capacity
