// The library's settings, the audit log, and the bundle of services over one repository.
#include <cmath>
#include <sstream>

#include "../internal.hpp"
#include "shuxiang/circulation/services.hpp"

namespace shuxiang::circulation {

double AdminService::setting_value(std::string_view key) {
    auto u = repo_.read();
    return setting_in(*u, key);
}

std::string AdminService::setting(std::string_view key, std::string_view fallback) {
    return repo_.read()->setting(key).value_or(std::string(fallback));
}

void AdminService::store_setting(std::string_view key, std::string_view value) {
    auto u = repo_.write();
    u->put_setting(key, value);
    u->commit();
}

Result AdminService::change_setting(const Ctx& c, std::string_view key, std::string_view value) {
    const std::string target = std::string(key) + "=" + std::string(value);
    return run_op(repo_, c, Action::EditPolicy, "setting.set", target, [&](UnitOfWork& u) {
        const SettingInfo* info = find_setting(key);
        if (!info) return refusal("unknown_setting", {std::string(key)});
        if (!parse_setting(*info, value)) {
            auto num = [](double d) {
                std::ostringstream o;
                o << d;
                return o.str();
            };
            return refusal(info->integer ? "bad_setting_integer" : "bad_setting",
                           {std::string(key), std::string(value), num(info->min), num(info->max)});
        }
        u.put_setting(key, value);
        return success("circ.ok.setting", {std::string(key), std::string(value)}, 0);
    });
}

std::vector<AuditEntry> AdminService::audit(std::size_t limit) { return repo_.read()->audit(limit); }

void AdminService::record(const Ctx& c, std::string_view action, std::string_view target, const Result& r) {
    auto u = repo_.write();
    audit_in(*u, c, action, target, r);
    u->commit();
}

std::unique_ptr<LibraryServices> LibraryServices::open(const std::filesystem::path& db) { return over(open_repository(db)); }

std::unique_ptr<LibraryServices> LibraryServices::over(std::unique_ptr<Repository> repo) {
    return std::unique_ptr<LibraryServices>(new LibraryServices(std::move(repo)));
}

LibraryServices::LibraryServices(std::unique_ptr<Repository> repo)
    : repo_(std::move(repo)),
      operators_(*repo_),
      patrons_(*repo_),
      circulation_(*repo_),
      acquisitions_(*repo_),
      collection_(*repo_),
      stats_(*repo_),
      admin_(*repo_) {}

LibraryServices::~LibraryServices() = default;

catalog::Store& LibraryServices::catalog() { return repo_->catalog(); }

}  // namespace shuxiang::circulation
