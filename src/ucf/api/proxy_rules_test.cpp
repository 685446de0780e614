#include "ucf/api/proxy_rules.hpp"

#include <gtest/gtest.h>

namespace ucf::api {
namespace {

constexpr char kBase[] = "https://acme.atlassian.net";

std::string Url(std::string_view target) {
  auto url = ProxyUpstreamUrl(kBase, target);
  return url.ok() ? *url : "REFUSED";
}

TEST(ProxyRulesTest, TailAndQueryAreAppendedAsReceived) {
  EXPECT_EQ(Url("/proxy/c1/rest/api/3/search?jql=project%3DENG&maxResults=5"),
            "https://acme.atlassian.net/rest/api/3/search?jql=project%3DENG&maxResults=5");
  EXPECT_EQ(Url("/proxy/c1/rest/api/3/issue/ENG-1"), "https://acme.atlassian.net/rest/api/3/issue/ENG-1");
  EXPECT_EQ(Url("/proxy/c1/"), "https://acme.atlassian.net/");
  EXPECT_EQ(Url("/proxy/c1/a%20b/"), "https://acme.atlassian.net/a%20b/");
  EXPECT_EQ(*ProxyUpstreamUrl("https://api.atlassian.com/ex/jira/cloud-1", "/proxy/c1/rest/api/3/myself"),
            "https://api.atlassian.com/ex/jira/cloud-1/rest/api/3/myself");
}

TEST(ProxyRulesTest, AbsoluteUrlsAreRefused) {
  for (const char* target : {"/proxy/c1/https://evil.example/x", "/proxy/c1/http:evil.example",
                             "/proxy/c1//evil.example/x", "/proxy/c1/javascript:alert(1)"}) {
    auto url = ProxyUpstreamUrl(kBase, target);
    EXPECT_EQ(url.status().code(), absl::StatusCode::kInvalidArgument) << target;
    EXPECT_NE(url.status().message().find("path"), std::string::npos) << url.status();
  }
}

TEST(ProxyRulesTest, DotSegmentsAndEncodedTraversalAreRefused) {
  for (const char* target :
       {"/proxy/c1/../../admin", "/proxy/c1/rest/../../x", "/proxy/c1/./x", "/proxy/c1/rest/..",
        "/proxy/c1/%2e%2e/x", "/proxy/c1/%2E%2E/x", "/proxy/c1/.%2e/x", "/proxy/c1/rest%2f..%2fx",
        "/proxy/c1/rest%2F..", "/proxy/c1/%252e%252e/x", "/proxy/c1/rest\\..\\x", "/proxy/c1/%5c..",
        "/proxy/c1/a#frag", "/proxy/c1/a b", "/proxy/c1/a?q=\x01", "/proxy/c1%2Fx/rest"}) {
    EXPECT_EQ(Url(target), "REFUSED") << target;
  }
}

TEST(ProxyRulesTest, UserInfoCannotMoveTheHost) {
  // "https://acme.atlassian.net/@evil.example" stays on acme: the base's slash ends the authority.
  EXPECT_EQ(Url("/proxy/c1/@evil.example/x"), "https://acme.atlassian.net/@evil.example/x");
  EXPECT_EQ(ProxyUpstreamUrl("https://acme.atlassian.net", "/proxy/c1/x").value(),
            "https://acme.atlassian.net/x");
}

TEST(ProxyRulesTest, HopByHopCookiesAndCallerCredentialsAreNotForwarded) {
  http::Headers in;
  in.Add("Authorization", "Bearer ucf_tenant_key");
  in.Add("Cookie", "session=1");
  in.Add("Connection", "keep-alive, X-Secret-Hop");
  in.Add("X-Secret-Hop", "1");
  in.Add("Keep-Alive", "timeout=5");
  in.Add("Transfer-Encoding", "chunked");
  in.Add("Upgrade", "websocket");
  in.Add("Host", "ucf.local");
  in.Add("X-Tenant-Id", "acme");
  in.Add("X-Forwarded-For", "10.0.0.1");
  in.Add("Accept", "application/json");
  in.Add("X-Atlassian-Token", "no-check");
  http::Headers out = ForwardedRequestHeaders(in);
  std::vector<std::string> names;
  for (const auto& [name, value] : out) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"Accept", "X-Atlassian-Token"}));
}

TEST(ProxyRulesTest, SetCookieAndHopByHopResponseHeadersAreDropped) {
  http::Headers in;
  in.Add("Content-Type", "application/json");
  in.Add("Set-Cookie", "atlassian.xsrf.token=abc");
  in.Add("set-cookie", "JSESSIONID=1");
  in.Add("Connection", "close");
  in.Add("Transfer-Encoding", "chunked");
  in.Add("Content-Length", "12");
  in.Add("ETag", "\"v1\"");
  in.Add("X-RateLimit-Remaining", "99");
  http::Headers out = ReturnedResponseHeaders(in);
  std::vector<std::string> names;
  for (const auto& [name, value] : out) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"Content-Type", "Content-Length", "ETag", "X-RateLimit-Remaining"}));
}

TEST(ProxyRulesTest, RedirectsOnlyStayOnTheApiOrigin) {
  EXPECT_TRUE(RedirectStaysOnOrigin("/rest/api/3/issue/ENG-2", kBase));
  EXPECT_TRUE(RedirectStaysOnOrigin("issue/ENG-2", kBase));
  EXPECT_TRUE(RedirectStaysOnOrigin("https://ACME.atlassian.net/rest", kBase));
  EXPECT_FALSE(RedirectStaysOnOrigin("https://evil.example/rest", kBase));
  EXPECT_FALSE(RedirectStaysOnOrigin("http://acme.atlassian.net/rest", kBase));  // scheme change
  EXPECT_FALSE(RedirectStaysOnOrigin("https://acme.atlassian.net:8443/", kBase));
  EXPECT_FALSE(RedirectStaysOnOrigin("//evil.example/x", kBase));
  EXPECT_FALSE(RedirectStaysOnOrigin("/\\evil.example/x", kBase));
  EXPECT_FALSE(RedirectStaysOnOrigin("ftp://acme.atlassian.net/", kBase));
}

}  // namespace
}  // namespace ucf::api
