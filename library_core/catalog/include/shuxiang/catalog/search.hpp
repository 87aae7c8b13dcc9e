#pragma once
// Full-text search support that works for Chinese: CJK text is indexed as single characters and
// overlapping bigrams (so one- and two-character queries match), other words lower-cased.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace shuxiang::catalog {

// Space-separated tokens for one field: every CJK character, every pair of adjacent CJK
// characters, and every Latin/digit word lower-cased (full-width forms folded to ASCII).
std::string index_tokens(std::string_view text);

// The same tokens one at a time, without building a string (the search index's tokenizer uses
// it): emit(ctx, token, length) for each; a non-zero return stops the scan and is returned.
using TokenSink = int (*)(void* ctx, const char* token, std::size_t length);
int for_each_index_token(std::string_view text, TokenSink emit, void* ctx);

// The tokens a query must all match: a one-character CJK run gives that character, a longer run
// its bigrams, other words lower-cased. Empty when there is nothing to search for.
std::vector<std::string> query_tokens(std::string_view query);

// An FTS5 MATCH expression (quoted terms, implicit AND); empty when query_tokens() is empty.
std::string fts_match_expression(std::string_view query);

// How a search hit was found.
enum class MatchKind { Isbn, Barcode, CallNumber, Text };

// One search result; lower score is better (exact lookups score below text matches).
struct SearchHit {
    long long record_id = 0;
    double score = 0;
    MatchKind match = MatchKind::Text;
    std::string title;
    std::string responsibility;
    std::string call_number;
};

const char* to_string(MatchKind kind);

}  // namespace shuxiang::catalog
