#pragma once
// The district's store: the union catalogue (titles matched across schools, copies per school),
// each school's yearly submission with the bureau's verdict, bureau operators and the annual
// inspection draw. PostgreSQL implements it (open_district); no patron data ever enters it.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/catalog/store.hpp"
#include "shuxiang/identity/credentials.hpp"

namespace shuxiang::district {

inline constexpr int kDistrictSchemaVersion = 2;

// One title as a school pushes it: bibliographic fields and the copies it holds (no barcodes, no
// loans, no readers). `keys` match it across schools: "isbn:<ISBN-13>", "001:<control number>",
// else the school's own dedupe key.
struct TitlePush {
    long long local_id = 0;  // the record's id in the school's database
    std::vector<std::string> keys;
    std::string title, responsibility, publisher, year, clc_top, call_number, series, subjects;
    long long copies = 0;
    std::string fingerprint;  // digest of all of the above: equal means unchanged
};

// What one push wrote.
struct PushResult {
    bool unchanged = false;  // the watermark matched: nothing was read from or written to the titles
    long long added = 0, updated = 0, removed = 0, titles_created = 0;
    std::string watermark;
};

struct SchoolInfo {
    std::string code, name, county;
    std::string watermark;  // digest of the holdings at the last push ("" before any)
    std::string last_push;  // timestamp, "" before any
};

// A school holding a union title.
struct Holder {
    std::string code, name, county;
    long long copies = 0;
};

// A union search hit: the title and who holds how many copies.
struct UnionHit {
    catalog::SearchHit hit;  // record_id is the union title's id
    long long copies = 0;
    std::vector<Holder> holders;  // most copies first
};

// A school's submission for a year with the bureau's verdict (the same rules as `review`).
struct Submission {
    std::string school, name, county, file, submitted;  // submitted: timestamp set by the store
    int year = 0;
    bool valid = true, meets = false, excellent = false;
    double score = 0, books_per_student = 0, required_books_per_student = 0;
    int pass = 0, warning = 0, fail = 0;
    std::vector<std::string> failing;  // ids of failing required checks
    std::string invalid_reason;
    std::string proposal_json;  // the file as sent (plan, anonymous holdings, report)
    int revision = 1;           // how many times the school sent this year's
};

enum class BureauRole { Admin, Reviewer, Inspector };
const char* to_string(BureauRole r);
std::optional<BureauRole> parse_bureau_role(std::string_view s);

struct BureauOperator {
    std::string id, name;
    BureauRole role = BureauRole::Reviewer;
    bool disabled = false;
};

// One school of the inspection draw, with its inspector and, later, the result.
struct InspectionPick {
    std::string school, inspector, result, note;
};
struct Inspection {
    int year = 0;
    unsigned long long seed = 0;
    std::string drawn_at, drawn_by, published_at;  // published_at "" until 一公开
    std::vector<InspectionPick> picks;
};

// One audited event of the district server: a refused request (who, the method and path, never a
// query or body) or a refused inspection step. `at` is set by the store.
struct AuditEntry {
    std::string at, who, action, detail, code;
};

class DistrictStore {
public:
    virtual ~DistrictStore() = default;
    virtual int schema_version() = 0;

    // Union catalogue, as any catalogue answers (catalog::CatalogQueries): hits are union titles.
    virtual catalog::CatalogQueries& union_catalog() = 0;
    // "Which schools hold this title, how many copies": the same matching as union_catalog().search.
    virtual std::vector<UnionHit> union_search(std::string_view query, std::size_t limit) = 0;

    // Schools. A push or a submission registers its school; the roster may list more.
    virtual void upsert_school(const SchoolInfo& s) = 0;  // name/county kept when given empty
    virtual std::vector<SchoolInfo> schools() = 0;

    // Push: the fingerprints the district holds of a school's titles (local id -> fingerprint).
    virtual std::map<long long, std::string> fingerprints(std::string_view school) = 0;
    // Writes the changed titles, removes the gone ones and sets the school's watermark, in one
    // transaction (pushes are serialised: the matching of titles across schools must not race).
    virtual PushResult apply_push(std::string_view school, const std::vector<TitlePush>& changed,
                                  const std::vector<long long>& removed, const std::string& watermark) = 0;

    // Submissions: one per school and year; a later one replaces it (revision + 1).
    virtual void put_submission(const Submission& s) = 0;
    // Stores a new verdict on a kept submission (the annual review), leaving the file and revision.
    virtual void set_verdict(const Submission& s) = 0;
    virtual std::vector<Submission> submissions(std::optional<int> year, std::string_view school) = 0;

    // Bureau operators; their secrets live in credentials() (the identity module's interface).
    virtual std::optional<BureauOperator> find_operator(std::string_view id) = 0;
    virtual std::vector<BureauOperator> operators() = 0;
    virtual void upsert_operator(const BureauOperator& o) = 0;
    virtual identity::CredentialStore& credentials() = 0;

    // The inspection of a year: drawn once (refused when it exists), results, publication.
    virtual std::optional<Inspection> inspection(int year) = 0;
    virtual bool insert_inspection(const Inspection& i) = 0;  // false when the year is drawn already
    virtual bool set_inspection_result(int year, std::string_view school, std::string_view result,
                                       std::string_view note) = 0;
    virtual bool publish_inspection(int year) = 0;

    // The audit log: refusals of the district server (newest first).
    virtual void audit(const AuditEntry& e) = 0;
    virtual std::vector<AuditEntry> audit_log(std::size_t limit) = 0;

    // Every table with every row as text (the privacy audit and the export).
    virtual std::map<std::string, std::vector<std::string>> dump() = 0;
};

// Opens the district database at a PostgreSQL connection URL, creating or migrating the schema.
// Throws EnvironmentError naming the URL (password hidden) when it cannot connect, InputError when
// the schema is newer than this Shuxiang.
std::unique_ptr<DistrictStore> open_district(const std::string& url);
// The URL with any password replaced by "***" (for messages and logs).
std::string redact_url(const std::string& url);

}  // namespace shuxiang::district
