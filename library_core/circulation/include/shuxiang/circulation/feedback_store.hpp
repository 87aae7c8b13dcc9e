#pragma once
// The storage of readers' feedback, kept for the reading module (library_core/reading): reviews
// with their moderation, recommendations, the links of parent accounts to pupils, and the loan
// counts by class its statistics need. One per unit of work (UnitOfWork::feedback), in the same
// transaction as everything else of that unit.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shuxiang::circulation {

// A reader's rating (1-5) and short text on a title; others see it only once approved.
struct Review {
    long long id = 0;
    std::string patron_id;
    long long record_id = 0;
    int stars = 0;
    std::string text;
    std::string status;  // pending, approved, rejected
    std::string day, entered_by;  // entered_by: the operator who typed it from a slip, "" for the reader
    std::string moderator, moderated_day, reason;  // reason: why it was rejected (shown to its author)
};

// A title recommended by a teacher or a parent (谁推荐谁负责: the recommender stays on it).
struct Recommendation {
    long long id = 0;
    std::string by_patron, by_kind;  // the recommender's reader record and its kind (teacher, staff, parent)
    std::string entered_by;          // the operator who entered it, "" when the reader did
    long long record_id = 0;         // the catalogue record when the library has the title, else 0
    std::string title, author, isbn, note, day;
    long long suggestion_id = 0;  // the acquisitions suggestion made for a title not held, else 0
};

// A parent's reader account linked to a pupil: the parent sees that pupil's loans and progress.
struct ParentLink {
    std::string parent_id, pupil_id, day, by;
};

// A title a reader borrowed and brought back (the titles they may review).
struct ReturnedTitle {
    long long record_id = 0;
    std::string title, returned;  // the last return
};

// Loans of one school class's readers in a period (class sets excluded).
struct ClassReading {
    int grade = 0;
    std::string class_no;
    long long students = 0;  // active students of the class
    long long readers = 0;   // of them, those who borrowed at least once
    long long loans = 0;
};

class FeedbackStore {
public:
    virtual ~FeedbackStore() = default;
    virtual long long insert_review(const Review& r) = 0;
    virtual void update_review(const Review& r) = 0;  // stars, text, status, day, moderation
    virtual std::optional<Review> find_review(long long id) = 0;
    virtual std::optional<Review> review_of(std::string_view patron_id, long long record_id) = 0;
    // Reviews by status, reader and title ("" / 0: any), oldest first.
    virtual std::vector<Review> reviews(std::string_view status, std::string_view patron_id, long long record_id) = 0;
    // The titles a reader borrowed and returned (their own loans, class sets excluded), last return first.
    virtual std::vector<ReturnedTitle> returned_titles(std::string_view patron_id) = 0;

    virtual long long insert_recommendation(const Recommendation& r) = 0;
    // A reader's recommendations ("" = everyone's), oldest first.
    virtual std::vector<Recommendation> recommendations(std::string_view by_patron) = 0;

    virtual void link_parent(const ParentLink& l) = 0;  // an existing link is kept as it is
    virtual bool unlink_parent(std::string_view parent_id, std::string_view pupil_id) = 0;
    // The pupils linked to a parent ("" = every link), by pupil.
    virtual std::vector<ParentLink> parent_links(std::string_view parent_id) = 0;

    // Every class with active students and its loans made in [from, to].
    virtual std::vector<ClassReading> class_reading(std::string_view from, std::string_view to) = 0;
};

}  // namespace shuxiang::circulation
