#pragma once
// The district schema, step by step (schema_version holds the step reached, as in the school's store).
namespace shuxiang::district::pg {

// Step 1. Union titles carry their search tokens (catalog::index_tokens: single CJK characters and
// bigrams, so 1- and 2-character Chinese queries match) in a GIN-indexed array; pg_trgm would need
// three characters. copies/schools are kept per title so that ranking and statistics read one row.
inline const char* kMigration1 = R"SQL(
CREATE TABLE district_meta(key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE school(
  code text PRIMARY KEY, name text NOT NULL DEFAULT '', county text NOT NULL DEFAULT '',
  watermark text NOT NULL DEFAULT '', last_push timestamptz);
CREATE TABLE union_title(
  id bigserial PRIMARY KEY, first_key text NOT NULL UNIQUE,
  title text NOT NULL, responsibility text NOT NULL, publisher text NOT NULL, year text NOT NULL,
  clc_top text NOT NULL, call_number text NOT NULL, series text NOT NULL, subjects text NOT NULL,
  tokens text[] NOT NULL, copies bigint NOT NULL DEFAULT 0, schools integer NOT NULL DEFAULT 0);
CREATE INDEX union_title_tokens ON union_title USING gin(tokens);
CREATE TABLE union_key(key text PRIMARY KEY, title_id bigint NOT NULL REFERENCES union_title(id) ON DELETE CASCADE);
CREATE INDEX union_key_title ON union_key(title_id);
CREATE TABLE holding(
  school text NOT NULL REFERENCES school(code), local_id bigint NOT NULL,
  title_id bigint NOT NULL REFERENCES union_title(id), copies bigint NOT NULL, fingerprint text NOT NULL,
  PRIMARY KEY(school, local_id));
CREATE INDEX holding_title ON holding(title_id);
CREATE TABLE push_log(
  id bigserial PRIMARY KEY, school text NOT NULL, at timestamptz NOT NULL DEFAULT now(), watermark text NOT NULL,
  added bigint NOT NULL, updated bigint NOT NULL, removed bigint NOT NULL);
CREATE TABLE submission(
  school text NOT NULL REFERENCES school(code), year integer NOT NULL, submitted timestamptz NOT NULL DEFAULT now(),
  file text NOT NULL, valid boolean NOT NULL, meets boolean NOT NULL, excellent boolean NOT NULL,
  score double precision NOT NULL, books_per_student double precision NOT NULL,
  required_books_per_student double precision NOT NULL, pass integer NOT NULL, warning integer NOT NULL,
  fail integer NOT NULL, failing text NOT NULL, invalid_reason text NOT NULL, proposal jsonb NOT NULL,
  revision integer NOT NULL DEFAULT 1, PRIMARY KEY(school, year));
CREATE TABLE bureau_operator(
  id text PRIMARY KEY, name text NOT NULL, role text NOT NULL CHECK(role IN ('admin', 'reviewer', 'inspector')),
  disabled boolean NOT NULL DEFAULT false);
CREATE TABLE id_secret(kind text NOT NULL, id text NOT NULL, hash text NOT NULL, set_at bigint NOT NULL,
  PRIMARY KEY(kind, id));
CREATE TABLE id_token(hash text PRIMARY KEY, kind text NOT NULL, id text NOT NULL, issued bigint NOT NULL,
  expires bigint NOT NULL, revoked bigint);
CREATE TABLE id_attempt(kind text NOT NULL, id text NOT NULL, at bigint NOT NULL, outcome text NOT NULL);
CREATE INDEX id_attempt_who ON id_attempt(kind, id, at);
CREATE TABLE inspection(
  year integer PRIMARY KEY, seed numeric(20) NOT NULL, drawn_at timestamptz NOT NULL DEFAULT now(),
  drawn_by text NOT NULL, published_at timestamptz);
CREATE TABLE inspection_pick(
  year integer NOT NULL REFERENCES inspection(year), school text NOT NULL REFERENCES school(code),
  inspector text NOT NULL, result text NOT NULL DEFAULT '', note text NOT NULL DEFAULT '',
  PRIMARY KEY(year, school));
)SQL";

// Step 2. The audit of refusals (logins refused are in id_attempt; this is everything else the
// server refuses: no session, a wrong role, a missing CSRF token, an inspection step refused).
// The holders of a title are read from the index alone (an index-only scan): a title held by a
// thousand schools has its holdings on a thousand heap pages, one per school's push.
inline const char* kMigration2 = R"SQL(
DROP INDEX holding_title;
CREATE INDEX holding_title ON holding(title_id) INCLUDE (school, copies);
CREATE TABLE district_audit(
  id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), who text NOT NULL, action text NOT NULL,
  detail text NOT NULL, code text NOT NULL);
)SQL";

}  // namespace shuxiang::district::pg
