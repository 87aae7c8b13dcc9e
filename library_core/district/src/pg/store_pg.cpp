// The PostgreSQL district store: connection, migrations, schools, submissions, operators, the
// inspection and the dump. Every statement binds its values ($1...).
#include "pg_store.hpp"
#include "schema.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::district {

const char* to_string(BureauRole r) {
    switch (r) {
        case BureauRole::Admin: return "admin";
        case BureauRole::Reviewer: return "reviewer";
        case BureauRole::Inspector: return "inspector";
    }
    return "reviewer";
}

std::optional<BureauRole> parse_bureau_role(std::string_view s) {
    if (s == "admin") return BureauRole::Admin;
    if (s == "reviewer") return BureauRole::Reviewer;
    if (s == "inspector") return BureauRole::Inspector;
    return std::nullopt;
}

std::unique_ptr<DistrictStore> open_district(const std::string& url) { return std::make_unique<pg::PgStore>(url); }

namespace pg {
namespace {

std::string join(const std::vector<std::string>& v, char sep) {
    std::string out;
    for (std::size_t k = 0; k < v.size(); ++k) out += (k ? std::string(1, sep) : "") + v[k];
    return out;
}

std::vector<std::string> split_lines(const std::string& s) {
    std::vector<std::string> out;
    std::size_t b = 0;
    while (b < s.size()) {
        auto e = s.find('\n', b);
        if (e == std::string::npos) e = s.size();
        out.push_back(s.substr(b, e - b));
        b = e + 1;
    }
    return out;
}

Submission submission_of(const pqxx::row& r) {
    Submission s;
    s.school = r["school"].as<std::string>();
    s.name = r["name"].as<std::string>();
    s.county = r["county"].as<std::string>();
    s.year = r["year"].as<int>();
    s.submitted = r["submitted"].as<std::string>();
    s.file = r["file"].as<std::string>();
    s.valid = r["valid"].as<bool>();
    s.meets = r["meets"].as<bool>();
    s.excellent = r["excellent"].as<bool>();
    s.score = r["score"].as<double>();
    s.books_per_student = r["books_per_student"].as<double>();
    s.required_books_per_student = r["required_books_per_student"].as<double>();
    s.pass = r["pass"].as<int>();
    s.warning = r["warning"].as<int>();
    s.fail = r["fail"].as<int>();
    s.failing = split_lines(r["failing"].as<std::string>());
    s.invalid_reason = r["invalid_reason"].as<std::string>();
    s.proposal_json = r["proposal"].as<std::string>();
    s.revision = r["revision"].as<int>();
    return s;
}

}  // namespace

PgStore::PgStore(const std::string& url) : url_(url), conn_(connect(url)) { migrate(); }

void PgStore::migrate() {
    pqxx::work w(*conn_);
    // One migration at a time, even when several servers start together.
    w.exec("SELECT pg_advisory_xact_lock(7300)");
    w.exec("CREATE TABLE IF NOT EXISTS schema_version(version integer NOT NULL)");
    auto r = w.exec("SELECT version FROM schema_version");
    version_ = r.empty() ? 0 : r[0][0].as<int>();
    if (version_ > kDistrictSchemaVersion)
        throw InputError(redact_url(url_), "schema_version",
                         trf("common.json.newer_schema", {std::to_string(version_), std::to_string(kDistrictSchemaVersion)}));
    if (version_ < 1) w.exec(kMigration1);
    if (version_ < 2) w.exec(kMigration2);
    if (version_ != kDistrictSchemaVersion) {
        w.exec("DELETE FROM schema_version");
        w.exec_params("INSERT INTO schema_version(version) VALUES($1)", kDistrictSchemaVersion);
    }
    w.commit();
    version_ = kDistrictSchemaVersion;
}

void PgStore::upsert_school(const SchoolInfo& s) {
    pqxx::work w(*conn_);
    w.exec_params(
        "INSERT INTO school(code, name, county) VALUES($1, $2, $3) ON CONFLICT(code) DO UPDATE SET "
        "name = CASE WHEN $2 = '' THEN school.name ELSE $2 END, "
        "county = CASE WHEN $3 = '' THEN school.county ELSE $3 END",
        s.code, s.name, s.county);
    w.commit();
}

std::vector<SchoolInfo> PgStore::schools() {
    pqxx::work w(*conn_);
    std::vector<SchoolInfo> out;
    for (const auto& r : w.exec("SELECT code, name, county, watermark, coalesce(last_push::text, '') FROM school ORDER BY code"))
        out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                       r[4].as<std::string>()});
    return out;
}

