// Reviews: writing one after a return, the librarian's moderation, and who may read which.
#include "feedback_internal.hpp"

namespace shuxiang::reading {

using namespace shuxiang::circulation;

std::optional<std::size_t> plain_text_length(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n) {
        const auto b = static_cast<unsigned char>(s[i]);
        const int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) return std::nullopt;
        for (int k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return std::nullopt;
        if (len == 1 && (b < 0x20 || b == 0x7F) && b != '\n' && b != '\t' && b != '\r') return std::nullopt;
        i += static_cast<std::size_t>(len);
    }
    return n;
}

namespace {

// The text as stored: surrounding white space dropped; a refusal when too long or not plain text.
std::optional<Result> check_text(std::string& text, std::size_t max_chars) {
    const auto first = text.find_first_not_of(" \t\r\n");
    text = first == std::string::npos ? std::string() : text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    const auto n = plain_text_length(text);
    if (!n) return feedback_refusal("bad_text", {});
    if (*n > max_chars) return feedback_refusal("text_too_long", {std::to_string(*n), std::to_string(max_chars)});
    return std::nullopt;
}

bool returned(UnitOfWork& u, std::string_view patron, long long record) {
    for (auto& t : u.feedback().returned_titles(patron))
        if (t.record_id == record) return true;
    return false;
}

// Why this review may not be written now, if so.
std::optional<Result> refuse_review(UnitOfWork& u, const Ctx& c, std::string_view patron, long long record, int stars) {
    if (c.op.empty() && !reader_allows(c, Action::WriteReview, patron)) return feedback_refusal("not_permitted", {c.reader});
    if (!u.find_patron(patron)) return feedback_refusal("unknown_patron", {std::string(patron)});
    if (!u.catalog().record(record)) return feedback_refusal("unknown_record", {std::to_string(record)});
    if (stars < 1 || stars > 5) return feedback_refusal("bad_stars", {std::to_string(stars)});
    if (!returned(u, patron, record)) return feedback_refusal("not_returned", {std::to_string(record)});
    return std::nullopt;
}

}  // namespace

Result FeedbackService::write_review(const Ctx& c, std::string_view patron, long long record, int stars, const std::string& text) {
    const std::string target = std::string(patron) + " " + std::to_string(record);
    return run_op(repo_, c, Action::WriteReview, "feedback.review", target, [&](UnitOfWork& u) {
        if (auto bad = refuse_review(u, c, patron, record, stars)) return *bad;
        std::string body = text;
        if (auto bad = check_text(body, kMaxReviewChars)) return *bad;
        Review r{0, std::string(patron), record, stars, body, "pending", c.date, c.op, "", "", ""};
        auto& f = u.feedback();
        if (auto old = f.review_of(patron, record)) {
            if (old->status != "rejected") return feedback_refusal("already_reviewed", {std::to_string(record)});
            r.id = old->id;
            f.update_review(r);
        } else {
            r.id = f.insert_review(r);
        }
        return feedback_done("feedback.ok.review", {std::to_string(record)}, r.id);
    });
}

Result FeedbackService::moderate(const Ctx& c, long long id, bool approve, const std::string& reason) {
    return run_op(repo_, c, Action::Moderate, approve ? "feedback.approve" : "feedback.reject", std::to_string(id), [&](UnitOfWork& u) {
        auto r = u.feedback().find_review(id);
        if (!r) return feedback_refusal("unknown_review", {std::to_string(id)});
        if (r->status != "pending") return feedback_refusal("not_pending", {std::to_string(id), tr("feedback.status." + r->status)});
        // Nobody approves their own review (an operator linked to the reader who wrote it).
        auto op = u.find_operator(c.op);
        if (op && !op->patron_id.empty() && op->patron_id == r->patron_id) return feedback_refusal("own_review", {std::to_string(id)});
        std::string why = reason;
        if (auto bad = check_text(why, kMaxNoteChars)) return *bad;
        if (!approve && why.empty()) return feedback_refusal("no_reason", {});
        r->status = approve ? "approved" : "rejected";
        r->moderator = c.op;
        r->moderated_day = c.date;
        r->reason = approve ? std::string() : why;
        u.feedback().update_review(*r);
        return feedback_done(approve ? "feedback.ok.approved" : "feedback.ok.rejected", {std::to_string(id)}, id);
    });
}

Result FeedbackService::pending(const Ctx& c, std::vector<Review>& out) {
    Result a = OperatorService(repo_).authorize(c, Action::Moderate, "feedback.queue", "");
    if (a.ok) out = repo_.read()->feedback().reviews("pending", "", 0);
    return a;
}

Result FeedbackService::reviews_by(const Ctx& c, std::string_view patron, std::vector<Review>& out) {
    Result a = may_read(c, patron, "feedback.reviews");
    if (a.ok) out = repo_.read()->feedback().reviews("", patron, 0);
    return a;
}

Result FeedbackService::reviewable(const Ctx& c, std::string_view patron, std::vector<ReturnedTitle>& out) {
    Result a = may_read(c, patron, "feedback.reviewable");
    if (!a.ok) return a;
    auto u = repo_.read();
    out.clear();
    for (auto& t : u->feedback().returned_titles(patron)) {
        auto r = u->feedback().review_of(patron, t.record_id);
        if (!r || r->status == "rejected") out.push_back(t);
    }
    return a;
}

std::vector<PublicReview> FeedbackService::approved(long long record_id) {
    auto u = repo_.read();
    std::vector<PublicReview> out;
    auto rows = u->feedback().reviews("approved", "", record_id);
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
        PublicReview p{it->id, it->stars, it->text, it->moderated_day, "", 0};
        if (auto who = u->find_patron(it->patron_id)) {
            p.reader = to_string(who->kind);
            if (who->kind == PatronKind::Student) p.grade = who->grade;
        }
        out.push_back(std::move(p));
    }
    return out;
}

bool FeedbackService::parent_of(const Ctx& c, std::string_view pupil) {
    if (!c.op.empty() || c.reader.empty()) return false;
    for (auto& l : repo_.read()->feedback().parent_links(c.reader))
        if (l.pupil_id == pupil) return true;
    return false;
}

Result FeedbackService::may_read(const Ctx& c, std::string_view patron, std::string_view action) {
    if ((c.op.empty() && !c.reader.empty() && c.reader == patron) || parent_of(c, patron)) return feedback_done("", {}, 0);
    return OperatorService(repo_).authorize(c, Action::ViewReaders, action, patron);
}

}  // namespace shuxiang::reading
