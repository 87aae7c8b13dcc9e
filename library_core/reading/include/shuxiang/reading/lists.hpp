#pragma once
// Reading lists (推荐书目) and reading programmes: a list's titles matched against the catalogue
// (coverage: held, copies, missing), missing titles as acquisition suggestions, and a programme's
// progress from the loans. Operations take the acting operator and return a Result, like the
// circulation services; the CLI and the web server call the same functions.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/circulation/repository.hpp"
#include "shuxiang/circulation/types.hpp"

namespace shuxiang::catalog {
class Store;
}

namespace shuxiang::reading {

using circulation::Ctx;
using circulation::ReadingList;
using circulation::ReadingListEntry;
using circulation::Result;

// Text as titles and authors are compared: full-width forms folded to ASCII, Latin lower-cased,
// spaces and punctuation (ASCII, CJK and full-width) dropped.
std::string match_key(std::string_view text);

// The titles of a list's CSV file (columns 题名/title, 责任者/author, ISBN; price optional), in UTF-8
// or GB18030. Throws InputError naming the file and line for a missing column, an undecodable file,
// a bad row or a file without titles.
std::vector<ReadingListEntry> parse_list_csv(std::string_view data, const std::string& file_name);

// One title of a list and what the library holds of it.
struct CoverageEntry {
    ReadingListEntry entry;
    std::vector<long long> record_ids;  // empty: missing
    long long copies = 0;               // copies of those records not lost or withdrawn
    std::string matched_by;             // "isbn", "title_author" or "" (missing)
};

struct Coverage {
    std::vector<CoverageEntry> held, missing;
    long long copies = 0;  // copies held of the list's titles
};

// Matches each entry by ISBN (ISBN-10 and ISBN-13 alike), else by title and author (match_key;
// the list's author must appear in the record's statement of responsibility).
Coverage coverage(catalog::Store& store, const std::vector<ReadingListEntry>& entries);

// The missing titles as CSV with the headers the acquisitions and list imports read.
std::string missing_csv(const Coverage& c);

// What `lists suggest` does beyond the list: the recommender (a reader id; "" = the operator's own
// reader record) and the price for titles whose list gives none.
struct SuggestOptions {
    std::string by;
    double price = 0;
    int copies = 1;
};

// A class's progress in a reading programme: anonymous totals.
struct ClassProgress {
    std::string class_key, from, to;
    long long readers = 0;      // active students of the class
    long long list_titles = 0;  // titles on the list
    long long titles_read = 0;  // sum over readers of distinct list titles borrowed in the period
    long long readers_reading = 0;  // readers who borrowed at least one
    double average = 0;         // titles_read / readers
};

// One reader's own progress.
struct ReaderProgress {
    std::string patron_id, from, to;
    long long list_titles = 0;
    std::vector<std::string> titles_read;  // in list order
};

class ReadingService {
public:
    explicit ReadingService(circulation::Repository& repo) : repo_(repo) {}
    // Stores a new list (name unique; entries as parse_list_csv gives them). Librarians and teachers.
    Result import_list(const Ctx& c, ReadingList list);
    std::optional<ReadingList> find(std::string_view name);
    std::vector<ReadingList> lists();
    Coverage coverage_of(const ReadingList& l);
    // One acquisition suggestion per missing title, recommended by opt.by (or the operator's own
    // reader record) with the list named in its note; ok when at least one was made, each title's
    // outcome in details.
    Result suggest_missing(const Ctx& c, std::string_view name, const SuggestOptions& opt);
    // Class totals for an operator who may see readers (a class teacher, the librarian). The period
    // is [from, to], or the list's own when those are empty.
    Result class_progress(const Ctx& c, std::string_view name, std::string_view class_key, std::string from,
                          std::string to, ClassProgress& out);
    // A reader's own progress: for that reader (c.reader) or an operator who may see readers.
    Result reader_progress(const Ctx& c, std::string_view name, std::string_view patron_id, std::string from,
                           std::string to, ReaderProgress& out);

private:
    circulation::Repository& repo_;
};

}  // namespace shuxiang::reading
