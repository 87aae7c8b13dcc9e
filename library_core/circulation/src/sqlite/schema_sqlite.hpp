#pragma once
// The circulation tables in an SQLite library database, step by step (version in circ_schema).
namespace shuxiang::circulation::sqlite_schema {

// Step 1: the first tables, the default loan policies and the librarian `admin`.
inline const char* kStep1 = R"SQL(
CREATE TABLE circ_operators(id TEXT PRIMARY KEY, role TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
  patron_id TEXT NOT NULL DEFAULT '');
CREATE TABLE circ_patrons(id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
  grade INTEGER NOT NULL DEFAULT 0, class_no TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'active');
CREATE INDEX circ_patrons_class ON circ_patrons(grade, class_no);
CREATE TABLE circ_policies(kind TEXT NOT NULL, stage TEXT NOT NULL, max_items INTEGER NOT NULL,
  loan_days INTEGER NOT NULL, max_renewals INTEGER NOT NULL, max_holds INTEGER NOT NULL, PRIMARY KEY(kind, stage));
CREATE TABLE circ_loans(id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL, barcode TEXT NOT NULL,
  record_id INTEGER NOT NULL, patron_id TEXT NOT NULL DEFAULT '', corner TEXT NOT NULL DEFAULT '',
  prev_location TEXT NOT NULL DEFAULT '', out_date TEXT NOT NULL, due_date TEXT NOT NULL,
  returned_date TEXT, renewals INTEGER NOT NULL DEFAULT 0, outcome TEXT NOT NULL DEFAULT '');
CREATE UNIQUE INDEX circ_loans_open ON circ_loans(item_id) WHERE returned_date IS NULL;
CREATE INDEX circ_loans_patron ON circ_loans(patron_id, returned_date);
CREATE INDEX circ_loans_record ON circ_loans(record_id, out_date);
CREATE INDEX circ_loans_out ON circ_loans(out_date);
CREATE TABLE circ_holds(id INTEGER PRIMARY KEY, record_id INTEGER NOT NULL, patron_id TEXT NOT NULL,
  placed TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'waiting', barcode TEXT NOT NULL DEFAULT '');
CREATE INDEX circ_holds_record ON circ_holds(record_id, status, id);
CREATE INDEX circ_holds_barcode ON circ_holds(barcode, status);
CREATE TABLE circ_audit(id INTEGER PRIMARY KEY, day TEXT NOT NULL, at TEXT NOT NULL, operator TEXT NOT NULL,
  action TEXT NOT NULL, target TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '');
CREATE TABLE circ_ratings(id INTEGER PRIMARY KEY, patron_id TEXT NOT NULL, record_id INTEGER NOT NULL,
  stars INTEGER NOT NULL, recommend INTEGER NOT NULL, day TEXT NOT NULL);
CREATE TABLE circ_withdrawals(item_id INTEGER PRIMARY KEY, barcode TEXT NOT NULL, day TEXT NOT NULL,
  reason TEXT NOT NULL, operator TEXT NOT NULL, prev_status TEXT NOT NULL);
CREATE TABLE circ_settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE acq_suggestions(id INTEGER PRIMARY KEY, by_patron TEXT NOT NULL, entered_by TEXT NOT NULL,
  isbn TEXT NOT NULL, title TEXT NOT NULL, publisher TEXT NOT NULL DEFAULT '', price REAL NOT NULL,
  list_price REAL, pages INTEGER, copies INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'pending',
  reviewer TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
  day TEXT NOT NULL, flags TEXT NOT NULL DEFAULT '');
CREATE TABLE acq_orders(id INTEGER PRIMARY KEY, suggestion_id INTEGER NOT NULL REFERENCES acq_suggestions(id),
  purchaser TEXT NOT NULL, day TEXT NOT NULL, year INTEGER NOT NULL, copies INTEGER NOT NULL, cost REAL NOT NULL,
  status TEXT NOT NULL DEFAULT 'open', received_day TEXT NOT NULL DEFAULT '');
CREATE TABLE acq_budgets(year INTEGER PRIMARY KEY, amount REAL NOT NULL);
CREATE TABLE acq_blocklist(entry TEXT PRIMARY KEY);
CREATE TABLE acq_publisher_prefixes(prefix TEXT PRIMARY KEY, publisher TEXT NOT NULL);
INSERT INTO acq_publisher_prefixes VALUES
  ('9787020', '人民文学出版社'), ('9787040', '高等教育出版社'), ('9787100', '商务印书馆'),
  ('9787101', '中华书局'), ('9787107', '人民教育出版社'), ('9787108', '生活·读书·新知三联书店'),
  ('97875327', '上海译文出版社'), ('97875442', '南海出版公司');
INSERT INTO circ_policies VALUES
  ('student', 'primary', 2, 14, 1, 2), ('student', 'junior', 3, 21, 1, 3), ('student', 'senior', 4, 30, 2, 3),
  ('teacher', '', 10, 60, 2, 5), ('staff', '', 5, 30, 1, 3), ('parent', '', 0, 0, 0, 0);
INSERT INTO circ_operators VALUES ('admin', 'librarian', '', '');
)SQL";

