// A reading list built title by title: each change one unit of work, checked, audited.
#include "shuxiang/reading/list_edit.hpp"

#include "shuxiang/catalog/isbn.hpp"
#include "shuxiang/catalog/store.hpp"
#include "shuxiang/circulation/operation.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::reading {

using namespace shuxiang::circulation;

namespace {

Result refusal(const std::string& code, std::initializer_list<std::string> args) {
    return Result{false, code, trv("reading.refuse." + code, std::vector<std::string>(args)), 0, {}};
}

// Whether two entries name the same book: the same ISBN, else the same title and author.
bool same_book(const ReadingListEntry& a, const ReadingListEntry& b) {
    auto ia = catalog::isbn_normalize(a.isbn), ib = catalog::isbn_normalize(b.isbn);
    if (ia && ib) return *ia == *ib;
    return match_key(a.title) == match_key(b.title) && match_key(a.author) == match_key(b.author);
}

}  // namespace

Result ListEditor::add_title(const Ctx& c, std::string_view name, ReadingListEntry e) {
    return run_op(repo_, c, Action::EditLists, "reading.list.add", std::string(name), [&](UnitOfWork& u) {
        auto l = u.find_reading_list(name);
        if (!l) return refusal("unknown_list", {std::string(name)});
        if (match_key(e.title).empty()) return refusal("empty_entry_title", {});
        if (!e.isbn.empty() && !catalog::isbn_normalize(e.isbn)) return refusal("bad_isbn", {e.isbn});
        for (auto& have : l->entries)
            if (same_book(have, e)) return refusal("already_on_list", {e.title, l->name});
        l->entries.push_back(e);
        u.replace_reading_list_entries(l->id, l->entries);
        Result r{true, "", trf("reading.ok.title_added", {e.title, l->name}), 0, {}};
        r.id = static_cast<long long>(l->entries.size());
        return r;
    });
}

Result ListEditor::add_record(const Ctx& c, std::string_view name, long long record_id) {
    auto rec = repo_.catalog().record(record_id);
    if (!rec) {
        // Audited like every refusal: through the runner, with nothing to write.
        return run_op(repo_, c, Action::EditLists, "reading.list.add", std::string(name),
                      [&](UnitOfWork&) { return refusal("unknown_record", {std::to_string(record_id)}); });
    }
    return add_title(c, name, {rec->title, rec->responsibility, rec->isbns.empty() ? std::string() : rec->isbns.front(), rec->price});
}

Result ListEditor::remove_title(const Ctx& c, std::string_view name, long long pos) {
    return run_op(repo_, c, Action::EditLists, "reading.list.remove", std::string(name), [&](UnitOfWork& u) {
        auto l = u.find_reading_list(name);
        if (!l) return refusal("unknown_list", {std::string(name)});
        if (pos < 1 || pos > static_cast<long long>(l->entries.size())) return refusal("bad_position", {std::to_string(pos)});
        const std::string title = l->entries[static_cast<std::size_t>(pos - 1)].title;
        l->entries.erase(l->entries.begin() + (pos - 1));
        u.replace_reading_list_entries(l->id, l->entries);
        return Result{true, "", trf("reading.ok.title_removed", {title, l->name}), 0, {}};
    });
}

}  // namespace shuxiang::reading
