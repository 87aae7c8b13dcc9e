// The credential store in the library database (SQLite): tables id_secrets, id_tokens, id_attempts
// and their schema version in id_schema. Every statement binds its values.
#include <memory>
#include <stdexcept>

#include "shuxiang/identity/credentials.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"
#include "shuxiang/util/sqlite.hpp"

namespace shuxiang::identity {

namespace {

using sqlite::exec;
using sqlite::Stmt;

const char* kMigration1 = R"SQL(
CREATE TABLE id_secrets(kind TEXT NOT NULL, principal TEXT NOT NULL, hash TEXT NOT NULL,
  set_at INTEGER NOT NULL, PRIMARY KEY(kind, principal));
CREATE TABLE id_tokens(hash TEXT PRIMARY KEY, kind TEXT NOT NULL, principal TEXT NOT NULL,
  issued INTEGER NOT NULL, expires INTEGER NOT NULL, revoked INTEGER);
CREATE INDEX id_tokens_principal ON id_tokens(kind, principal);
CREATE TABLE id_attempts(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, principal TEXT NOT NULL,
  at INTEGER NOT NULL, outcome TEXT NOT NULL);
CREATE INDEX id_attempts_principal ON id_attempts(kind, principal, at);
)SQL";

constexpr int kSchemaVersion = 1;

const char* outcome_text(AttemptOutcome o) {
    switch (o) {
        case AttemptOutcome::Ok: return "ok";
        case AttemptOutcome::Failed: return "failed";
        case AttemptOutcome::Locked: return "locked";
    }
    return "failed";
}

PrincipalKind parse_kind(const std::string& s) { return s == "reader" ? PrincipalKind::Reader : PrincipalKind::Operator; }

// BEGIN IMMEDIATE: the write lock is taken before the check, so two processes cannot both pass it.
class Tx {
public:
    explicit Tx(sqlite3* db) : db_(db) { exec(db_, "BEGIN IMMEDIATE"); }
    ~Tx() {
        if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    void commit() {
        exec(db_, "COMMIT");
        open_ = false;
    }
    Tx(const Tx&) = delete;
    Tx& operator=(const Tx&) = delete;

private:
    sqlite3* db_;
    bool open_ = true;
};

class SqliteCredentials final : public CredentialStore {
public:
    explicit SqliteCredentials(const std::filesystem::path& path) : path_(path) {
        sqlite::configure_process();
        if (sqlite::open_database(path.string(), 0, &db_) != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : tr("common.db.cannot_open");
            sqlite3_close(db_);
            throw InputError(path.string(), "", msg);
        }
        sqlite3_busy_timeout(db_, 30000);
        try {
            migrate();
        } catch (const InputError&) {
            sqlite3_close(db_);
            throw;
        } catch (const EnvironmentError&) {
            sqlite3_close(db_);
            throw;
        } catch (const std::exception& e) {
            sqlite3_close(db_);
            throw InputError(path.string(), "id_schema", e.what());
        }
    }
    ~SqliteCredentials() override { sqlite3_close(db_); }
    SqliteCredentials(const SqliteCredentials&) = delete;
    SqliteCredentials& operator=(const SqliteCredentials&) = delete;

    std::optional<std::string> secret(const Principal& p) override {
        Stmt s(db_, "SELECT hash FROM id_secrets WHERE kind = ? AND principal = ?");
        s.bind(1, to_string(p.kind)).bind(2, p.id);
        if (!s.step()) return std::nullopt;
        return s.text(0);
    }

    void set_secret(const Principal& p, const std::string& hash, long long now) override {
        Stmt(db_, "INSERT INTO id_secrets(kind, principal, hash, set_at) VALUES(?,?,?,?) "
                  "ON CONFLICT(kind, principal) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at")
            .bind(1, to_string(p.kind)).bind(2, p.id).bind(3, hash).bind(4, now).run();
    }

    void remove_secret(const Principal& p) override {
        Stmt(db_, "DELETE FROM id_secrets WHERE kind = ? AND principal = ?").bind(1, to_string(p.kind)).bind(2, p.id).run();
    }