// Step 2: operators can be disabled; a hold remembers when its copy was put aside.
inline const char* kStep2 = R"SQL(
ALTER TABLE circ_operators ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE circ_holds ADD COLUMN ready_date TEXT NOT NULL DEFAULT '';
CREATE INDEX circ_holds_patron ON circ_holds(patron_id, status);
)SQL";

// Step 3: charges for lost copies and late returns; the closed-days calendar.
inline const char* kStep3 = R"SQL(
CREATE TABLE circ_charges(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, barcode TEXT NOT NULL,
  patron_id TEXT NOT NULL DEFAULT '', day TEXT NOT NULL, amount REAL NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'owed', settled_day TEXT NOT NULL DEFAULT '', settled_by TEXT NOT NULL DEFAULT '');
CREATE INDEX circ_charges_patron ON circ_charges(patron_id, status);
CREATE TABLE circ_closed(first TEXT PRIMARY KEY, last TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');
)SQL";

// Step 4: receiving in parts (copies received so far, the record they went to); the CIP data a
// suggestion may carry. An order received before counts all its copies as received.
inline const char* kStep4 = R"SQL(
ALTER TABLE acq_orders ADD COLUMN received INTEGER NOT NULL DEFAULT 0;
ALTER TABLE acq_orders ADD COLUMN record_id INTEGER NOT NULL DEFAULT 0;
UPDATE acq_orders SET received = copies WHERE status = 'received';
ALTER TABLE acq_suggestions ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE acq_suggestions ADD COLUMN year TEXT NOT NULL DEFAULT '';
ALTER TABLE acq_suggestions ADD COLUMN clc_class TEXT NOT NULL DEFAULT '';
)SQL";

// Step 5: reading lists (推荐书目) with their audience and a programme's period, and their titles.
inline const char* kStep5 = R"SQL(
CREATE TABLE reading_lists(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, grade TEXT NOT NULL DEFAULT '',
  class_key TEXT NOT NULL DEFAULT '', subject TEXT NOT NULL DEFAULT '', holiday TEXT NOT NULL DEFAULT '',
  period_from TEXT NOT NULL DEFAULT '', period_to TEXT NOT NULL DEFAULT '', created_by TEXT NOT NULL,
  day TEXT NOT NULL, source TEXT NOT NULL DEFAULT '');
CREATE TABLE reading_list_entries(list_id INTEGER NOT NULL REFERENCES reading_lists(id) ON DELETE CASCADE,
  pos INTEGER NOT NULL, title TEXT NOT NULL, author TEXT NOT NULL DEFAULT '', isbn TEXT NOT NULL DEFAULT '',
  price REAL, PRIMARY KEY(list_id, pos));
)SQL";

// Readers' feedback (the reading module's): reviews with their moderation, one per reader and
// title; recommendations with their recommender; parent accounts linked to pupils. IF NOT EXISTS:
// a library taken back to an older version by hand (the migration tests) may still hold them.
inline const char* kStepFeedback = R"SQL(
CREATE TABLE IF NOT EXISTS feedback_reviews(id INTEGER PRIMARY KEY, patron_id TEXT NOT NULL, record_id INTEGER NOT NULL,
  stars INTEGER NOT NULL, text TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'pending', day TEXT NOT NULL,
  entered_by TEXT NOT NULL DEFAULT '', moderator TEXT NOT NULL DEFAULT '', moderated_day TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '', UNIQUE(patron_id, record_id));
CREATE INDEX IF NOT EXISTS feedback_reviews_status ON feedback_reviews(status, id);
CREATE INDEX IF NOT EXISTS feedback_reviews_record ON feedback_reviews(record_id, status);
CREATE TABLE IF NOT EXISTS feedback_recommendations(id INTEGER PRIMARY KEY, by_patron TEXT NOT NULL, by_kind TEXT NOT NULL,
  entered_by TEXT NOT NULL DEFAULT '', record_id INTEGER NOT NULL DEFAULT 0, title TEXT NOT NULL,
  author TEXT NOT NULL DEFAULT '', isbn TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', day TEXT NOT NULL,
  suggestion_id INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS feedback_recommendations_by ON feedback_recommendations(by_patron);
CREATE TABLE IF NOT EXISTS feedback_parent_links(parent_id TEXT NOT NULL, pupil_id TEXT NOT NULL, day TEXT NOT NULL,
  by_op TEXT NOT NULL, PRIMARY KEY(parent_id, pupil_id));
)SQL";

// Reading activities (class visits, book talks, reading weeks) with the plan's room they book.
inline const char* kStepActivities = R"SQL(
CREATE TABLE IF NOT EXISTS reading_activities(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL,
  room_id TEXT NOT NULL, room_label TEXT NOT NULL DEFAULT '', first_day TEXT NOT NULL, last_day TEXT NOT NULL,
  start_time TEXT NOT NULL, end_time TEXT NOT NULL, class_key TEXT NOT NULL DEFAULT '',
  participants INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL DEFAULT 'booked', booked_by TEXT NOT NULL,
  day TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS reading_activities_days ON reading_activities(first_day, last_day);
)SQL";

inline const char* const kSteps[] = {kStep1, kStep2, kStep3, kStep4, kStep5, kStepFeedback, kStepActivities};
// One version per step, so that a step appended is a new version.
inline constexpr int kVersion = static_cast<int>(sizeof(kSteps) / sizeof(kSteps[0]));

}  // namespace shuxiang::circulation::sqlite_schema
