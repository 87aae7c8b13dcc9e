// The union catalogue on PostgreSQL: a push stages a school's changed titles in a temporary
// table and matches them to union titles by any of their keys in a few set-based statements; the
// search looks tokens up in the GIN index of union_title.tokens.
#include <algorithm>

#include "pg_store.hpp"
#include "shuxiang/catalog/isbn.hpp"
#include "shuxiang/catalog/search.hpp"

namespace shuxiang::district::pg {
namespace {

// Keys are joined with the unit separator (no key contains it); tokens with spaces (index_tokens).
constexpr char kKeySep = '\x1f';

std::string join_keys(const std::vector<std::string>& keys) {
    std::string out;
    for (std::size_t k = 0; k < keys.size(); ++k) out += (k ? std::string(1, kKeySep) : "") + keys[k];
    return out;
}

std::string trimmed(std::string_view q) {
    while (!q.empty() && (q.front() == ' ' || q.front() == '\t')) q.remove_prefix(1);
    while (!q.empty() && (q.back() == ' ' || q.back() == '\n' || q.back() == '\r' || q.back() == '\t')) q.remove_suffix(1);
    return std::string(q);
}

// Whether every query token is among the tokens of `title` (a title match ranks first).
bool title_matches(const std::string& title, const std::vector<std::string>& want) {
    std::string toks = " " + catalog::index_tokens(title) + " ";
    return std::all_of(want.begin(), want.end(), [&](const std::string& t) { return toks.find(" " + t + " ") != std::string::npos; });
}

}  // namespace

std::map<long long, std::string> PgStore::fingerprints(std::string_view school) {
    pqxx::work w(*conn_);
    std::map<long long, std::string> out;
    for (const auto& r : w.exec_params("SELECT local_id, fingerprint FROM holding WHERE school = $1", std::string(school)))
        out.emplace(r[0].as<long long>(), r[1].as<std::string>());
    return out;
}

// The changed titles into push_in, a few thousand rows per statement (columns as arrays, unnested).
void PgStore::stage_push(pqxx::work& w, const std::vector<TitlePush>& changed) {
    w.exec("CREATE TEMP TABLE push_in(local_id bigint, keys text, first_key text, title text, responsibility text, "
           "publisher text, year text, clc_top text, call_number text, series text, subjects text, tokens text, "
           "copies bigint, fingerprint text, title_id bigint) ON COMMIT DROP");
    constexpr std::size_t kChunk = 5000;
    for (std::size_t b = 0; b < changed.size(); b += kChunk) {
        std::vector<long long> ids, copies;
        std::vector<std::string> cols[13];
        for (std::size_t k = b; k < std::min(changed.size(), b + kChunk); ++k) {
            const auto& t = changed[k];
            ids.push_back(t.local_id);
            copies.push_back(t.copies);
            const std::string fields[13] = {join_keys(t.keys), t.keys.empty() ? "" : t.keys.front(), t.title,
                                            t.responsibility, t.publisher, t.year, t.clc_top, t.call_number, t.series,
                                            t.subjects,
                                            catalog::index_tokens(t.title + " " + t.responsibility + " " + t.publisher +
                                                                  " " + t.subjects + " " + t.series),
                                            t.fingerprint, ""};
            for (int c = 0; c < 12; ++c) cols[c].push_back(fields[c]);
        }
        w.exec_params(
            "INSERT INTO push_in SELECT * , NULL FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], "
            "$5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], "
            "$13::bigint[], $14::text[])",
            bigint_array(ids), text_array(cols[0]), text_array(cols[1]), text_array(cols[2]), text_array(cols[3]),
            text_array(cols[4]), text_array(cols[5]), text_array(cols[6]), text_array(cols[7]), text_array(cols[8]),
            text_array(cols[9]), text_array(cols[10]), bigint_array(copies), text_array(cols[11]));
    }
}

// Each staged title finds its union title by any key, or gets a new one (one per first key);
// every key then leads to it. The latest push describing a title sets its text.
void PgStore::resolve_titles(pqxx::work& w) {
    w.exec("UPDATE push_in p SET title_id = k.title_id FROM union_key k "
           "WHERE k.key = ANY(string_to_array(p.keys, E'\\x1f'))");
    w.exec("INSERT INTO union_title(first_key, title, responsibility, publisher, year, clc_top, call_number, series, "
           "subjects, tokens) SELECT DISTINCT ON (first_key) first_key, title, responsibility, publisher, year, clc_top, "
           "call_number, series, subjects, string_to_array(tokens, ' ') FROM push_in WHERE title_id IS NULL "
           "ORDER BY first_key, local_id ON CONFLICT(first_key) DO NOTHING");
    w.exec("UPDATE push_in p SET title_id = t.id FROM union_title t WHERE p.title_id IS NULL AND t.first_key = p.first_key");
    w.exec("INSERT INTO union_key(key, title_id) SELECT DISTINCT ON (k) k, title_id FROM push_in, "
           "unnest(string_to_array(keys, E'\\x1f')) k ORDER BY k ON CONFLICT DO NOTHING");
    w.exec("UPDATE union_title t SET title = p.title, responsibility = p.responsibility, publisher = p.publisher, "
           "year = p.year, clc_top = p.clc_top, call_number = p.call_number, series = p.series, subjects = p.subjects, "
           "tokens = string_to_array(p.tokens, ' ') FROM push_in p WHERE t.id = p.title_id AND "
           "(t.title, t.responsibility, t.publisher, t.year, t.clc_top, t.call_number, t.series, t.subjects) IS DISTINCT FROM "
           "(p.title, p.responsibility, p.publisher, p.year, p.clc_top, p.call_number, p.series, p.subjects)");
}

// Copies and schools per touched title again; titles nobody holds any more go.
void PgStore::refresh_titles(pqxx::work& w) {
    w.exec("UPDATE union_title t SET copies = c.copies, schools = c.schools FROM (SELECT title_id, sum(copies) AS copies, "
           "count(*) AS schools FROM holding WHERE title_id IN (SELECT title_id FROM touched) GROUP BY title_id) c "
           "WHERE t.id = c.title_id AND (t.copies, t.schools) IS DISTINCT FROM (c.copies, c.schools)");
    w.exec("DELETE FROM union_title t WHERE t.id IN (SELECT title_id FROM touched) AND "
           "NOT EXISTS (SELECT 1 FROM holding h WHERE h.title_id = t.id)");
}

PushResult PgStore::apply_push(std::string_view school_sv, const std::vector<TitlePush>& changed,
                               const std::vector<long long>& removed, const std::string& watermark) {
    const std::string school(school_sv);
    PushResult res;
    res.watermark = watermark;
    pqxx::work w(*conn_);
    w.exec("SELECT pg_advisory_xact_lock(7301)");
    w.exec_params("INSERT INTO school(code) VALUES($1) ON CONFLICT DO NOTHING", school);
    stage_push(w, changed);
    resolve_titles(w);
    res.titles_created = w.exec("SELECT count(DISTINCT t.id) FROM push_in p JOIN union_title t ON t.id = p.title_id "
                                "WHERE t.copies = 0 AND t.schools = 0")[0][0].as<long long>();
    w.exec("CREATE TEMP TABLE touched(title_id bigint) ON COMMIT DROP");
    w.exec_params("INSERT INTO touched SELECT title_id FROM holding WHERE school = $1 AND (local_id IN "
                  "(SELECT local_id FROM push_in) OR local_id = ANY($2::bigint[]))",
                  school, bigint_array(removed));
    w.exec("INSERT INTO touched SELECT title_id FROM push_in");
    const auto known = w.exec_params("SELECT count(*), count(*) FILTER (WHERE h.fingerprint = p.fingerprint) FROM push_in p "
                                     "JOIN holding h ON h.school = $1 AND h.local_id = p.local_id", school);
    res.updated = known[0][0].as<long long>() - known[0][1].as<long long>();
    res.added = static_cast<long long>(changed.size()) - known[0][0].as<long long>();
    w.exec_params("INSERT INTO holding(school, local_id, title_id, copies, fingerprint) SELECT $1, local_id, title_id, "
                  "copies, fingerprint FROM push_in ON CONFLICT(school, local_id) DO UPDATE SET title_id = "
                  "EXCLUDED.title_id, copies = EXCLUDED.copies, fingerprint = EXCLUDED.fingerprint WHERE "
                  "(holding.title_id, holding.copies, holding.fingerprint) IS DISTINCT FROM "
                  "(EXCLUDED.title_id, EXCLUDED.copies, EXCLUDED.fingerprint)",
                  school);
    res.removed = w.exec_params("DELETE FROM holding WHERE school = $1 AND local_id = ANY($2::bigint[])", school,
                                bigint_array(removed)).affected_rows();
    refresh_titles(w);
    // A retried push (same watermark) leaves even the school's row and the log as they were.
    if (w.exec_params("UPDATE school SET watermark = $2, last_push = now() WHERE code = $1 AND watermark <> $2", school,
                      watermark).affected_rows() == 1)
        w.exec_params("INSERT INTO push_log(school, watermark, added, updated, removed) VALUES($1, $2, $3, $4, $5)", school,
                      watermark, res.added, res.updated, res.removed);
    w.commit();
    return res;
}

std::vector<catalog::SearchHit> PgStore::match_titles(std::string_view query, std::size_t limit) {
    std::vector<catalog::SearchHit> hits;
    const std::string q = trimmed(query);
    if (q.empty() || limit == 0) return hits;
    pqxx::work w(*conn_);
    auto add = [&](const pqxx::row& r, double score, catalog::MatchKind kind) {
        const auto id = r[0].as<long long>();
        if (hits.size() >= limit || std::any_of(hits.begin(), hits.end(), [&](auto& h) { return h.record_id == id; })) return;
        hits.push_back({id, score, kind, r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>()});
    };
    const char* cols = "SELECT t.id, t.title, t.responsibility, t.call_number, t.copies FROM union_title t ";
    if (auto isbn = catalog::isbn_normalize(q))
        for (const auto& r : w.exec_params(std::string(cols) + "JOIN union_key k ON k.title_id = t.id WHERE k.key = $1",
                                           "isbn:" + *isbn))
            add(r, -3, catalog::MatchKind::Isbn);
    const auto tokens = catalog::query_tokens(q);
    if (tokens.empty() || hits.size() >= limit) return hits;
    // A common character matches many titles: read a few times the limit (no ORDER BY, so the
    // scan stops early), then put title matches and the most-held first.
    auto rows = w.exec_params(std::string(cols) + "WHERE t.tokens @> $1::text[] LIMIT $2", text_array(tokens),
                              static_cast<long long>(limit * 4 + 16));
    std::vector<std::pair<std::pair<int, long long>, std::size_t>> order;
    for (std::size_t k = 0; k < rows.size(); ++k)
        order.push_back({{title_matches(rows[k][1].as<std::string>(), tokens) ? 0 : 1, -rows[k][4].as<long long>()}, k});
    std::stable_sort(order.begin(), order.end(), [](auto& a, auto& b) { return a.first < b.first; });
    for (auto& [key, k] : order) add(rows[k], key.first ? 0.0 : -1.0, catalog::MatchKind::Text);
    return hits;
}

std::vector<UnionHit> PgStore::union_search(std::string_view query, std::size_t limit) {
    std::vector<UnionHit> out;
    std::vector<long long> ids;
    for (auto& h : match_titles(query, limit)) {
        ids.push_back(h.record_id);
        out.push_back({std::move(h), 0, {}});
    }
    if (ids.empty()) return out;
    pqxx::work w(*conn_);
    // No ORDER BY: sorting every holder of twenty popular titles (tens of thousands of rows) in
    // one sort cost more than the index-only scan; each title's holders are sorted below.
    auto rows = w.exec_params("SELECT h.title_id, s.code, s.name, s.county, h.copies FROM holding h JOIN school s ON "
                              "s.code = h.school WHERE h.title_id = ANY($1::bigint[])",
                              bigint_array(ids));
    for (const auto& r : rows) {
        const auto id = r[0].as<long long>();
        auto it = std::find_if(out.begin(), out.end(), [&](auto& u) { return u.hit.record_id == id; });
        if (it == out.end()) continue;
        it->holders.push_back({r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(), r[4].as<long long>()});
        it->copies += r[4].as<long long>();
    }
    for (auto& u : out)
        std::sort(u.holders.begin(), u.holders.end(),
                  [](const Holder& a, const Holder& b) { return a.copies != b.copies ? a.copies > b.copies : a.code < b.code; });
    return out;
}

std::vector<catalog::SearchHit> PgUnion::search(std::string_view query, std::size_t limit) {
    return s_.match_titles(query, limit);
}

catalog::CollectionStats PgUnion::stats() {
    pqxx::work w(s_.conn());
    std::vector<catalog::ClassCount> by;
    for (const auto& r : w.exec("SELECT clc_top, count(*), coalesce(sum(copies), 0) FROM union_title GROUP BY clc_top"))
        by.push_back({r[0].as<std::string>(), r[1].as<long long>(), r[2].as<long long>()});
    return catalog::make_stats(by);
}

}  // namespace shuxiang::district::pg
