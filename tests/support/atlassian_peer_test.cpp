// The Atlassian test peer (tests/peers/atlassian: fake Jira/Confluence behind two validating Prism
// proxies) as tests will use it: plain HTTP through Prism in both URL forms, Prism's rejection of
// a request that violates the official spec, an injected 429, and the provider catalog it builds.
// Starting the stack costs ~12 s of CPU (Prism loads Jira's 4 MB spec), so the end-to-end checks
// share ONE test (ctest runs every gtest case in its own process).

#include "tests/support/atlassian_peer.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "boost/json/parse.hpp"
#include "tests/support/test_http.hpp"
#include "ucf/catalog/provider_catalog.hpp"

namespace ucf::testing {
namespace {

constexpr const char* kBearer = "atlassian-peer-test-bearer";

boost::json::value Json(const TestResponse& r) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(r.body, ec);
  return ec ? boost::json::value(nullptr) : v;
}

std::string Updated(const boost::json::value& issue) {
  return std::string(issue.as_object().at("fields").as_object().at("updated").as_string());
}

std::string Encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::int64_t Requests(const AtlassianPeer& peer) {
  auto stats = peer.Stats();
  EXPECT_TRUE(stats.ok()) << stats.status();
  return stats.ok() ? stats->at("requests").as_int64() : -1;
}

TEST(AtlassianPeerCatalog, IsAValidProvidersFile) {
  std::string json =
      AtlassianPeer::CatalogJsonFor("http://127.0.0.1:1001", "http://127.0.0.1:1002",
                                    "http://127.0.0.1:1000", "http://127.0.0.1:1003");
  auto catalog = catalog::ParseCatalog(json, "atlassian_peer");
  ASSERT_TRUE(catalog.ok()) << catalog.status() << "\n" << json;
  const auto* jira = catalog->Find("jira");
  const auto* confluence = catalog->Find("confluence");
  ASSERT_NE(jira, nullptr);
  ASSERT_NE(confluence, nullptr);
  EXPECT_EQ(jira->api_base_url, "http://127.0.0.1:1001/ex/jira/{cloudId}");
  EXPECT_EQ(confluence->api_base_url, "http://127.0.0.1:1002/ex/confluence/{cloudId}");
  ASSERT_TRUE(jira->oauth.has_value());
  EXPECT_EQ(jira->oauth->token_url, "http://127.0.0.1:1003/token");
  ASSERT_EQ(confluence->post_connect.size(), 1u);
  EXPECT_EQ(confluence->post_connect[0].url,
            "http://127.0.0.1:1000/oauth/token/accessible-resources");
  EXPECT_EQ(confluence->post_connect[0].scope_contains, "confluence");
}

TEST(AtlassianPeer, ServesBothProductsThroughValidatingPrism) {
  if (!AtlassianPeer::Installed()) {
    GTEST_SKIP() << "tests/peers/node_modules has no @stoplight/prism-cli: run `npm ci` in "
                    "tests/peers (scripts/setup.sh and scripts/test.sh do)";
  }
  auto started = AtlassianPeer::Start({{"ATL_BEARER_TOKENS", kBearer}});
  ASSERT_TRUE(started.ok()) << started.status();
  const AtlassianPeer& peer = **started;
  const std::string basic = "Authorization: " + AtlassianPeer::BasicAuthorization();
  const std::string bearer = std::string("Authorization: Bearer ") + kBearer;
  const std::vector<std::string> basic_headers = {basic, "Accept: application/json"};

  {
    SCOPED_TRACE("Jira projects, Basic auth, offset paging over two pages");
    TestResponse page1 =
        Fetch("GET", peer.jira_url() + "/rest/api/3/project/search?maxResults=4", basic_headers);
    ASSERT_EQ(page1.status, 200) << page1.body;
    EXPECT_FALSE(page1.headers.Has("sl-violations")) << *page1.headers.Get("sl-violations");
    boost::json::object p1 = Json(page1).as_object();
    EXPECT_EQ(p1.at("total").as_int64(), 7);
    EXPECT_EQ(p1.at("startAt").as_int64(), 0);
    EXPECT_FALSE(p1.at("isLast").as_bool());
    ASSERT_EQ(p1.at("values").as_array().size(), 4u);
    std::string next(p1.at("nextPage").as_string());
    ASSERT_EQ(next.rfind(peer.jira_url(), 0), 0u) << next;  // followable, through Prism

    TestResponse page2 = Fetch("GET", next, basic_headers);
    ASSERT_EQ(page2.status, 200) << page2.body;
    boost::json::object p2 = Json(page2).as_object();
    EXPECT_EQ(p2.at("startAt").as_int64(), 4);
    EXPECT_TRUE(p2.at("isLast").as_bool());
    EXPECT_FALSE(p2.contains("nextPage"));
    std::set<std::string> keys;
    for (const auto* page : {&p1, &p2}) {
      for (const auto& project : page->at("values").as_array()) {
        keys.emplace(project.as_object().at("key").as_string());
      }
    }
    EXPECT_EQ(keys, (std::set<std::string>{"DATA", "ENG", "HR", "MKT", "OPS", "SEC", "SUP"}));
  }

  {
    SCOPED_TRACE("Jira search/jql, token paging, page 1 and 2");
    const std::string base = peer.jira_url() + "/rest/api/3/search/jql?jql=" +
                             Encode("project = \"ENG\" ORDER BY updated DESC") +
                             "&fields=summary,updated,status&maxResults=50";
    TestResponse first = Fetch("GET", base, basic_headers);
    ASSERT_EQ(first.status, 200) << first.body;
    boost::json::object r1 = Json(first).as_object();
    ASSERT_EQ(r1.at("issues").as_array().size(), 50u);
    EXPECT_FALSE(r1.at("isLast").as_bool());
    std::string token(r1.at("nextPageToken").as_string());
    TestResponse second = Fetch("GET", base + "&nextPageToken=" + Encode(token), basic_headers);
    ASSERT_EQ(second.status, 200) << second.body;
    boost::json::object r2 = Json(second).as_object();
    ASSERT_EQ(r2.at("issues").as_array().size(), 50u);
    std::set<std::string> keys;
    for (const auto* r : {&r1, &r2}) {
      for (const auto& issue : r->at("issues").as_array()) {
        keys.emplace(issue.as_object().at("key").as_string());
      }
    }
    EXPECT_EQ(keys.size(), 100u);
    EXPECT_GE(Updated(r1.at("issues").as_array().back()),
              Updated(r2.at("issues").as_array().front()));
  }

  {
    SCOPED_TRACE("a request violating Confluence's spec is rejected by Prism, not forwarded");
    std::int64_t before = Requests(peer);
    TestResponse bad =
        Fetch("GET", peer.confluence_url() + "/wiki/api/v2/pages/abc", basic_headers);
    EXPECT_EQ(bad.status, 422) << bad.body;
    EXPECT_NE(bad.body.find("must be integer"), std::string::npos) << bad.body;
    EXPECT_EQ(Requests(peer), before);
    TestResponse good =
        Fetch("GET", peer.confluence_url() + "/wiki/api/v2/pages/1000001?body-format=storage",
              basic_headers);
    EXPECT_EQ(good.status, 200) << good.body;
    EXPECT_EQ(Requests(peer), before + 1);
  }

  {
    SCOPED_TRACE("an injected 429 is served once, with Retry-After, through Prism");
    auto fault = peer.Control("POST", "/__test/faults",
                              R"({"path_prefix": "/rest/api/3/myself", "status": 429, "count": 1,
                                  "headers": {"Retry-After": "1"}})");
    ASSERT_TRUE(fault.ok()) << fault.status();
    const std::string url = peer.JiraGatewayUrl() + "/rest/api/3/myself";
    TestResponse limited = Fetch("GET", url, {bearer});
    EXPECT_EQ(limited.status, 429) << limited.body;
    EXPECT_EQ(limited.headers.Get("Retry-After").value_or(""), "1");
    TestResponse ok = Fetch("GET", url, {bearer});
    EXPECT_EQ(ok.status, 200) << ok.body;
    EXPECT_NE(ok.body.find(kAtlassianAccountId), std::string::npos);
    auto stats = peer.Stats();
    ASSERT_TRUE(stats.ok()) << stats.status();
    EXPECT_EQ(stats->at("faults_served").as_int64(), 1);
  }

  {
    SCOPED_TRACE("OAuth post-connect: accessible-resources on the fake");
    TestResponse sites = Fetch("GET", peer.AccessibleResourcesUrl(), {bearer});
    ASSERT_EQ(sites.status, 200) << sites.body;
    boost::json::array list = Json(sites).as_array();
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].as_object().at("id").as_string(), kAtlassianCloudId);
    TestResponse unknown = Fetch(
        "GET",
        peer.ConfluenceGatewayUrl("00000000-0000-4000-8000-000000000000") + "/wiki/api/v2/spaces",
        {bearer});
    EXPECT_EQ(unknown.status, 404) << unknown.body;
  }
  ASSERT_TRUE(peer.Reset().ok());
}

}  // namespace
}  // namespace ucf::testing
