#include "city_rows.hpp"

#include <pqxx/pqxx>

namespace shuxiang::bench {

std::vector<CityTitle> read_city_titles(const std::string& url, const std::vector<long long>& ids) {
    pqxx::connection c(url);
    pqxx::work w(c);
    std::string list;
    for (auto id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
    std::vector<CityTitle> out;
    for (const auto& r : w.exec_params("SELECT id - 1, title, responsibility FROM union_title WHERE id <= 10000 OR "
                                       "id BETWEEN 20001 AND 20800 OR id = ANY($1::bigint[])",
                                       "{" + list + "}"))
        out.push_back({r[0].as<long long>(), r[1].as<std::string>(), r[2].as<std::string>()});
    return out;
}

std::vector<StoredTokens> sample_stored_tokens(const std::string& url, int n) {
    pqxx::connection c(url);
    pqxx::work w(c);
    std::vector<StoredTokens> out;
    for (const auto& r : w.exec_params("SELECT title, responsibility, publisher, subjects, series, array_to_string(tokens, ' ') "
                                       "FROM union_title WHERE id % greatest(1, (SELECT max(id) FROM union_title) / $1) = 0 "
                                       "LIMIT $1",
                                       n))
        out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                       r[4].as<std::string>(), r[5].as<std::string>()});
    return out;
}

}  // namespace shuxiang::bench
