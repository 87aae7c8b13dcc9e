#pragma once
// Building a reading list title by title (the web pages' list builder): a title from the catalogue
// or typed in (a title the library lacks), or taken off. Librarians and teachers, audited.
#include <string_view>

#include "shuxiang/reading/lists.hpp"

namespace shuxiang::reading {

class ListEditor {
public:
    explicit ListEditor(circulation::Repository& repo) : repo_(repo) {}
    // Appends a title (refused: empty title, a title already on the list by ISBN or by title and author).
    Result add_title(const Ctx& c, std::string_view list, ReadingListEntry e);
    // Appends the catalogue record `record_id` (title, responsibility, first ISBN, price).
    Result add_record(const Ctx& c, std::string_view list, long long record_id);
    // Takes off the title at position `pos` (1 = first).
    Result remove_title(const Ctx& c, std::string_view list, long long pos);

private:
    circulation::Repository& repo_;
};

}  // namespace shuxiang::reading