void PgStore::put_submission(const Submission& s) {
    pqxx::work w(*conn_);
    w.exec_params(
        "INSERT INTO school(code, name, county) VALUES($1, $2, $3) ON CONFLICT(code) DO UPDATE SET "
        "name = CASE WHEN $2 = '' THEN school.name ELSE $2 END, county = CASE WHEN $3 = '' THEN school.county ELSE $3 END",
        s.school, s.name, s.county);
    w.exec_params(
        "INSERT INTO submission(school, year, file, valid, meets, excellent, score, books_per_student, "
        "required_books_per_student, pass, warning, fail, failing, invalid_reason, proposal) "
        "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb) "
        "ON CONFLICT(school, year) DO UPDATE SET submitted = now(), file = $3, valid = $4, meets = $5, "
        "excellent = $6, score = $7, books_per_student = $8, required_books_per_student = $9, pass = $10, "
        "warning = $11, fail = $12, failing = $13, invalid_reason = $14, proposal = $15::jsonb, "
        "revision = submission.revision + 1",
        s.school, s.year, s.file, s.valid, s.meets, s.excellent, s.score, s.books_per_student,
        s.required_books_per_student, s.pass, s.warning, s.fail, join(s.failing, '\n'), s.invalid_reason,
        s.proposal_json.empty() ? std::string("{}") : s.proposal_json);
    w.commit();
}

void PgStore::set_verdict(const Submission& s) {
    pqxx::work w(*conn_);
    w.exec_params(
        "UPDATE submission SET valid = $3, meets = $4, excellent = $5, score = $6, books_per_student = $7, "
        "required_books_per_student = $8, pass = $9, warning = $10, fail = $11, failing = $12, invalid_reason = $13 "
        "WHERE school = $1 AND year = $2",
        s.school, s.year, s.valid, s.meets, s.excellent, s.score, s.books_per_student, s.required_books_per_student,
        s.pass, s.warning, s.fail, join(s.failing, '\n'), s.invalid_reason);
    w.commit();
}

std::vector<Submission> PgStore::submissions(std::optional<int> year, std::string_view school) {
    pqxx::work w(*conn_);
    auto r = w.exec_params(
        "SELECT s.school, s.year, s.submitted::text AS submitted, s.file, s.valid, s.meets, s.excellent, s.score, "
        "s.books_per_student, s.required_books_per_student, s.pass, s.warning, s.fail, s.failing, s.invalid_reason, "
        "s.proposal::text AS proposal, s.revision, c.name, c.county "
        "FROM submission s JOIN school c ON c.code = s.school "
        "WHERE ($1 = 0 OR s.year = $1) AND ($2 = '' OR s.school = $2) ORDER BY s.school, s.year",
        year.value_or(0), std::string(school));
    std::vector<Submission> out;
    for (const auto& row : r) out.push_back(submission_of(row));
    return out;
}

std::optional<BureauOperator> PgStore::find_operator(std::string_view id) {
    pqxx::work w(*conn_);
    auto r = w.exec_params("SELECT id, name, role, disabled FROM bureau_operator WHERE id = $1", std::string(id));
    if (r.empty()) return std::nullopt;
    return BureauOperator{r[0][0].as<std::string>(), r[0][1].as<std::string>(),
                          parse_bureau_role(r[0][2].as<std::string>()).value_or(BureauRole::Reviewer), r[0][3].as<bool>()};
}

std::vector<BureauOperator> PgStore::operators() {
    pqxx::work w(*conn_);
    std::vector<BureauOperator> out;
    for (const auto& r : w.exec("SELECT id, name, role, disabled FROM bureau_operator ORDER BY id"))
        out.push_back({r[0].as<std::string>(), r[1].as<std::string>(),
                       parse_bureau_role(r[2].as<std::string>()).value_or(BureauRole::Reviewer), r[3].as<bool>()});
    return out;
}

