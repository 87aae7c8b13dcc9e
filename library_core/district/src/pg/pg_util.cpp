#include "pg_util.hpp"

#include "shuxiang/district/store.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::district {

std::string redact_url(const std::string& url) {
    // postgresql://user:secret@host/db -> postgresql://user:***@host/db; password=... in key/value form.
    std::string out = url;
    auto scheme = out.find("://");
    if (scheme != std::string::npos) {
        auto at = out.find('@', scheme + 3);
        auto colon = out.find(':', scheme + 3);
        if (at != std::string::npos && colon != std::string::npos && colon < at)
            out.replace(colon + 1, at - colon - 1, "***");
    }
    for (const char* key : {"password=", "PASSWORD="}) {
        auto p = out.find(key);
        if (p == std::string::npos) continue;
        auto b = p + std::string(key).size();
        auto e = out.find_first_of(" &", b);
        out.replace(b, (e == std::string::npos ? out.size() : e) - b, "***");
    }
    return out;
}

namespace pg {

std::string text_array(const std::vector<std::string>& values) {
    std::string out = "{";
    for (std::size_t k = 0; k < values.size(); ++k) {
        if (k) out += ',';
        out += '"';
        for (char c : values[k]) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    out += '}';
    return out;
}

std::string bigint_array(const std::vector<long long>& values) {
    std::string out = "{";
    for (std::size_t k = 0; k < values.size(); ++k) {
        if (k) out += ',';
        out += std::to_string(values[k]);
    }
    out += '}';
    return out;
}

std::unique_ptr<pqxx::connection> connect(const std::string& url) {
    try {
        return std::make_unique<pqxx::connection>(url);
    } catch (const std::exception& e) {
        throw EnvironmentError(redact_url(url), trf("district.error.connect", {e.what()}));
    }
}

}  // namespace pg
}  // namespace shuxiang::district
