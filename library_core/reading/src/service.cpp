// The reading-list operations: import, suggestions for missing titles, a programme's progress.
#include <map>
#include <set>

#include "shuxiang/circulation/operation.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/reading/lists.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::reading {

using namespace shuxiang::circulation;

namespace {

Result refusal(const std::string& code, std::initializer_list<std::string> args) {
    return Result{false, code, trv("reading.refuse." + code, std::vector<std::string>(args)), 0, {}};
}

Result done(const std::string& key, std::initializer_list<std::string> args) {
    return Result{true, "", trv(key, std::vector<std::string>(args)), 0, {}};
}

// The period [from, to] asked for, else the list's own; a refusal when none or not dates.
std::optional<Result> resolve_period(const ReadingList& l, std::string& from, std::string& to) {
    if (from.empty()) from = l.period_from;
    if (to.empty()) to = l.period_to;
    if (from.empty() || to.empty()) return refusal("no_period", {l.name});
    if (!valid_date(from) || !valid_date(to) || from > to) return refusal("bad_period", {from, to});
    return std::nullopt;
}

// For each held record of the list, the list entries it stands for.
std::map<long long, std::vector<std::size_t>> entries_by_record(catalog::Store& store, const ReadingList& l) {
    std::map<long long, std::vector<std::size_t>> out;
    for (std::size_t i = 0; i < l.entries.size(); ++i)
        for (auto& held : coverage(store, {l.entries[i]}).held)
            for (long long id : held.record_ids) out[id].push_back(i);
    return out;
}

// The distinct list entries each reader borrowed in the period.
std::map<std::string, std::set<std::size_t>> entries_read(Repository& repo, const ReadingList& l, const std::string& from,
                                                          const std::string& to) {
    auto by_record = entries_by_record(repo.catalog(), l);
    std::map<std::string, std::set<std::size_t>> out;
    for (auto& [patron, record] : repo.read()->loans_between(from, to))
        if (auto it = by_record.find(record); it != by_record.end()) out[patron].insert(it->second.begin(), it->second.end());
    return out;
}

}  // namespace

Result ReadingService::import_list(const Ctx& c, ReadingList list) {
    return run_op(repo_, c, Action::EditLists, "reading.import", list.name, [&](UnitOfWork& u) {
        if (list.name.empty()) return refusal("empty_name", {});
        if (u.find_reading_list(list.name)) return refusal("list_exists", {list.name});
        if (!list.period_from.empty() || !list.period_to.empty()) {
            std::string from = list.period_from, to = list.period_to;
            if (auto bad = resolve_period(list, from, to)) return *bad;
        }
        list.created_by = c.op;
        list.day = c.date;
        Result r = done("reading.ok.imported", {list.name, std::to_string(list.entries.size())});
        r.id = u.insert_reading_list(list);
        return r;
    });
}

std::optional<ReadingList> ReadingService::find(std::string_view name) { return repo_.read()->find_reading_list(name); }

std::vector<ReadingList> ReadingService::lists() { return repo_.read()->reading_lists(); }

Coverage ReadingService::coverage_of(const ReadingList& l) { return coverage(repo_.catalog(), l.entries); }

Result ReadingService::suggest_missing(const Ctx& c, std::string_view name, const SuggestOptions& opt) {
    OperatorService ops(repo_);
    if (Result a = ops.authorize(c, Action::Suggest, "reading.suggest", name); !a.ok) return a;
    auto list = find(name);
    if (!list) return refusal("unknown_list", {std::string(name)});
    std::string by = opt.by;
    if (by.empty())
        if (auto op = ops.find(c.op)) by = op->patron_id;
    if (by.empty()) return refusal("no_recommender", {c.op});
    AcquisitionService acq(repo_);
    const Coverage cov = coverage_of(*list);
    long long made = 0;
    std::vector<std::string> details;
    for (auto& m : cov.missing) {
        Suggestion s;
        s.by = by;
        s.isbn = m.entry.isbn;
        s.title = m.entry.title;
        s.author = m.entry.author;
        s.price = m.entry.price.value_or(opt.price);
        s.copies = opt.copies;
        s.note = trf("reading.suggest.note", {list->name});
        Result r = acq.suggest(c, s);
        made += r.ok ? 1 : 0;
        details.push_back(r.ok ? trf("reading.suggest.made", {s.title, std::to_string(r.id)})
                               : trf("reading.suggest.refused", {s.title, r.message}));
    }
    Result r = done("reading.ok.suggested", {std::to_string(made), std::to_string(cov.missing.size()), list->name});
    r.ok = made > 0 || cov.missing.empty();
    if (!r.ok) r.code = "no_suggestion";
    r.details = std::move(details);
    return r;
}

Result ReadingService::class_progress(const Ctx& c, std::string_view name, std::string_view class_text, std::string from,
                                      std::string to, ClassProgress& out) {
    const std::string target = std::string(name) + " " + std::string(class_text);
    if (Result a = OperatorService(repo_).authorize(c, Action::ViewReaders, "reading.progress", target); !a.ok) return a;
    auto list = find(name);
    if (!list) return refusal("unknown_list", {std::string(name)});
    if (auto bad = resolve_period(*list, from, to)) return *bad;
    auto cls = parse_class_key(class_text);
    if (!cls) return refusal("bad_class", {std::string(class_text)});
    auto read = entries_read(repo_, *list, from, to);
    out = ClassProgress{*cls, from, to, 0, static_cast<long long>(list->entries.size()), 0, 0, 0};
    for (auto& p : PatronService(repo_).list({"", *cls, 0})) {
        if (p.status != PatronStatus::Active) continue;
        ++out.readers;
        auto it = read.find(p.id);
        if (it == read.end() || it->second.empty()) continue;
        ++out.readers_reading;
        out.titles_read += static_cast<long long>(it->second.size());
    }
    out.average = out.readers ? static_cast<double>(out.titles_read) / static_cast<double>(out.readers) : 0;
    return done("reading.ok.progress", {*cls});
}

Result ReadingService::reader_progress(const Ctx& c, std::string_view name, std::string_view patron_id, std::string from,
                                       std::string to, ReaderProgress& out) {
    const bool self = c.op.empty() && !c.reader.empty() && c.reader == patron_id;
    if (!self) {
        const std::string target = std::string(name) + " " + std::string(patron_id);
        if (Result a = OperatorService(repo_).authorize(c, Action::ViewReaders, "reading.progress", target); !a.ok) return a;
    }
    auto list = find(name);
    if (!list) return refusal("unknown_list", {std::string(name)});
    if (auto bad = resolve_period(*list, from, to)) return *bad;
    if (!repo_.read()->find_patron(patron_id)) return refusal("unknown_patron", {std::string(patron_id)});
    auto read = entries_read(repo_, *list, from, to);
    out = ReaderProgress{std::string(patron_id), from, to, static_cast<long long>(list->entries.size()), {}};
    if (auto it = read.find(std::string(patron_id)); it != read.end())
        for (std::size_t i : it->second) out.titles_read.push_back(list->entries[i].title);
    return done("reading.ok.progress", {std::string(patron_id)});
}

}  // namespace shuxiang::reading
