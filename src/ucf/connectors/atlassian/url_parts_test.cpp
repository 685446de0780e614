#include "ucf/connectors/atlassian/url_parts.hpp"

#include <optional>
#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace ucf::connectors::atlassian {
namespace {

TEST(UrlPartsTest, EncodePathSegment) {
  EXPECT_EQ(EncodePathSegment("PROJ-1"), "PROJ-1");
  EXPECT_EQ(EncodePathSegment("a b/../c?d#e%"), "a%20b%2F..%2Fc%3Fd%23e%25");
  EXPECT_EQ(EncodePathSegment("ë"), "%C3%AB");
  // Dot segments stay one segment: "/issue/.." must not become "/" (issue 9, hole 8).
  EXPECT_EQ(EncodePathSegment(".."), "%2E%2E");
  EXPECT_EQ(EncodePathSegment("."), "%2E");
  EXPECT_EQ(EncodePathSegment("..."), "...");
}

TEST(UrlPartsTest, EncodeQuery) {
  EXPECT_EQ(EncodeQuery({}), "");
  EXPECT_EQ(EncodeQuery({{"jql", R"(project = "A&B")"}, {"maxResults", "5"}}),
            "?jql=project%20%3D%20%22A%26B%22&maxResults=5");
}

TEST(UrlPartsTest, QueryParam) {
  EXPECT_EQ(QueryParam("/wiki/api/v2/spaces?limit=2&cursor=a%2Bb", "cursor"), "a+b");
  EXPECT_EQ(QueryParam("https://x.test/p?cursor=a+b", "cursor"), "a+b");
  EXPECT_EQ(QueryParam("/p?cursor", "cursor"), "");
  EXPECT_FALSE(QueryParam("/p?limit=2", "cursor").has_value());
  // Regression (provider_mapping_fuzz): an empty query crashed Boost.URL 1.81's params iterator.
  EXPECT_FALSE(QueryParam("/wiki/api/v2/pages?#cursor=abc", "cursor").has_value());
  EXPECT_FALSE(QueryParam("/p?", "cursor").has_value());
  EXPECT_FALSE(QueryParam("https://x.test/p?#", "cursor").has_value());
  EXPECT_FALSE(QueryParam("/p?x=%zz", "cursor").has_value());
}

TEST(UrlPartsTest, OriginAndSite) {
  EXPECT_EQ(Origin("HTTPS://Acme.Atlassian.net:8443/x?y"), "https://acme.atlassian.net:8443");
  EXPECT_FALSE(Origin("/relative").has_value());
  EXPECT_FALSE(Origin("ftp://x.test/").has_value());
  EXPECT_EQ(SiteFromSelf("https://acme.atlassian.net/rest/api/3/issue/10000"),
            "https://acme.atlassian.net");
  EXPECT_FALSE(
      SiteFromSelf("https://api.atlassian.com/ex/jira/abc/rest/api/3/issue/1").has_value());
  EXPECT_FALSE(SiteFromSelf("").has_value());
}

// SiteFromSelf reuses the last origin it found (per thread) only for the very same authority:
// a longer host, a port, another scheme or the gateway after it are each parsed on their own.
TEST(UrlPartsTest, SiteFromSelfReusesOnlyTheSameAuthority) {
  const std::pair<std::string, std::optional<std::string>> in_order[] = {
      {"https://Acme.atlassian.net/rest/api/3/issue/1", "https://acme.atlassian.net"},
      {"https://Acme.atlassian.net/rest/api/3/issue/2", "https://acme.atlassian.net"},
      {"https://Acme.atlassian.net.evil.test/rest/api/3/issue/3", "https://acme.atlassian.net.evil.test"},
      {"https://Acme.atlassian.net.evil.test/x", "https://acme.atlassian.net.evil.test"},
      {"https://Acme.atlassian.net.evil.test:8443/x", "https://acme.atlassian.net.evil.test:8443"},
      {"http://Acme.atlassian.net.evil.test:8443/x", "http://acme.atlassian.net.evil.test:8443"},
      {"https://api.atlassian.com/ex/jira/abc/rest/api/3/issue/1", std::nullopt},
      {"https://api.atlassian.com/ex/jira/abc/rest/api/3/issue/2", std::nullopt},
      {"https://Acme.atlassian.net", "https://acme.atlassian.net"},
      {"ftp://Acme.atlassian.net/x", std::nullopt},
      {"https://acme.atlassian.net/rest/api/3/issue/4", "https://acme.atlassian.net"},
  };
  for (const auto& [url, site] : in_order) EXPECT_EQ(SiteFromSelf(url), site) << url;
}

}  // namespace
}  // namespace ucf::connectors::atlassian
