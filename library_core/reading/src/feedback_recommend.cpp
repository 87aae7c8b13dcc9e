// Recommendations (a title not held becomes an acquisitions suggestion by its recommender) and
// parent accounts linked to pupils.
#include "copies.hpp"
#include "feedback_internal.hpp"

namespace shuxiang::reading {

using namespace shuxiang::circulation;

namespace {

// The recommender: `by`, or the acting reader, or the acting operator's own reader record. Only a
// librarian (ManagePatrons) names another reader; students do not recommend.
std::optional<Result> resolve_recommender(UnitOfWork& u, const Ctx& c, std::string& by, Patron& who) {
    if (c.op.empty()) {
        if (!by.empty() && by != c.reader) return feedback_refusal("not_permitted", {c.reader});
        by = c.reader;
    } else {
        auto op = u.find_operator(c.op);
        if (!op || op->disabled || !role_allows(op->role, Action::Recommend)) return feedback_refusal("not_permitted", {c.op});
        if (by.empty()) by = op->patron_id;
        if (by != op->patron_id && !role_allows(op->role, Action::ManagePatrons)) return feedback_refusal("not_permitted", {c.op});
    }
    if (by.empty()) return feedback_refusal("no_recommender", {c.op});
    auto p = u.find_patron(by);
    if (!p) return feedback_refusal("unknown_patron", {by});
    if (p->kind == PatronKind::Student) return feedback_refusal("recommend_kind", {by});
    who = *p;
    return std::nullopt;
}

// The title of a recommendation and whether the library holds it (copies not lost or withdrawn).
std::optional<Result> resolve_title(UnitOfWork& u, NewRecommendation& r, bool& held) {
    auto& store = u.catalog();
    if (r.record_id) {
        auto rec = store.record(r.record_id);
        if (!rec) return feedback_refusal("unknown_record", {std::to_string(r.record_id)});
        r.title = rec->title;
        r.author = rec->responsibility;
        if (r.isbn.empty() && !rec->isbns.empty()) r.isbn = rec->isbns.front();
        held = copies_held(store, r.record_id) > 0;
        return std::nullopt;
    }
    if (r.title.empty()) return feedback_refusal("no_title", {});
    const Coverage cov = coverage(store, {{r.title, r.author, r.isbn, r.price}});
    held = !cov.held.empty();
    if (held) r.record_id = cov.held.front().record_ids.front();
    return std::nullopt;
}

}  // namespace

Result FeedbackService::recommend(const Ctx& c, const NewRecommendation& in) {
    NewRecommendation r = in;
    Patron who;
    bool held = false;
    // Checked first, then the suggestion (its own audited unit), then the recommendation naming it.
    std::optional<Result> bad;
    {
        auto u = repo_.read();
        bad = resolve_recommender(*u, c, r.by, who);
        if (!bad) bad = resolve_title(*u, r, held);
    }
    if (!bad && !held && !(r.price && *r.price > 0)) bad = feedback_refusal("price_needed", {r.title});
    if (!bad && plain_text_length(r.note).value_or(kMaxNoteChars + 1) > kMaxNoteChars)
        bad = feedback_refusal("text_too_long", {std::to_string(plain_text_length(r.note).value_or(0)), std::to_string(kMaxNoteChars)});
    if (bad) {
        AdminService(repo_).record(c, "feedback.recommend", r.title, *bad);  // a refusal is audited
        return *bad;
    }
    Result made;
    if (!held) {
        Suggestion s;
        s.by = r.by;
        s.isbn = r.isbn;
        s.title = r.title;
        s.author = r.author;
        s.price = *r.price;
        s.note = trf("feedback.suggestion_note", {r.note});
        made = AcquisitionService(repo_).suggest(c, s);
        if (!made.ok) return made;
    }
    return run_op(repo_, c, Action::Recommend, "feedback.recommend", r.title, [&](UnitOfWork& u) {
        Recommendation rec{0, r.by, to_string(who.kind), c.op, held ? r.record_id : 0, r.title, r.author, r.isbn, r.note, c.date, made.id};
        Result res = feedback_done(held ? "feedback.ok.recommended" : "feedback.ok.recommended_suggested",
                                   {r.title, std::to_string(made.id)}, u.feedback().insert_recommendation(rec));
        res.details = made.details;
        return res;
    });
}

Result FeedbackService::recommendations(const Ctx& c, std::string_view by, std::vector<Recommendation>& out) {
    Result a = by.empty() ? OperatorService(repo_).authorize(c, Action::ViewReaders, "feedback.recommendations", "")
                          : may_read(c, by, "feedback.recommendations");
    if (a.ok) out = repo_.read()->feedback().recommendations(by);
    return a;
}

Result FeedbackService::link_parent(const Ctx& c, std::string_view parent, std::string_view pupil) {
    const std::string target = std::string(parent) + " " + std::string(pupil);
    return run_op(repo_, c, Action::ManagePatrons, "feedback.link_parent", target, [&](UnitOfWork& u) {
        auto p = u.find_patron(parent);
        if (!p) return feedback_refusal("unknown_patron", {std::string(parent)});
        if (p->kind != PatronKind::Parent) return feedback_refusal("not_parent", {std::string(parent)});
        auto s = u.find_patron(pupil);
        if (!s) return feedback_refusal("unknown_patron", {std::string(pupil)});
        if (s->kind != PatronKind::Student) return feedback_refusal("not_pupil", {std::string(pupil)});
        u.feedback().link_parent({std::string(parent), std::string(pupil), c.date, c.op});
        return feedback_done("feedback.ok.linked", {std::string(parent), std::string(pupil)}, 0);
    });
}

Result FeedbackService::unlink_parent(const Ctx& c, std::string_view parent, std::string_view pupil) {
    const std::string target = std::string(parent) + " " + std::string(pupil);
    return run_op(repo_, c, Action::ManagePatrons, "feedback.unlink_parent", target, [&](UnitOfWork& u) {
        if (!u.feedback().unlink_parent(parent, pupil)) return feedback_refusal("not_linked", {std::string(parent), std::string(pupil)});
        return feedback_done("feedback.ok.unlinked", {std::string(parent), std::string(pupil)}, 0);
    });
}

Result FeedbackService::children(const Ctx& c, std::string_view parent, std::vector<Patron>& out) {
    Result a = may_read(c, parent, "feedback.children");
    if (!a.ok) return a;
    auto u = repo_.read();
    out.clear();
    for (auto& l : u->feedback().parent_links(parent))
        if (auto p = u->find_patron(l.pupil_id)) out.push_back(*p);
    return a;
}

Result FeedbackService::child_view(const Ctx& c, std::string_view pupil, ChildView& out) {
    Result a = may_read(c, pupil, "feedback.child");
    if (!a.ok) return a;
    {
        auto u = repo_.read();
        auto p = u->find_patron(pupil);
        if (!p) return feedback_refusal("unknown_patron", {std::string(pupil)});
        out = ChildView{*p, u->open_loans(pupil), u->feedback().returned_titles(pupil), {}};
    }
    const Patron* p = &out.pupil;
    // The programmes of the pupil's class or grade, seen as the pupil sees their own (access checked above).
    ReadingService lists(repo_);
    const Ctx as_pupil{"", c.date, std::string(pupil)};
    const std::string cls = class_key(p->grade, p->class_no);
    for (auto& l : lists.lists()) {
        const bool theirs = (!l.class_key.empty() && parse_class_key(l.class_key) == cls) ||
                            (!l.grade.empty() && parse_grade(l.grade) == p->grade);
        ChildView::Programme prog{l.name, {}};
        if (theirs && lists.reader_progress(as_pupil, l.name, pupil, "", "", prog.progress).ok) out.programmes.push_back(prog);
    }
    return a;
}

}  // namespace shuxiang::reading
