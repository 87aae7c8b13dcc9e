#pragma once
// The benchmark's direct reads of a generated city (bench_district --generated / --check-tokens).
// The PostgreSQL client stays in folders named pg (tests/arch's dependency rule); these are the
// benchmark's only statements outside the district store.
#include <string>
#include <vector>

namespace shuxiang::bench {

struct CityTitle {
    long long pool_index = 0;  // union_title.id - 1
    std::string title, responsibility;
};

// The titles of the sync school (pool indexes below 10,000 and 20,000-20,799) and those of `ids`.
std::vector<CityTitle> read_city_titles(const std::string& url, const std::vector<long long>& ids);

struct StoredTokens {
    std::string title, responsibility, publisher, subjects, series, tokens;
};

// `n` titles spread over union_title with the search tokens the generator stored for them.
std::vector<StoredTokens> sample_stored_tokens(const std::string& url, int n);

}  // namespace shuxiang::bench
