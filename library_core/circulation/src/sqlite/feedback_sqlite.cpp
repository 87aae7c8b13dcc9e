// Readers' feedback in the SQLite library database: reviews, recommendations, parents' links,
// loans by class. Every statement binds its values.
#include "feedback_sqlite.hpp"

#include "shuxiang/util/sqlite.hpp"

namespace shuxiang::circulation {

namespace {

using shuxiang::sqlite::Stmt;

const char* kReviewCols =
    "id, patron_id, record_id, stars, text, status, day, entered_by, moderator, moderated_day, reason";
Review read_review(Stmt& s) {
    return Review{s.i64(0), s.text(1), s.i64(2), s.i32(3), s.text(4), s.text(5),
                  s.text(6), s.text(7), s.text(8), s.text(9), s.text(10)};
}

const char* kRecommendationCols =
    "id, by_patron, by_kind, entered_by, record_id, title, author, isbn, note, day, suggestion_id";
Recommendation read_recommendation(Stmt& s) {
    return Recommendation{s.i64(0), s.text(1), s.text(2), s.text(3), s.i64(4), s.text(5),
                          s.text(6), s.text(7), s.text(8), s.text(9), s.i64(10)};
}

class SqliteFeedback final : public FeedbackStore {
public:
    explicit SqliteFeedback(sqlite3* db) : db_(db) {}

    long long insert_review(const Review& r) override {
        Stmt(db_, "INSERT INTO feedback_reviews(patron_id, record_id, stars, text, status, day, entered_by) VALUES(?,?,?,?,?,?,?)")
            .bind(1, r.patron_id)
            .bind(2, r.record_id)
            .bind(3, r.stars)
            .bind(4, r.text)
            .bind(5, r.status)
            .bind(6, r.day)
            .bind(7, r.entered_by)
            .run();
        return sqlite3_last_insert_rowid(db_);
    }
    void update_review(const Review& r) override {
        Stmt(db_, "UPDATE feedback_reviews SET stars = ?, text = ?, status = ?, day = ?, entered_by = ?, moderator = ?, "
                  "moderated_day = ?, reason = ? WHERE id = ?")
            .bind(1, r.stars)
            .bind(2, r.text)
            .bind(3, r.status)
            .bind(4, r.day)
            .bind(5, r.entered_by)
            .bind(6, r.moderator)
            .bind(7, r.moderated_day)
            .bind(8, r.reason)
            .bind(9, r.id)
            .run();
    }
    std::optional<Review> find_review(long long id) override {
        Stmt s(db_, std::string("SELECT ") + kReviewCols + " FROM feedback_reviews WHERE id = ?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return read_review(s);
    }
    std::optional<Review> review_of(std::string_view patron_id, long long record_id) override {
        Stmt s(db_, std::string("SELECT ") + kReviewCols + " FROM feedback_reviews WHERE patron_id = ? AND record_id = ?");
        s.bind(1, patron_id).bind(2, record_id);
        if (!s.step()) return std::nullopt;
        return read_review(s);
    }
    std::vector<Review> reviews(std::string_view status, std::string_view patron_id, long long record_id) override {
        Stmt s(db_, std::string("SELECT ") + kReviewCols +
                        " FROM feedback_reviews WHERE (?1 = '' OR status = ?1) AND (?2 = '' OR patron_id = ?2) "
                        "AND (?3 = 0 OR record_id = ?3) ORDER BY id");
        s.bind(1, status).bind(2, patron_id).bind(3, record_id);
        std::vector<Review> out;
        while (s.step()) out.push_back(read_review(s));
        return out;
    }
    std::vector<ReturnedTitle> returned_titles(std::string_view patron_id) override {
        Stmt s(db_, "SELECT l.record_id, coalesce(r.title, ''), max(l.returned_date) AS back FROM circ_loans l "
                    "LEFT JOIN records r ON r.id = l.record_id WHERE l.patron_id = ? AND l.corner = '' "
                    "AND l.returned_date IS NOT NULL GROUP BY l.record_id ORDER BY back DESC, l.record_id");
        s.bind(1, patron_id);
        std::vector<ReturnedTitle> out;
        while (s.step()) out.push_back({s.i64(0), s.text(1), s.text(2)});
        return out;
    }

    long long insert_recommendation(const Recommendation& r) override {
        Stmt(db_, "INSERT INTO feedback_recommendations(by_patron, by_kind, entered_by, record_id, title, author, isbn, note, "
                  "day, suggestion_id) VALUES(?,?,?,?,?,?,?,?,?,?)")
            .bind(1, r.by_patron)
            .bind(2, r.by_kind)
            .bind(3, r.entered_by)
            .bind(4, r.record_id)
            .bind(5, r.title)
            .bind(6, r.author)
            .bind(7, r.isbn)
            .bind(8, r.note)
            .bind(9, r.day)
            .bind(10, r.suggestion_id)
            .run();
        return sqlite3_last_insert_rowid(db_);
    }
    std::vector<Recommendation> recommendations(std::string_view by_patron) override {
        Stmt s(db_, std::string("SELECT ") + kRecommendationCols +
                        " FROM feedback_recommendations WHERE ?1 = '' OR by_patron = ?1 ORDER BY id");
        s.bind(1, by_patron);
        std::vector<Recommendation> out;
        while (s.step()) out.push_back(read_recommendation(s));
        return out;
    }

    void link_parent(const ParentLink& l) override {
        Stmt(db_, "INSERT OR IGNORE INTO feedback_parent_links(parent_id, pupil_id, day, by_op) VALUES(?,?,?,?)")
            .bind(1, l.parent_id)
            .bind(2, l.pupil_id)
            .bind(3, l.day)
            .bind(4, l.by)
            .run();
    }
    bool unlink_parent(std::string_view parent_id, std::string_view pupil_id) override {
        Stmt(db_, "DELETE FROM feedback_parent_links WHERE parent_id = ? AND pupil_id = ?").bind(1, parent_id).bind(2, pupil_id).run();
        return sqlite3_changes(db_) > 0;
    }
    std::vector<ParentLink> parent_links(std::string_view parent_id) override {
        Stmt s(db_, "SELECT parent_id, pupil_id, day, by_op FROM feedback_parent_links WHERE ?1 = '' OR parent_id = ?1 "
                    "ORDER BY parent_id, pupil_id");
        s.bind(1, parent_id);
        std::vector<ParentLink> out;
        while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3)});
        return out;
    }

    std::vector<ClassReading> class_reading(std::string_view from, std::string_view to) override {
        Stmt s(db_, "SELECT p.grade, p.class_no, count(*), count(l.patron_id), coalesce(sum(l.n), 0) FROM circ_patrons p "
                    "LEFT JOIN (SELECT patron_id, count(*) AS n FROM circ_loans WHERE out_date BETWEEN ? AND ? AND corner = '' "
                    "GROUP BY patron_id) l ON l.patron_id = p.id "
                    "WHERE p.kind = 'student' AND p.status = 'active' GROUP BY p.grade, p.class_no ORDER BY p.grade, p.class_no");
        s.bind(1, from).bind(2, to);
        std::vector<ClassReading> out;
        while (s.step()) out.push_back({s.i32(0), s.text(1), s.i64(2), s.i64(3), s.i64(4)});
        return out;
    }

private:
    sqlite3* db_;
};

}  // namespace

std::unique_ptr<FeedbackStore> make_sqlite_feedback_store(sqlite3* db) { return std::make_unique<SqliteFeedback>(db); }

}  // namespace shuxiang::circulation