    bool any_operator_secret() override {
        Stmt s(db_, "SELECT 1 FROM id_secrets WHERE kind = 'operator' LIMIT 1");
        return s.step();
    }

    bool set_first_operator_secret(const std::string& id, const std::string& hash, long long now) override {
        Tx tx(db_);
        if (any_operator_secret()) return false;
        set_secret({PrincipalKind::Operator, id}, hash, now);
        tx.commit();
        return true;
    }

    void add_token(const TokenRow& t) override {
        Stmt(db_, "INSERT INTO id_tokens(hash, kind, principal, issued, expires, revoked) VALUES(?,?,?,?,?,NULL)")
            .bind(1, t.hash).bind(2, to_string(t.who.kind)).bind(3, t.who.id).bind(4, t.issued).bind(5, t.expires).run();
    }

    std::optional<TokenRow> token(const std::string& hash) override {
        Stmt s(db_, "SELECT hash, kind, principal, issued, expires, revoked FROM id_tokens WHERE hash = ?");
        s.bind(1, hash);
        if (!s.step()) return std::nullopt;
        TokenRow t{s.text(0), {parse_kind(s.text(1)), s.text(2)}, s.i64(3), s.i64(4), std::nullopt};
        if (!s.null(5)) t.revoked = s.i64(5);
        return t;
    }

    bool revoke_token(const std::string& hash, long long now) override {
        Stmt(db_, "UPDATE id_tokens SET revoked = ? WHERE hash = ? AND revoked IS NULL").bind(1, now).bind(2, hash).run();
        return sqlite3_changes(db_) > 0;
    }

    int revoke_tokens_of(const Principal& p, long long now) override {
        Stmt(db_, "UPDATE id_tokens SET revoked = ? WHERE kind = ? AND principal = ? AND revoked IS NULL")
            .bind(1, now).bind(2, to_string(p.kind)).bind(3, p.id).run();
        return sqlite3_changes(db_);
    }

    void record_attempt(const Principal& p, long long at, AttemptOutcome outcome) override {
        Stmt(db_, "INSERT INTO id_attempts(kind, principal, at, outcome) VALUES(?,?,?,?)")
            .bind(1, to_string(p.kind)).bind(2, p.id).bind(3, at).bind(4, outcome_text(outcome)).run();
    }

    std::vector<long long> failures_since(const Principal& p, long long since) override {
        Stmt s(db_, "SELECT at FROM id_attempts WHERE kind = ?1 AND principal = ?2 AND outcome = 'failed' AND at >= ?3 "
                    "AND at > coalesce((SELECT max(at) FROM id_attempts WHERE kind = ?1 AND principal = ?2 "
                    "AND outcome = 'ok'), -1) ORDER BY at, id");
        s.bind(1, to_string(p.kind)).bind(2, p.id).bind(3, since);
        std::vector<long long> out;
        while (s.step()) out.push_back(s.i64(0));
        return out;
    }

private:
    void migrate() {
        if (sqlite::read_only(db_) && sqlite::read_only_version(db_, "id_schema", kSchemaVersion) <= kSchemaVersion) return;
        exec(db_, "CREATE TABLE IF NOT EXISTS id_schema(version INTEGER NOT NULL)");
        Tx tx(db_);
        Stmt v(db_, "SELECT coalesce(max(version), 0) FROM id_schema");
        int version = v.step() ? v.i32(0) : 0;
        v.reset();
        if (version > kSchemaVersion)
            throw InputError(path_.string(), "id_schema",
                             trf("identity.newer_schema", {std::to_string(version), std::to_string(kSchemaVersion)}));
        if (version == kSchemaVersion) return;
        if (version < 1) exec(db_, kMigration1);
        exec(db_, "DELETE FROM id_schema");
        Stmt(db_, "INSERT INTO id_schema(version) VALUES(?)").bind(1, kSchemaVersion).run();
        tx.commit();
    }

    std::filesystem::path path_;
    sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<CredentialStore> open_credentials(const std::filesystem::path& db) {
    return std::make_unique<SqliteCredentials>(db);
}

}  // namespace shuxiang::identity
