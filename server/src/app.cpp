// The request context, body checking, Result mapping and the connection pool.
#include "app.hpp"

#include <algorithm>
#include <thread>

#include "shuxiang/util/paths.hpp"

namespace shuxiang::server {



App::App(ServerOptions o)
    : opts(std::move(o)),
      pool(opts.db),
      web_dir(asset_dir() / "web"),
      search_gate(std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 2, 256)) {}

void FairGate::acquire() {
    std::unique_lock lock(mu_);
    const unsigned long long ticket = next_++;
    cv_.wait(lock, [&] { return ticket == admitted_ && free_ > 0; });
    ++admitted_;
    --free_;
    cv_.notify_all();  // the next ticket may enter too when there is room
}

void FairGate::release() {
    {
        std::lock_guard lock(mu_);
        ++free_;
    }
    cv_.notify_all();
}

std::shared_ptr<Connection> ServicesPool::acquire() {
    std::unique_ptr<Connection> conn;
    {
        std::lock_guard lock(mu_);
        if (!free_.empty()) {
            conn = std::move(free_.back());
            free_.pop_back();
        }
    }
    if (!conn) {
        conn = std::make_unique<Connection>();
        conn->services = circulation::LibraryServices::open(db_);
        conn->credentials = identity::open_credentials(db_);
    }
    return std::shared_ptr<Connection>(conn.release(), [this](Connection* p) {
        std::lock_guard lock(mu_);
        free_.emplace_back(p);
    });
}

circulation::LibraryServices& Call::svc() {
    if (!lease_) lease_ = app.pool.acquire();
    return *lease_->services;
}

identity::CredentialStore& Call::credentials() {
    if (!lease_) lease_ = app.pool.acquire();
    return *lease_->credentials;
}

std::string Call::day() const { return app.opts.date.empty() ? circulation::today() : app.opts.date; }

circulation::Ctx Call::ctx() const {
    std::string op = is_operator() ? session->who.id : std::string();
    return circulation::Ctx{op, day()};
}

void Call::send_json(const json& j, int status) {
    res.status = status;
    res.set_content(j.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

void Call::send_html(const std::string& html, int status) {
    res.status = status;
    res.set_content(html, "text/html; charset=utf-8");
}

namespace {

const char* type_key(JType t) {
    switch (t) {
        case JType::String: return "server.type.string";
        case JType::Integer: return "server.type.integer";
        case JType::Boolean: return "server.type.boolean";
    }
    return "";
}

bool has_type(const json& v, JType t) {
    switch (t) {
        case JType::String: return v.is_string();
        case JType::Integer: return v.is_number_integer();
        case JType::Boolean: return v.is_boolean();
    }
    return false;
}

}  // namespace

json parse_body(const Call& c, std::initializer_list<Field> fields) {
    json body = json::parse(c.req.body, nullptr, false);
    if (body.is_discarded()) throw HttpError(400, "bad_json", tr("server.error.bad_json"));
    if (!body.is_object()) throw HttpError(400, "bad_json", tr("server.error.not_object"));
    for (auto& [key, value] : body.items()) {
        const Field* f = nullptr;
        for (auto& candidate : fields)
            if (key == candidate.name) f = &candidate;
        if (!f) throw HttpError(400, "unknown_field", trf("server.error.unknown_field", {key}));
        if (!has_type(value, f->type))
            throw HttpError(400, "wrong_type", trf("server.error.wrong_type", {key, tr(type_key(f->type))}));
    }
    for (auto& f : fields)
        if (f.required && !body.contains(f.name))
            throw HttpError(400, "missing_field", trf("server.error.missing_field", {f.name}));
    return body;
}

std::string str_field(const json& body, const char* name) {
    auto it = body.find(name);
    return it == body.end() ? std::string() : it->get<std::string>();
}

void send_result(Call& c, const circulation::Result& r) {
    json j = {{"ok", r.ok}, {"code", r.code}, {"message", r.message}, {"details", r.details}};
    if (r.id) j["id"] = r.id;
    int status = 200;
    if (!r.ok) {
        if (r.code == "not_permitted" || r.code == "unknown_operator") status = 403;
        else if (r.code.rfind("unknown_", 0) == 0) status = 404;
        else status = 409;
    }
    c.send_json(j, status);
}

}  // namespace shuxiang::server
