// The server's small parts on their own: the HTML escaper and template filler, --listen parsing,
// session ids and CSRF comparison.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "shuxiang/server/html.hpp"
#include "shuxiang/server/server.hpp"
#include "shuxiang/server/sessions.hpp"
#include "shuxiang/util/error.hpp"

using namespace shuxiang::server;

TEST(ServerHtml, EscapesEverythingThatCanOpenMarkup) {
    EXPECT_EQ(html_escape("<script>alert('x')</script> & \"q\""),
              "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    EXPECT_EQ(html_escape("小王子"), "小王子");
    EXPECT_EQ(script_safe_json(R"({"a":"</script><!--"})"), R"({"a":"\u003c/script\u003e\u003c!--"})");
}

TEST(ServerHtml, TemplateEscapesValuesAndKeepsRawOnlyWhereAsked) {
    std::map<std::string, std::string> v = {{"t", "<b>"}, {"html", "<i>ok</i>"}};
    EXPECT_EQ(fill_template("<p>{{t}}</p>{{{html}}}", v), "<p>&lt;b&gt;</p><i>ok</i>");
    EXPECT_EQ(fill_template("{{missing}} {{t", v), "{{missing}} {{t");
    EXPECT_EQ(fill_template("a{{t}}b{{t}}c", v), "a&lt;b&gt;b&lt;b&gt;c");
}

TEST(ServerListen, ParsesHostAndPort) {
    EXPECT_EQ(parse_listen("127.0.0.1:8080"), std::make_pair(std::string("127.0.0.1"), 8080));
    EXPECT_EQ(parse_listen(":80"), std::make_pair(std::string("0.0.0.0"), 80));
    EXPECT_EQ(parse_listen("127.0.0.1:0").second, 0);
    for (const char* bad : {"8080", "host:", "host:99999", "host:-1", "host:8o", "host:123456"})
        EXPECT_THROW(parse_listen(bad), shuxiang::InputError) << bad;
}

TEST(ServerSessions, IdsAreRandomAndLogoutForgets) {
    SessionStore store;
    std::set<std::string> ids;
    for (int i = 0; i < 100; ++i) ids.insert(store.create(Principal{Principal::Kind::Reader, "S1", "", ""}));
    EXPECT_EQ(ids.size(), 100u);
    for (auto& id : ids) EXPECT_EQ(id.size(), 64u);
    auto id = *ids.begin();
    auto s = store.find(id);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->csrf.size(), 64u);
    EXPECT_NE(s->csrf, id);
    store.erase(id);
    EXPECT_FALSE(store.find(id));
    EXPECT_FALSE(store.find("short"));
}

TEST(ServerSessions, IdleSessionsExpire) {
    SessionStore store(std::chrono::seconds(0));
    auto id = store.create(Principal{});
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_FALSE(store.find(id));
}

TEST(ServerSessions, SecretsCompareWhole) {
    EXPECT_TRUE(same_secret("abc", "abc"));
    EXPECT_FALSE(same_secret("abc", "abd"));
    EXPECT_FALSE(same_secret("abc", "abcd"));
    EXPECT_FALSE(same_secret("", ""));
}

#include "support/process.hpp"

TEST(ServeCommand, HelpNamesEveryOptionAndBadInputExits2) {
    auto help = shuxiang::test::run_shuxiang("--lang en serve --help");
    EXPECT_EQ(help.code, 0);
    for (const char* opt : {"--db", "--listen", "--tls-cert", "--tls-key", "--threads", "--date", "--quiet"})
        EXPECT_NE(help.out.find(opt), std::string::npos) << opt;
    auto db = std::filesystem::temp_directory_path() / "sx_serve_absent.db";
    std::filesystem::remove(db);
    EXPECT_EQ(shuxiang::test::run_shuxiang("serve --db " + db.string()).code, 2);
    EXPECT_FALSE(std::filesystem::exists(db));  // nothing created
    EXPECT_EQ(shuxiang::test::run_shuxiang("serve --db " + db.string() + " --listen nonsense").code, 2);
}
