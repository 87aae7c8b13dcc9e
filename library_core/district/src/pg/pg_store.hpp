#pragma once
// The PostgreSQL DistrictStore: one connection, used by one thread at a time.
#include <memory>

#include "pg_util.hpp"
#include "shuxiang/district/store.hpp"

namespace shuxiang::district::pg {

class PgStore;

// The union catalogue as a catalog::CatalogQueries.
class PgUnion final : public catalog::CatalogQueries {
public:
    explicit PgUnion(PgStore& s) : s_(s) {}
    std::vector<catalog::SearchHit> search(std::string_view query, std::size_t limit) override;
    catalog::CollectionStats stats() override;

private:
    PgStore& s_;
};

// identity::CredentialStore over the id_* tables (bureau operators' passwords, tokens, attempts).
class PgCredentials final : public identity::CredentialStore {
public:
    explicit PgCredentials(PgStore& s) : s_(s) {}
    std::optional<std::string> secret(const identity::Principal& p) override;
    void set_secret(const identity::Principal& p, const std::string& hash, long long now) override;
    void remove_secret(const identity::Principal& p) override;
    bool any_operator_secret() override;
    bool set_first_operator_secret(const std::string& id, const std::string& hash, long long now) override;
    void add_token(const identity::TokenRow& t) override;
    std::optional<identity::TokenRow> token(const std::string& hash) override;
    bool revoke_token(const std::string& hash, long long now) override;
    int revoke_tokens_of(const identity::Principal& p, long long now) override;
    void record_attempt(const identity::Principal& p, long long at, identity::AttemptOutcome outcome) override;
    std::vector<long long> failures_since(const identity::Principal& p, long long since) override;

private:
    PgStore& s_;
};

class PgStore final : public DistrictStore {
public:
    explicit PgStore(const std::string& url);
    int schema_version() override { return version_; }
    catalog::CatalogQueries& union_catalog() override { return union_; }
    std::vector<UnionHit> union_search(std::string_view query, std::size_t limit) override;
    void upsert_school(const SchoolInfo& s) override;
    std::vector<SchoolInfo> schools() override;
    std::map<long long, std::string> fingerprints(std::string_view school) override;
    PushResult apply_push(std::string_view school, const std::vector<TitlePush>& changed,
                          const std::vector<long long>& removed, const std::string& watermark) override;
    void put_submission(const Submission& s) override;
    void set_verdict(const Submission& s) override;
    std::vector<Submission> submissions(std::optional<int> year, std::string_view school) override;
    std::optional<BureauOperator> find_operator(std::string_view id) override;
    std::vector<BureauOperator> operators() override;
    void upsert_operator(const BureauOperator& o) override;
    identity::CredentialStore& credentials() override { return creds_; }
    std::optional<Inspection> inspection(int year) override;
    bool insert_inspection(const Inspection& i) override;
    bool set_inspection_result(int year, std::string_view school, std::string_view result,
                               std::string_view note) override;
    bool publish_inspection(int year) override;
    void audit(const AuditEntry& e) override;
    std::vector<AuditEntry> audit_log(std::size_t limit) override;
    std::map<std::string, std::vector<std::string>> dump() override;

    pqxx::connection& conn() { return *conn_; }
    // Union titles matching a query, best first: (id, title-match) pairs.
    std::vector<catalog::SearchHit> match_titles(std::string_view query, std::size_t limit);

private:
    void migrate();
    void stage_push(pqxx::work& w, const std::vector<TitlePush>& changed);
    void resolve_titles(pqxx::work& w);
    void refresh_titles(pqxx::work& w);

    std::string url_;
    std::unique_ptr<pqxx::connection> conn_;
    int version_ = 0;
    PgUnion union_{*this};
    PgCredentials creds_{*this};
};

}  // namespace shuxiang::district::pg
