// The OPAC's walking route over a real server started with --plan on a shelved collection: the JSON
// corners run from the entrance to the section's standing point, the length is the polyline's, the
// page's inline SVG is well-formed XML and draws the same polyline, titles stay escaped.
#include <pugixml.hpp>

#include <cmath>
#include <iomanip>
#include <sstream>

#include "server_fixture.hpp"
#include "shuxiang/util/i18n.hpp"

using namespace sxs;

namespace {

// A second server on the same database, started with the plan (the fixture's has none).
struct RouteServer {
    std::unique_ptr<server::WebServer> web;
    std::thread thread;
    int port = 0;
    RouteServer(const std::filesystem::path& db, const std::filesystem::path& plan) {
        server::ServerOptions o;
        o.db = db;
        o.plan = plan;
        o.port = 0;
        o.date = kDay;
        o.log_requests = false;
        web = std::make_unique<server::WebServer>(o);
        port = web->bind();
        thread = std::thread([this] { web->serve(); });
    }
    ~RouteServer() {
        web->stop();
        thread.join();
    }
};

// Where a reader stands in front of a section of R1 (0.45 m in front of the face), worked out by
// hand from the plan: face 1 (south, y = 4.75) numbers its sections west to east from x = 3.2, face
// 2 (north, y = 5.25) east to west from x = 6.8.
plan::Vec2 standing_point(int face, int number) {
    if (face == 1) return {3.2 + (number - 0.5) * 0.9, 4.75 - 0.45};
    return {6.8 - (number - 0.5) * 0.9, 5.25 + 0.45};
}

double json_polyline_length(const json& corners) {
    double len = 0;
    for (std::size_t i = 1; i < corners.size(); ++i)
        len += std::hypot(corners[i]["x"].get<double>() - corners[i - 1]["x"].get<double>(),
                          corners[i]["y"].get<double>() - corners[i - 1]["y"].get<double>());
    return len;
}

struct RouteTest : ServerTest {
    std::filesystem::path plan_file = db.parent_path() / (db.stem().string() + ".plan.json");
    void SetUp() override {
        ServerTest::SetUp();
        shelve_on_route_plan(db, plan_file);
    }
};

}  // namespace

TEST_F(RouteTest, ApiRouteRunsFromTheEntranceToTheSection) {
    RouteServer s(db, plan_file);
    Browser b(s.port);
    for (const char* barcode : {"B11", "B21", "B33"}) {
        auto r = b.get(std::string("/api/route?item=") + barcode);
        ASSERT_TRUE(r);
        ASSERT_EQ(r->status, 200) << r->body;
        const json j = json::parse(r->body);
        EXPECT_EQ(j["barcode"], barcode);
        ASSERT_TRUE(j["reachable"].get<bool>()) << j["error"];
        const json& c = j["corners"];
        ASSERT_GE(c.size(), 2u);
        EXPECT_NEAR(c.front()["x"].get<double>(), 5.0, 1e-6);  // the entrance door's centre
        EXPECT_NEAR(c.front()["y"].get<double>(), 0.0, 1e-6);
        const plan::Vec2 goal = standing_point(j["face"].get<int>(), j["number"].get<int>());
        EXPECT_LT(std::hypot(c.back()["x"].get<double>() - goal.x, c.back()["y"].get<double>() - goal.y), 0.05) << j.dump();
        EXPECT_NEAR(j["length"].get<double>(), json_polyline_length(c), 1e-9);
        EXPECT_GE(j["length"].get<double>(), std::hypot(goal.x - 5.0, goal.y) - 0.05);
        EXPECT_EQ(j["section"].get<std::string>().rfind("R1/", 0), 0u);
        EXPECT_EQ(j["label"], "A1");
        EXPECT_EQ(j["room"], "书库");
        for (const char* patron : {"S001", "张小明", "patron", "loans"}) EXPECT_EQ(r->body.find(patron), std::string::npos);
    }
}

TEST_F(RouteTest, ApiRouteToTheBackFaceWalksRoundTheRange) {
    RouteServer s(db, plan_file);
    Browser b(s.port);
    auto r = b.get("/api/route?section=" + httplib::detail::encode_query_param("R1/2/4"));
    ASSERT_EQ(r->status, 200) << r->body;
    const json j = json::parse(r->body);
    const json& c = j["corners"];
    ASSERT_GE(c.size(), 3u);  // it cannot go straight through the range
    const plan::Vec2 goal = standing_point(2, 4);
    EXPECT_LT(std::hypot(c.back()["x"].get<double>() - goal.x, c.back()["y"].get<double>() - goal.y), 0.05);
    EXPECT_GT(j["length"].get<double>(), std::hypot(goal.x - 5.0, goal.y) * 1.05);
    EXPECT_NEAR(j["length"].get<double>(), json_polyline_length(c), 1e-9);
    // The same answer the second time (from the cache).
    EXPECT_EQ(json::parse(b.get("/api/route?section=R1%2F2%2F4")->body), j);
}

