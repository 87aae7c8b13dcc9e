// identity::CredentialStore over the district database: the bureau operators' Argon2id hashes,
// bearer tokens (by hash) and login attempts, so that the identity module's rules apply unchanged.
#include "pg_store.hpp"

namespace shuxiang::district::pg {
namespace {

const char* outcome_text(identity::AttemptOutcome o) {
    switch (o) {
        case identity::AttemptOutcome::Ok: return "ok";
        case identity::AttemptOutcome::Failed: return "failed";
        case identity::AttemptOutcome::Locked: return "locked";
    }
    return "failed";
}

}  // namespace

std::optional<std::string> PgCredentials::secret(const identity::Principal& p) {
    pqxx::work w(s_.conn());
    auto r = w.exec_params("SELECT hash FROM id_secret WHERE kind = $1 AND id = $2", std::string(to_string(p.kind)), p.id);
    if (r.empty()) return std::nullopt;
    return r[0][0].as<std::string>();
}

void PgCredentials::set_secret(const identity::Principal& p, const std::string& hash, long long now) {
    pqxx::work w(s_.conn());
    w.exec_params("INSERT INTO id_secret(kind, id, hash, set_at) VALUES($1, $2, $3, $4) ON CONFLICT(kind, id) DO UPDATE "
                  "SET hash = $3, set_at = $4",
                  std::string(to_string(p.kind)), p.id, hash, now);
    w.commit();
}

void PgCredentials::remove_secret(const identity::Principal& p) {
    pqxx::work w(s_.conn());
    w.exec_params("DELETE FROM id_secret WHERE kind = $1 AND id = $2", std::string(to_string(p.kind)), p.id);
    w.commit();
}

bool PgCredentials::any_operator_secret() {
    pqxx::work w(s_.conn());
    return w.exec("SELECT 1 FROM id_secret WHERE kind = 'operator' LIMIT 1").size() == 1;
}

bool PgCredentials::set_first_operator_secret(const std::string& id, const std::string& hash, long long now) {
    pqxx::work w(s_.conn());
    w.exec("LOCK TABLE id_secret IN EXCLUSIVE MODE");
    if (!w.exec("SELECT 1 FROM id_secret WHERE kind = 'operator' LIMIT 1").empty()) return false;
    w.exec_params("INSERT INTO id_secret(kind, id, hash, set_at) VALUES('operator', $1, $2, $3)", id, hash, now);
    w.commit();
    return true;
}

void PgCredentials::add_token(const identity::TokenRow& t) {
    pqxx::work w(s_.conn());
    w.exec_params("INSERT INTO id_token(hash, kind, id, issued, expires) VALUES($1, $2, $3, $4, $5)", t.hash,
                  std::string(to_string(t.who.kind)), t.who.id, t.issued, t.expires);
    w.commit();
}

std::optional<identity::TokenRow> PgCredentials::token(const std::string& hash) {
    pqxx::work w(s_.conn());
    auto r = w.exec_params("SELECT hash, kind, id, issued, expires, revoked FROM id_token WHERE hash = $1", hash);
    if (r.empty()) return std::nullopt;
    identity::TokenRow t;
    t.hash = r[0][0].as<std::string>();
    t.who.kind = r[0][1].as<std::string>() == "reader" ? identity::PrincipalKind::Reader : identity::PrincipalKind::Operator;
    t.who.id = r[0][2].as<std::string>();
    t.issued = r[0][3].as<long long>();
    t.expires = r[0][4].as<long long>();
    if (!r[0][5].is_null()) t.revoked = r[0][5].as<long long>();
    return t;
}

bool PgCredentials::revoke_token(const std::string& hash, long long now) {
    pqxx::work w(s_.conn());
    auto r = w.exec_params("UPDATE id_token SET revoked = $2 WHERE hash = $1 AND revoked IS NULL", hash, now);
    w.commit();
    return r.affected_rows() == 1;
}

int PgCredentials::revoke_tokens_of(const identity::Principal& p, long long now) {
    pqxx::work w(s_.conn());
    auto r = w.exec_params("UPDATE id_token SET revoked = $3 WHERE kind = $1 AND id = $2 AND revoked IS NULL",
                           std::string(to_string(p.kind)), p.id, now);
    w.commit();
    return static_cast<int>(r.affected_rows());
}

void PgCredentials::record_attempt(const identity::Principal& p, long long at, identity::AttemptOutcome outcome) {
    pqxx::work w(s_.conn());
    w.exec_params("INSERT INTO id_attempt(kind, id, at, outcome) VALUES($1, $2, $3, $4)", std::string(to_string(p.kind)),
                  p.id, at, std::string(outcome_text(outcome)));
    w.commit();
}

std::vector<long long> PgCredentials::failures_since(const identity::Principal& p, long long since) {
    pqxx::work w(s_.conn());
    auto r = w.exec_params(
        "SELECT at FROM id_attempt WHERE kind = $1 AND id = $2 AND outcome = 'failed' AND at >= $3 AND at > "
        "coalesce((SELECT max(at) FROM id_attempt WHERE kind = $1 AND id = $2 AND outcome = 'ok'), -1) ORDER BY at",
        std::string(to_string(p.kind)), p.id, since);
    std::vector<long long> out;
    for (const auto& row : r) out.push_back(row[0].as<long long>());
    return out;
}

}  // namespace shuxiang::district::pg
