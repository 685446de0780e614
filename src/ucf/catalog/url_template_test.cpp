#include "ucf/catalog/url_template.hpp"

#include <gtest/gtest.h>

#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::catalog {
namespace {

constexpr std::string_view kSalesforceToken =
    "https://{myDomain}.my.salesforce.com/services/oauth2/token";

TEST(UrlTemplate, PlaceholdersInOrder) {
  auto names = TemplatePlaceholders("https://{a}.example.com/x/{b}?q={c}&r={a}");
  ASSERT_TRUE(names.ok()) << names.status();
  EXPECT_EQ(*names, (std::vector<std::string>{"a", "b", "c", "a"}));
}

TEST(UrlTemplate, RejectsMalformedTemplates) {
  const char* bad[] = {
      "example.com/{a}",                 // not absolute
      "{scheme}://example.com",          // placeholder in the scheme
      "https://user:{pw}@example.com/",  // user info
      "https://example.com:{port}/",     // port
      "https://example.com/#{frag}",     // fragment
      "https://example.com/{a",          // unclosed
      "https://example.com/a}",          // unmatched
      "https://example.com/{}",          // empty name
      "https://example.com/{1a}",        // bad name
      "ftp://example.com/{a}",           // scheme
  };
  for (const char* t : bad) {
    EXPECT_EQ(TemplatePlaceholders(t).status().code(), absl::StatusCode::kInvalidArgument) << t;
  }
}

TEST(UrlTemplate, HostValueMustBeDnsLabels) {
  EXPECT_EQ(*ExpandUrlTemplate(kSalesforceToken, {{"myDomain", "acme"}}),
            "https://acme.my.salesforce.com/services/oauth2/token");
  EXPECT_EQ(*ExpandUrlTemplate(kSalesforceToken, {{"myDomain", "acme--uat.sandbox"}}),
            "https://acme--uat.sandbox.my.salesforce.com/services/oauth2/token");
  // Anything that could move the request to another host is refused, whatever the pattern.
  for (const char* evil :
       {"evil.com/", "evil.com#", "evil.com?", "evil.com:443", "a@evil.com", "evil.com\\", "-acme",
        "acme-", "a..b", "", " acme", "acme%2F", "évil"}) {
    auto r = ExpandUrlTemplate(kSalesforceToken, {{"myDomain", evil}});
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << evil;
  }
}

TEST(UrlTemplate, PathAndQueryValuesArePercentEncoded) {
  auto url = ExpandUrlTemplate("https://api.example.com/ex/{cloudId}/x?site={site}",
                               {{"cloudId", "a/b c?d#e"}, {"site", "x&y=z+w"}});
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(*url, "https://api.example.com/ex/a%2Fb%20c%3Fd%23e/x?site=x%26y%3Dz%2Bw");
  EXPECT_FALSE(ExpandUrlTemplate("https://api.example.com/ex/{id}", {{"id", ".."}}).ok());
  EXPECT_FALSE(ExpandUrlTemplate("https://api.example.com/ex/{id}", {{"id", "."}}).ok());
}

TEST(UrlTemplate, MissingValueNamesThePlaceholder) {
  auto r = ExpandUrlTemplate(kSalesforceToken, {});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(core::Contains(core::ToStd(r.status().message()), "myDomain"));
}

TEST(UrlTemplate, ValidateUrlParamsAgainstTheSpec) {
  auto catalog = BuiltinCatalog();
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  const ProviderSpec& sf = *catalog->Find("salesforce");
  EXPECT_TRUE(ValidateUrlParams(sf, {{"myDomain", "acme"}, {"apiVersion", "v62.0"}}).ok());
  EXPECT_TRUE(ValidateUrlParams(sf, {{"myDomain", "acme--uat.sandbox"}, {"apiVersion", "v62.0"}}).ok());
  absl::Status no_version = ValidateUrlParams(sf, {{"myDomain", "acme"}});
  EXPECT_EQ(core::GetDetails(no_version)->at("field").as_string(), "urlParams.apiVersion");

  absl::Status missing = ValidateUrlParams(sf, {});
  EXPECT_EQ(missing.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(core::GetDetails(missing)->at("field").as_string(), "urlParams.myDomain");

  absl::Status bad = ValidateUrlParams(sf, {{"myDomain", "evil.com"}});
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  absl::Status unknown = ValidateUrlParams(sf, {{"myDomain", "acme"}, {"apiVersion", "v62.0"}, {"host", "x"}});
  EXPECT_EQ(core::GetDetails(unknown)->at("field").as_string(), "urlParams.host");

  const ProviderSpec& jira = *catalog->Find("jira");
  EXPECT_TRUE(ValidateUrlParams(jira, {}).ok());  // "site" is optional
  EXPECT_TRUE(ValidateUrlParams(jira, {{"site", "acme.atlassian.net"}}).ok());
  EXPECT_FALSE(ValidateUrlParams(jira, {{"site", "acme.atlassian.net/evil"}}).ok());
}

}  // namespace
}  // namespace ucf::catalog
