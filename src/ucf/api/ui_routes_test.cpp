#include "ucf/api/ui_routes.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "ucf/http/router/router.hpp"
#include "ucf/http/static_files/static_site.hpp"

namespace ucf::api {
namespace {

namespace fs = std::filesystem;

// Drives a raw request target through the server's own decoding (Request::SplitTarget) and the
// router to the handler, as the server does.
http::Response Get(const http::Router& router, std::string target, std::string accept = "") {
  http::Request r;
  r.method = "GET";
  r.target = std::move(target);
  if (!r.SplitTarget()) return http::Response{.status = 400};
  if (!accept.empty()) r.headers.Set("Accept", accept);
  auto m = router.Match("GET", r.path);
  if (m.kind != http::RouteMatch::Kind::kFound) return http::Response{.status = 404};
  r.path_params = m.params;
  return m.route->handler(r);
}

class UiRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("ucf-ui-routes-" + std::to_string(::getpid()));
    fs::remove_all(base_);
    fs::create_directories(base_ / "out");
    std::ofstream(base_ / "out" / "index.html") << "<html>home</html>";
    std::ofstream(base_ / "out" / "connections.html") << "<html>connections</html>";
    std::ofstream(base_ / "out" / "index.txt") << "home payload";
    std::ofstream(base_ / "secret.txt") << "outside";
    site_ = std::make_unique<http::StaticSite>(*http::StaticSite::Open(base_ / "out"));
    std::vector<http::Route> routes = UiRoutes(site_.get());
    routes.push_back({"GET", "/",
                      RedirectBrowsersToUi([](http::Request&) { return http::Response::Json(200, "{}"); }),
                      "health", http::Access::kPublic});
    router_ = std::make_unique<http::Router>(std::move(routes));
  }
  void TearDown() override { fs::remove_all(base_); }

  fs::path base_;
  std::unique_ptr<http::StaticSite> site_;
  std::unique_ptr<http::Router> router_;
};

TEST_F(UiRoutesTest, BrowsersAskingForRootGoToTheDashboard) {
  http::Response html = Get(*router_, "/", "text/html,application/xhtml+xml;q=0.9");
  EXPECT_EQ(html.status, 302);
  EXPECT_EQ(html.headers.Get("Location"), "/ui/");
  EXPECT_EQ(Get(*router_, "/", "application/json").body, "{}");
  EXPECT_EQ(Get(*router_, "/").body, "{}");
}

TEST_F(UiRoutesTest, ServesPagesDeepLinksAndTheOAuthEndPage) {
  EXPECT_EQ(Get(*router_, "/ui/").body, "<html>home</html>");
  http::Response bare = Get(*router_, "/ui?x=1");
  EXPECT_EQ(bare.status, 302);
  EXPECT_EQ(bare.headers.Get("Location"), "/ui/?x=1");
  EXPECT_EQ(Get(*router_, "/ui/connections?connected=c_1").body, "<html>connections</html>");
  EXPECT_EQ(Get(*router_, "/ui/connections/c_1/items").body, "<html>connections</html>");
  EXPECT_EQ(Get(*router_, "/ui.txt?_rsc=abc").body, "home payload");
}

TEST_F(UiRoutesTest, EncodedDotDotNeverLeavesTheExport) {
  for (std::string target : {"/ui/%2e%2e/secret.txt", "/ui/%2E%2E%2Fsecret.txt", "/ui/..%2fsecret.txt",
                             "/ui/connections/%2e%2e/%2e%2e/secret.txt", "/ui/%2e%2e%5csecret.txt"}) {
    http::Response r = Get(*router_, target);
    EXPECT_EQ(r.body.find("outside"), std::string::npos) << target;
    EXPECT_NE(r.status, 200) << target;
  }
}

TEST(UiRoutesWithoutExportTest, SaysHowToBuildIt) {
  http::Router router(UiRoutes(nullptr));
  http::Response r = Get(router, "/ui/");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("scripts/setup.sh"), std::string::npos);
}

}  // namespace
}  // namespace ucf::api