void PgStore::upsert_operator(const BureauOperator& o) {
    pqxx::work w(*conn_);
    w.exec_params(
        "INSERT INTO bureau_operator(id, name, role, disabled) VALUES($1, $2, $3, $4) ON CONFLICT(id) DO UPDATE "
        "SET name = $2, role = $3, disabled = $4",
        o.id, o.name, std::string(to_string(o.role)), o.disabled);
    w.commit();
}

std::optional<Inspection> PgStore::inspection(int year) {
    pqxx::work w(*conn_);
    auto r = w.exec_params(
        "SELECT year, seed::text, to_char(drawn_at, 'YYYY-MM-DD HH24:MI'), drawn_by, "
        "coalesce(to_char(published_at, 'YYYY-MM-DD HH24:MI'), '') FROM inspection WHERE year = $1",
        year);
    if (r.empty()) return std::nullopt;
    Inspection i;
    i.year = r[0][0].as<int>();
    i.seed = std::stoull(r[0][1].as<std::string>());
    i.drawn_at = r[0][2].as<std::string>();
    i.drawn_by = r[0][3].as<std::string>();
    i.published_at = r[0][4].as<std::string>();
    for (const auto& p : w.exec_params(
             "SELECT school, inspector, result, note FROM inspection_pick WHERE year = $1 ORDER BY school", year))
        i.picks.push_back({p[0].as<std::string>(), p[1].as<std::string>(), p[2].as<std::string>(), p[3].as<std::string>()});
    return i;
}

bool PgStore::insert_inspection(const Inspection& i) {
    pqxx::work w(*conn_);
    auto r = w.exec_params(
        "INSERT INTO inspection(year, seed, drawn_by) VALUES($1, $2::numeric, $3) ON CONFLICT DO NOTHING RETURNING year",
        i.year, std::to_string(i.seed), i.drawn_by);
    if (r.empty()) return false;
    for (const auto& p : i.picks)
        w.exec_params("INSERT INTO inspection_pick(year, school, inspector) VALUES($1, $2, $3)", i.year, p.school,
                      p.inspector);
    w.commit();
    return true;
}

bool PgStore::set_inspection_result(int year, std::string_view school, std::string_view result, std::string_view note) {
    pqxx::work w(*conn_);
    auto r = w.exec_params(
        "UPDATE inspection_pick SET result = $3, note = $4 WHERE year = $1 AND school = $2 AND "
        "NOT EXISTS (SELECT 1 FROM inspection WHERE year = $1 AND published_at IS NOT NULL)",
        year, std::string(school), std::string(result), std::string(note));
    w.commit();
    return r.affected_rows() == 1;
}

bool PgStore::publish_inspection(int year) {
    pqxx::work w(*conn_);
    auto r = w.exec_params("UPDATE inspection SET published_at = now() WHERE year = $1 AND published_at IS NULL", year);
    w.commit();
    return r.affected_rows() == 1;
}

void PgStore::audit(const AuditEntry& e) {
    pqxx::work w(*conn_);
    w.exec_params("INSERT INTO district_audit(who, action, detail, code) VALUES($1, $2, $3, $4)", e.who, e.action,
                  e.detail, e.code);
    w.commit();
}

std::vector<AuditEntry> PgStore::audit_log(std::size_t limit) {
    pqxx::work w(*conn_);
    std::vector<AuditEntry> out;
    for (const auto& r : w.exec_params("SELECT at::text, who, action, detail, code FROM district_audit ORDER BY id DESC "
                                       "LIMIT $1",
                                       static_cast<long long>(limit)))
        out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                       r[4].as<std::string>()});
    return out;
}

std::map<std::string, std::vector<std::string>> PgStore::dump() {
    pqxx::work w(*conn_);
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& t : w.exec("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                                "AND table_type = 'BASE TABLE' ORDER BY table_name")) {
        const auto name = t[0].as<std::string>();
        auto& rows = out[name];
        for (const auto& r : w.exec("SELECT t::text FROM " + w.quote_name(name) + " t ORDER BY 1")) rows.push_back(r[0].as<std::string>());
    }
    return out;
}

}  // namespace pg
}  // namespace shuxiang::district