TEST_F(RouteTest, ApiRouteRefusesWhatItCannotRoute) {
    RouteServer s(db, plan_file);
    Browser b(s.port);
    EXPECT_EQ(b.get("/api/route?item=NOPE")->status, 404);
    EXPECT_EQ(json::parse(b.get("/api/route?section=R9/1/1")->body)["code"], "unknown_section");
    EXPECT_EQ(b.get("/api/route")->status, 400);
    EXPECT_EQ(b.get("/api/route?item=" + std::string(100, 'x'))->status, 400);
    // SQL and markup in either parameter are just an unknown copy or section, and never echoed raw.
    for (const std::string a : {"' OR 1=1 --", "B11' OR '1'='1", "<script>alert(1)</script>"}) {
        const std::string q = httplib::detail::encode_query_param(a);
        for (const std::string& path : {"/api/route?item=" + q, "/api/route?section=" + q, "/opac/route?item=" + q}) {
            auto r = b.get(path);
            ASSERT_TRUE(r) << path;
            EXPECT_EQ(r->status, 404) << path << "\n" << r->body;
            // The API's refusal may name what was asked, as JSON (never read as HTML); the page escapes it.
            if (path.rfind("/api/", 0) == 0)
                EXPECT_EQ(r->get_header_value("Content-Type").rfind("application/json", 0), 0u) << path;
            else
                EXPECT_EQ(r->body.find("<script>alert"), std::string::npos) << path;
        }
    }
    // The fixture's server has no plan: no routes, and the OPAC offers none.
    Browser plain = browser();
    auto r = plain.get("/api/route?item=B11");
    EXPECT_EQ(r->status, 404);
    EXPECT_EQ(json::parse(r->body)["code"], "no_plan");
}

TEST_F(RouteTest, OpacLinksEachShelvedCopyToItsRoute) {
    RouteServer s(db, plan_file);
    Browser b(s.port);
    auto page = b.get("/opac?q=" + httplib::detail::encode_query_param("十万个为什么"));
    ASSERT_EQ(page->status, 200);
    for (const char* bc : {"B31", "B32", "B33"})
        EXPECT_NE(page->body.find(std::string("href=\"/opac/route?item=") + bc + "\""), std::string::npos) << bc;
    auto rec = json::parse(b.get("/api/records/" + std::to_string(record_a))->body);
    EXPECT_EQ(rec["items"][0]["route"], "/opac/route?item=B11");
    // Without a plan the copies have no route link.
    EXPECT_EQ(browser().get("/opac?q=" + httplib::detail::encode_query_param("十万个为什么"))->body.find("/opac/route"),
              std::string::npos);
}

TEST_F(RouteTest, RoutePageDrawsThePolylineInWellFormedSvgAndEscapesTheTitle) {
    RouteServer s(db, plan_file);
    Browser b(s.port);
    const json j = json::parse(b.get("/api/route?item=B21")->body);
    auto r = b.get("/opac/route?item=B21");
    ASSERT_EQ(r->status, 200);
    const std::string& html = r->body;
    EXPECT_EQ(html.find("<script>alert"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;小王子"), std::string::npos);
    const auto a = html.find("<svg"), e = html.find("</svg>");
    ASSERT_NE(a, std::string::npos);
    ASSERT_NE(e, std::string::npos);
    pugi::xml_document doc;
    const std::string svg = html.substr(a, e + 6 - a);
    ASSERT_TRUE(doc.load_string(svg.c_str())) << svg;
    const pugi::xml_node root = doc.child("svg");
    EXPECT_STREQ(root.attribute("viewBox").value(), "0 0 11.60 9.60");  // 10 × 8 m plus 0.8 m round it
    EXPECT_STREQ(root.attribute("width").value(), "100%");
    const pugi::xml_node line = root.find_child_by_attribute("polyline", "id", "sx-route");
    ASSERT_TRUE(line);
    // The polyline's points are the route's corners, x shifted by the margin, y flipped.
    std::istringstream pts(line.attribute("points").value());
    std::string pt;
    std::size_t n = 0;
    while (pts >> pt) {
        ASSERT_LT(n, j["corners"].size());
        const double x = std::stod(pt.substr(0, pt.find(','))), y = std::stod(pt.substr(pt.find(',') + 1));
        EXPECT_NEAR(x, j["corners"][n]["x"].get<double>() + 0.8, 0.006);
        EXPECT_NEAR(y, 8.0 - j["corners"][n]["y"].get<double>() + 0.8, 0.006);
        ++n;
    }
    EXPECT_EQ(n, j["corners"].size());
    EXPECT_TRUE(root.find_child_by_attribute("circle", "id", "sx-here"));
    EXPECT_TRUE(root.find_child_by_attribute("polygon", "id", "sx-target"));
    EXPECT_NE(html.find(tr_in(Language::ZhCN, "web.route.you_are_here")), std::string::npos);
    std::ostringstream len;
    len << std::fixed << std::setprecision(1) << j["length"].get<double>();
    EXPECT_NE(html.find(trf_in(Language::ZhCN, "web.route.length", {len.str()})), std::string::npos);
    // The caption carries the title escaped as well.
    EXPECT_NE(std::string(root.child("title").child_value()).find("<script>alert('x')</script>"), std::string::npos);
    EXPECT_EQ(b.get("/opac/route?item=NOPE")->status, 404);
}
