-- A generated city, written server-side (generate_series, set-based INSERT ... SELECT; no row is
-- sent from a client). Run by run_city.sh after `bench_district --init-only` created the schema:
--   psql -v seed=1 -v schools=1000 -f bench/district/gen_city.sql URL
-- Reproducible: every choice is hashint8extended(counter, seed), PostgreSQL's stable 64-bit hash
-- (the one hash partitioning relies on), so the same seed and school count give the same city.
--
-- The city: a pool of 2,000 titles per school (3-7 common characters of children's titles, one in
-- seven with a volume number; a 3-character author; ISBN 9787 + the title's number + check digit).
-- Each school holds 10,000-40,000 copies (uniform): titles drawn with a skewed popularity (pool
-- index = pool size x u^3, so the first titles are held everywhere), 1-3 copies each, distinct per
-- school, until the school's copies are reached; the same model as bench_district's client-side
-- loader. Titles nobody holds are not written (the union catalogue keeps only held titles).
\set ON_ERROR_STOP on
\timing on
SET client_min_messages = notice;

-- A non-negative 63-bit hash of (counter, seed), and of (stream, counter, seed). hashint8 folds its
-- 64-bit input to 32 bits before hashing, so a counter must stay unique in its low 32 bits: each
-- school draws from its own stream (its own derived seed) rather than from s * 2^24 + j.
-- (psql does not expand variables inside a function body: the seed is written in by format.)
SELECT format('CREATE OR REPLACE FUNCTION pg_temp.h(n bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS '
              '$f$ SELECT hashint8extended(n, %s) & 9223372036854775807 $f$', :seed::bigint) \gexec
SELECT format('CREATE OR REPLACE FUNCTION pg_temp.h2(stream bigint, n bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS '
              '$f$ SELECT hashint8extended(n, hashint8extended(stream, %s)) & 9223372036854775807 $f$', :seed::bigint) \gexec

-- Every CJK character and every pair of neighbours of each space-separated word; digit words
-- whole. For the generated texts (CJK words and digit words only) this is exactly
-- catalog::index_tokens (bench_district --check-tokens compares a sample).
CREATE OR REPLACE FUNCTION pg_temp.tokens(t text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(tok ORDER BY wi, i, kind), '{}') FROM unnest(string_to_array(t, ' ')) WITH ORDINALITY AS w(word, wi)
  CROSS JOIN LATERAL (
    SELECT i, 1 AS kind, substr(word, i, 1) AS tok FROM generate_series(1, char_length(word)) i WHERE word !~ '^[0-9]+$'
    UNION ALL SELECT i, 0, substr(word, i - 1, 2) FROM generate_series(2, char_length(word)) i WHERE word !~ '^[0-9]+$'
    UNION ALL SELECT 1, 0, word WHERE word ~ '^[0-9]+$') x
  WHERE word <> '' $$;

-- ISBN-13 9787 + 8 digits of k + check digit.
CREATE OR REPLACE FUNCTION pg_temp.isbn(k bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT b || ((10 - (SELECT sum(substr(b, i, 1)::int * CASE WHEN i % 2 = 1 THEN 1 ELSE 3 END)
                      FROM generate_series(1, 12) i) % 10) % 10)::text
  FROM (SELECT '9787' || lpad((k % 100000000)::text, 8, '0') AS b) s $$;

-- Bulk load: the title index and the foreign key come back after the load (one build, one check).
DROP INDEX IF EXISTS union_title_tokens;
DROP INDEX IF EXISTS holding_title;
ALTER TABLE holding DROP CONSTRAINT IF EXISTS holding_title_id_fkey;
ALTER TABLE union_key DROP CONSTRAINT IF EXISTS union_key_title_id_fkey;

CREATE UNLOGGED TABLE gen_param AS SELECT :schools::int AS schools, 2000::bigint * greatest(:schools, 10) AS pool,
  '小大天地人山水花草木鸟鱼虫春夏秋冬日月星云风雨雪海河湖江中国家学校老师同学朋友故事童话世界'
  '科学自然动物植物历史地理数学语文英语音乐美术少年儿童青春成长梦想奇妙旅行冒险森林城市乡村书屋'::text AS alphabet;

INSERT INTO school(code, name, county, watermark)
  SELECT 'S' || (1000 + s), '学校' || s, '县' || (s % 12), 'gen-' || s FROM generate_series(0, :schools - 1) s
  ON CONFLICT (code) DO NOTHING;

-- Holdings, one school per transaction (progress in the notices). School s draws from stream s:
-- h2(s, 0) its copies, h2(s, 2j) its j-th title, h2(s, 2j + 1) that title's copies.
CREATE OR REPLACE PROCEDURE pg_temp.gen_holdings() LANGUAGE plpgsql AS $$
DECLARE
  p gen_param%ROWTYPE;
  want bigint;
  t0 timestamptz := clock_timestamp();
BEGIN
  SELECT * INTO p FROM gen_param;
  FOR s IN 0 .. p.schools - 1 LOOP
    want := 10000 + pg_temp.h2(s, 0) % 30001;
    INSERT INTO holding(school, local_id, title_id, copies, fingerprint)
    SELECT 'S' || (1000 + s), row_number() OVER (ORDER BY j), k + 1,
           least(c, want - (run - c)), substr(md5((k + 1) || ':' || least(c, want - (run - c))), 1, 16)
    FROM (SELECT j, k, c, sum(c) OVER (ORDER BY j) AS run
          FROM (SELECT DISTINCT ON (k) j, k, c
                FROM (SELECT j, floor(p.pool * power(pg_temp.h2(s, 2 * j)::float8 / 9223372036854775807.0, 3))::bigint AS k,
                             1 + pg_temp.h2(s, 2 * j + 1) % 3 AS c
                      FROM generate_series(1, want) j) d
                ORDER BY k, j) u) r
    WHERE run - c < want;
    COMMIT;
    IF (s + 1) % 50 = 0 OR s + 1 = p.schools THEN
      RAISE NOTICE 'holdings: % schools, % s', s + 1, round(extract(epoch FROM clock_timestamp() - t0));
    END IF;
  END LOOP;
END $$;
CALL pg_temp.gen_holdings();

-- The titles held, with their copies and schools, search tokens and match key. Title k's text
-- uses h(16k + i): unique in 32 bits for pools below 2^27 titles.
INSERT INTO union_title(id, first_key, title, responsibility, publisher, year, clc_top, call_number, series, subjects,
                        tokens, copies, schools)
SELECT t.k + 1, 'isbn:' || pg_temp.isbn(t.k), t.title, t.author || ' 著', '少年儿童出版社', (2000 + t.k % 25)::text,
       substr('ABCDEGHIJKNOPQRSTUVXZ', (t.k % 21)::int + 1, 1), substr('ABCDEGHIJKNOPQRSTUVXZ', (t.k % 21)::int + 1, 1) || '/' || (t.k % 500),
       '', '', pg_temp.tokens(t.title || ' ' || t.author || ' 著 少年儿童出版社'), a.copies, a.schools
FROM (SELECT title_id, sum(copies) AS copies, count(*) AS schools FROM holding GROUP BY title_id) a
CROSS JOIN gen_param p
CROSS JOIN LATERAL (
  SELECT a.title_id - 1 AS k,
         (SELECT string_agg(substr(p.alphabet, (pg_temp.h((a.title_id - 1) * 16 + i) % char_length(p.alphabet))::int + 1, 1), '' ORDER BY i)
          FROM generate_series(1, 3 + (pg_temp.h((a.title_id - 1) * 16) % 5)::int) i)
         || CASE WHEN (a.title_id - 1) % 7 = 0 THEN ' ' || ((a.title_id - 1) % 90 + 1) ELSE '' END AS title,
         (SELECT string_agg(substr(p.alphabet, (pg_temp.h((a.title_id - 1) * 16 + 8 + i) % char_length(p.alphabet))::int + 1, 1), '' ORDER BY i)
          FROM generate_series(1, 3) i) AS author) t;
SELECT setval('union_title_id_seq', (SELECT max(id) FROM union_title));
INSERT INTO union_key(key, title_id) SELECT first_key, id FROM union_title;

CREATE INDEX union_title_tokens ON union_title USING gin(tokens);
CREATE INDEX holding_title ON holding(title_id) INCLUDE (school, copies);
ALTER TABLE holding ADD CONSTRAINT holding_title_id_fkey FOREIGN KEY (title_id) REFERENCES union_title(id);
ALTER TABLE union_key ADD CONSTRAINT union_key_title_id_fkey FOREIGN KEY (title_id) REFERENCES union_title(id) ON DELETE CASCADE;
DROP TABLE gen_param;
VACUUM ANALYZE;
SELECT count(*) AS schools, (SELECT count(*) FROM holding) AS holdings, (SELECT sum(copies) FROM holding) AS copies,
       (SELECT count(*) FROM union_title) AS titles, pg_size_pretty(pg_database_size(current_database())) AS size
FROM school;
