#include "ucf/http/router/router.hpp"

#include <gtest/gtest.h>

namespace ucf::http {
namespace {

Route R(std::string method, std::string pattern) {
  return Route{.method = std::move(method), .pattern = std::move(pattern),
               .handler = [](Request&) { return Response{}; }};
}

Router MakeRouter() {
  return Router({R("GET", "/"), R("GET", "/api/connections"), R("POST", "/api/connections"),
                 R("GET", "/api/connections/{id}"), R("DELETE", "/api/connections/{id}"),
                 R("POST", "/api/connections/token"), R("GET", "/proxy/{id}/{path...}")});
}

TEST(RouterTest, MatchesLiteralsAndParams) {
  Router router = MakeRouter();
  auto m = router.Match("GET", "/api/connections/abc");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.route->pattern, "/api/connections/{id}");
  EXPECT_EQ(m.params["id"], "abc");
  EXPECT_EQ(router.Match("GET", "/").route->pattern, "/");
}

TEST(RouterTest, LiteralBeatsParam) {
  Router router = MakeRouter();
  auto m = router.Match("POST", "/api/connections/token");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.route->pattern, "/api/connections/token");
}

TEST(RouterTest, NotFoundAndMethodNotAllowed) {
  Router router = MakeRouter();
  EXPECT_EQ(router.Match("GET", "/nope").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(router.Match("GET", "/api/connections/").kind, RouteMatch::Kind::kNotFound);
  auto m = router.Match("PUT", "/api/connections/abc");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(m.allowed_methods, (std::vector<std::string>{"DELETE", "GET", "HEAD", "OPTIONS"}));
  // GET on the literal "token" path is not allowed even though {id} would match GET.
  auto token = router.Match("GET", "/api/connections/token");
  EXPECT_EQ(token.kind, RouteMatch::Kind::kMethodNotAllowed);
}

TEST(RouterTest, HeadUsesGetAndRestCaptures) {
  Router router = MakeRouter();
  EXPECT_EQ(router.Match("HEAD", "/api/connections").kind, RouteMatch::Kind::kFound);
  auto m = router.Match("GET", "/proxy/c1/rest/api/3/project");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.params["path"], "rest/api/3/project");
  EXPECT_EQ(router.Match("GET", "/proxy/c1").params["path"], "");
}

TEST(RouterTest, AnyMethodRouteMatchesEveryMethodWithTheWildcardTail) {
  Router router({R("*", "/proxy/{connectionId}/{path...}"), R("GET", "/proxy/status"),
                 R("GET", "/api/x")});
  for (const char* method : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"}) {
    auto m = router.Match(method, "/proxy/c1/rest/api/3/issue/ENG-1/comment");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound) << method;
    EXPECT_EQ(m.route->method, "*");
    EXPECT_EQ(m.params["connectionId"], "c1");
    EXPECT_EQ(m.params["path"], "rest/api/3/issue/ENG-1/comment");
  }
  // A trailing slash is part of the tail; an empty tail still matches.
  EXPECT_EQ(router.Match("GET", "/proxy/c1/a/").params["path"], "a/");
  EXPECT_EQ(router.Match("GET", "/proxy/c1/").params["path"], "");
  // The connection segment must be there.
  EXPECT_EQ(router.Match("GET", "/proxy").kind, RouteMatch::Kind::kNotFound);
  // A named method on an equally specific pattern wins; other methods still fall to "*".
  Router both({R("*", "/p/{id}"), R("GET", "/p/{id}")});
  EXPECT_EQ(both.Match("GET", "/p/1").route->method, "GET");
  EXPECT_EQ(both.Match("POST", "/p/1").route->method, "*");
  // A more specific literal route wins over the wildcard, and "*" does not widen its methods.
  EXPECT_EQ(router.Match("GET", "/proxy/status/x").route->method, "*");
  EXPECT_EQ(router.Match("GET", "/proxy/status").route->pattern, "/proxy/status");
  EXPECT_EQ(router.Match("POST", "/api/x").kind, RouteMatch::Kind::kMethodNotAllowed);
}

TEST(RouterTest, AnyMethodRouteListsEveryMethodAsAllowed) {
  Router router({R("*", "/proxy/{connectionId}/{path...}")});
  auto m = router.Match("GET", "/proxy/c1/x");
  EXPECT_EQ(m.allowed_methods,
            (std::vector<std::string>{"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"}));
}

}  // namespace
}  // namespace ucf::http
