#pragma once
// Readers' feedback (读书反馈和评价推荐): reviews of titles a reader has borrowed and returned,
// moderated by a librarian before anyone else sees them; recommendations by teachers and parents,
// a title not held becoming an acquisitions suggestion that carries its recommender (谁推荐谁负责);
// parent accounts linked to pupils; and the anonymous statistics. Operations take the acting
// operator or reader in a Ctx and return a Result, like the circulation services.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/circulation/feedback_store.hpp"
#include "shuxiang/circulation/repository.hpp"
#include "shuxiang/circulation/types.hpp"
#include "shuxiang/reading/lists.hpp"

namespace shuxiang::reading {

using circulation::ParentLink;
using circulation::Recommendation;
using circulation::ReturnedTitle;
using circulation::Review;

// A review's text is short: at most this many characters (code points), no control characters.
inline constexpr std::size_t kMaxReviewChars = 300;
// A recommendation's note, at most.
inline constexpr std::size_t kMaxNoteChars = 200;
// Statistics: a class or grade with fewer active students than this shows no figures; a title
// needs this many approved ratings to be listed as best rated.
inline constexpr long long kMinCellStudents = 5;
inline constexpr long long kMinRatings = 3;

// An approved review as anyone may see it: no reader id or name, only the kind of reader.
struct PublicReview {
    long long id = 0;
    int stars = 0;
    std::string text, day;
    std::string reader;  // "student", "teacher", "staff", "parent"
    int grade = 0;       // students: their grade
};

// What a recommender gives: a catalogue record, or a title (with author, ISBN and the price the
// acquisitions review needs when the library does not hold it).
struct NewRecommendation {
    long long record_id = 0;
    std::string title, author, isbn, note;
    std::optional<double> price;
    std::string by;  // the recommender's reader number; "" = the actor's own reader record
};

// A pupil as their linked parent sees them: loans and the reading programmes of their class.
struct ChildView {
    circulation::Patron pupil;
    std::vector<circulation::Loan> open_loans;
    std::vector<ReturnedTitle> returned;
    struct Programme {
        std::string list;
        ReaderProgress progress;
    };
    std::vector<Programme> programmes;
};

// Anonymous aggregates for the bureau and the librarian: titles and classes, never a reader.
struct FeedbackStats {
    int year = 0;
    struct Recommended {
        long long record_id = 0;  // 0: not held
        std::string title, author;
        long long recommendations = 0;
        std::map<std::string, long long> by_kind;  // teacher, staff, parent
    };
    std::vector<Recommended> most_recommended;  // at most 10, most first
    struct Rated {
        long long record_id = 0;
        std::string title;
        long long ratings = 0;
        double average = 0;
    };
    std::vector<Rated> best_rated;   // approved ratings only, at least kMinRatings each, at most 10
    long long titles_rated = 0;      // titles with an approved rating (listed or not)
    struct Cell {
        std::string key;  // grade "3" or class "3-2"
        long long students = 0;
        bool suppressed = false;  // fewer than kMinCellStudents: the figures below are 0 and not shown
        long long readers = 0, loans = 0;
        double loans_per_student = 0;
    };
    std::vector<Cell> by_grade, by_class;
};

class FeedbackService {
public:
    explicit FeedbackService(circulation::Repository& repo) : repo_(repo) {}

    // A reader's review (stars 1-5, text up to kMaxReviewChars) of a title they borrowed and
    // returned: by the reader (c.reader == patron) or a librarian typing a slip. Pending until
    // approved; a rejected review may be written again (pending again).
    circulation::Result write_review(const circulation::Ctx& c, std::string_view patron, long long record, int stars,
                                     const std::string& text);
    // A librarian approves a pending review, or rejects it with a reason its author sees.
    circulation::Result moderate(const circulation::Ctx& c, long long review_id, bool approve, const std::string& reason);
    // The pending reviews (the moderation queue): operators who may moderate.
    circulation::Result pending(const circulation::Ctx& c, std::vector<Review>& out);
    // A reader's own reviews in every state: the reader, an operator who may see readers, or a linked parent.
    circulation::Result reviews_by(const circulation::Ctx& c, std::string_view patron, std::vector<Review>& out);
    // Titles the reader returned and has not reviewed yet (or whose review was rejected).
    circulation::Result reviewable(const circulation::Ctx& c, std::string_view patron, std::vector<ReturnedTitle>& out);
    // The approved reviews of a title, newest first: public.
    std::vector<PublicReview> approved(long long record_id);

    // A recommendation (teachers, staff and parents; a librarian may enter one for any of them).
    // A title the library does not hold goes to the acquisitions review as a suggestion by the
    // recommender (AcquisitionService::suggest); its id is in the result's details.
    circulation::Result recommend(const circulation::Ctx& c, const NewRecommendation& r);
    // Recommendations with their recommenders: a reader's own, or everyone's ("") for an operator who may see readers.
    circulation::Result recommendations(const circulation::Ctx& c, std::string_view by, std::vector<Recommendation>& out);

    // Parent accounts (readers of kind parent) linked to pupils: librarians.
    circulation::Result link_parent(const circulation::Ctx& c, std::string_view parent, std::string_view pupil);
    circulation::Result unlink_parent(const circulation::Ctx& c, std::string_view parent, std::string_view pupil);
    // The pupils linked to a parent: the parent, or an operator who may see readers.
    circulation::Result children(const circulation::Ctx& c, std::string_view parent, std::vector<circulation::Patron>& out);
    // A pupil's loans and programmes: their linked parent (c.reader), the pupil, or an operator who may see readers.
    circulation::Result child_view(const circulation::Ctx& c, std::string_view pupil, ChildView& out);

    // The anonymous statistics of a calendar year.
    FeedbackStats stats(int year);

private:
    // Whether c's reader is a parent linked to `pupil`.
    bool parent_of(const circulation::Ctx& c, std::string_view pupil);
    // ok when c may read `patron`'s own data (self, a linked parent, an operator with ViewReaders);
    // the refusal is audited as `action`.
    circulation::Result may_read(const circulation::Ctx& c, std::string_view patron, std::string_view action);
    circulation::Repository& repo_;
};

// The statistics as JSON: suppressed cells carry "suppressed": true and no figures.
nlohmann::json feedback_stats_json(const FeedbackStats& st);

// The code-point length of valid UTF-8 text; nullopt when it is not UTF-8 or holds control
// characters other than line breaks and tabs.
std::optional<std::size_t> plain_text_length(std::string_view text);

}  // namespace shuxiang::reading
