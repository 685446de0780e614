#include "ucf/catalog/provider_catalog.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "ucf/catalog/url_template.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::catalog {
namespace {

std::string Message(const absl::Status& s) { return std::string(core::ToStd(s.message())); }

// A minimal valid provider with `patch` spliced into its object.
std::string Doc(std::string_view patch, std::string_view oauth_patch = "") {
  return core::StrCat(R"({"providers": [{"id": "acme", "displayName": "Acme",
    "authMethods": ["oauth2"], )",
                      patch, R"( "oauth": {"authorizeUrl": "https://id.acme.test/authorize",
    "tokenUrl": "https://id.acme.test/token")",
                      oauth_patch, "}}]}");
}

TEST(ProviderCatalog, CheckedInFileParsesAndMatchesTheBuiltinCopy) {
  auto file = LoadCatalog(std::string(UCF_SOURCE_DIR) + "/config/providers.json");
  ASSERT_TRUE(file.ok()) << file.status();
  auto builtin = BuiltinCatalog();
  ASSERT_TRUE(builtin.ok()) << builtin.status();
  ASSERT_EQ(file->size(), builtin->size());
  for (const char* id : {"jira", "confluence", "salesforce", "github"}) {
    ASSERT_NE(builtin->Find(id), nullptr) << id;
  }
}

TEST(ProviderCatalog, LocalOidcExampleParses) {
  auto example =
      LoadCatalog(std::string(UCF_SOURCE_DIR) + "/config/providers.local-oidc.example.json");
  ASSERT_TRUE(example.ok()) << example.status();
  const ProviderSpec* p = example->Find("oidc_local");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(*p->oauth->revoke_url, "http://127.0.0.1:4010/token/revocation");
}

TEST(ProviderCatalog, AtlassianEntries) {
  auto catalog = BuiltinCatalog();
  ASSERT_TRUE(catalog.ok());
  for (const char* id : {"jira", "confluence"}) {
    const ProviderSpec& p = *catalog->Find(id);
    ASSERT_TRUE(p.oauth.has_value());
    EXPECT_EQ(p.oauth->authorize_url, "https://auth.atlassian.com/authorize");
    EXPECT_EQ(p.oauth->token_url, "https://auth.atlassian.com/oauth/token");
    EXPECT_FALSE(p.oauth->pkce);
    EXPECT_FALSE(p.oauth->revoke_url.has_value());
    EXPECT_EQ(p.oauth->extra_authorize_params,
              (std::vector<std::pair<std::string, std::string>>{{"audience", "api.atlassian.com"},
                                                                {"prompt", "consent"}}));
    EXPECT_NE(
        std::find(p.oauth->default_scopes.begin(), p.oauth->default_scopes.end(), "offline_access"),
        p.oauth->default_scopes.end());
    ASSERT_EQ(p.post_connect.size(), 1u);
    EXPECT_EQ(p.post_connect[0].type, "atlassian_accessible_resources");
    EXPECT_EQ(p.post_connect[0].scope_contains, id);
    EXPECT_EQ(*ExpandUrlTemplate(p.api_base_url, {{"cloudId", "c-1"}}),
              core::StrCat("https://api.atlassian.com/ex/", id, "/c-1"));
    EXPECT_EQ(p.rate_limit.reset_format, "iso8601");
  }
}

TEST(ProviderCatalog, SalesforceAndGithubEntries) {
  auto catalog = BuiltinCatalog();
  ASSERT_TRUE(catalog.ok());
  const ProviderSpec& sf = *catalog->Find("salesforce");
  EXPECT_TRUE(sf.oauth->pkce);
  EXPECT_EQ(*ExpandUrlTemplate(sf.oauth->authorize_url, {{"myDomain", "acme"}}),
            "https://acme.my.salesforce.com/services/oauth2/authorize");
  EXPECT_EQ(*ExpandUrlTemplate(*sf.oauth->revoke_url, {{"myDomain", "acme"}}),
            "https://acme.my.salesforce.com/services/oauth2/revoke");
  EXPECT_EQ(sf.oauth->token_response.keep_fields.front(), "instance_url");
  ASSERT_EQ(sf.url_params.size(), 2u);
  EXPECT_TRUE(sf.url_params[0].Matches("acme"));
  EXPECT_FALSE(sf.url_params[0].Matches("acme.evil.com"));
  // The API base is the My Domain with the chosen REST version (never the token's instance_url).
  EXPECT_EQ(sf.url_params[1].name, "apiVersion");
  for (const char* good : {"v55.0", "v62.0", "v99.0"}) EXPECT_TRUE(sf.url_params[1].Matches(good)) << good;
  for (const char* bad : {"62.0", "v54.0", "v62.1", "v62.0/..", "v100.0", ""}) EXPECT_FALSE(sf.url_params[1].Matches(bad)) << bad;
  EXPECT_EQ(*ExpandUrlTemplate(sf.api_base_url, {{"myDomain", "acme"}, {"apiVersion", "v62.0"}}),
            "https://acme.my.salesforce.com/services/data/v62.0");

  const ProviderSpec& gh = *catalog->Find("github");
  EXPECT_EQ(gh.oauth->authorize_url, "https://github.com/login/oauth/authorize");
  EXPECT_EQ(gh.oauth->token_url, "https://github.com/login/oauth/access_token");
  EXPECT_FALSE(gh.oauth->refresh_tokens);
  EXPECT_EQ(gh.oauth->default_scopes, std::vector<std::string>{"repo"});
  EXPECT_EQ(gh.oauth->client_auth, ClientAuth::kPost);
}

TEST(ProviderCatalog, DefaultsOfAMinimalEntry) {
  auto catalog = ParseCatalog(Doc(""), "test");
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  const ProviderSpec& p = *catalog->Find("acme");
  EXPECT_TRUE(p.oauth->pkce);
  EXPECT_EQ(p.oauth->client_auth, ClientAuth::kBasic);
  EXPECT_EQ(p.oauth->token_request_format, TokenRequestFormat::kForm);
  EXPECT_EQ(p.oauth->scope_separator, " ");
  EXPECT_EQ(p.oauth->token_response.expires_in_field, "expires_in");
  EXPECT_TRUE(p.oauth->refresh_tokens);
  EXPECT_EQ(p.rate_limit.retry_after_header, "Retry-After");
  EXPECT_EQ(catalog->Get("nope").status().code(), absl::StatusCode::kNotFound);
}

struct BadCase {
  std::string doc;
  std::string field;  // expected details.field
};

TEST(ProviderCatalog, ErrorsNameProviderAndField) {
  const BadCase cases[] = {
      {Doc(R"("color": "red",)"), "color"},
      {Doc("", R"(, "pkce": "yes")"), "oauth.pkce"},
      {Doc("", R"(, "clientAuth": "jwt")"), "oauth.clientAuth"},
      {Doc("", R"(, "tokenRequestFormat": "xml")"), "oauth.tokenRequestFormat"},
      {Doc("", R"(, "revokeUrl": "not a url")"), "oauth.revokeUrl"},
      {Doc("", R"(, "extraAuthorizeParams": {"state": "x"})"), "oauth.extraAuthorizeParams.state"},
      {Doc("", R"(, "extraAuthorizeParams": {"prompt": 1})"), "oauth.extraAuthorizeParams.prompt"},
      {Doc(R"("apiBaseUrl": "https://{tenantHost}/api",)"), "apiBaseUrl"},
      {Doc(R"("urlParams": [{"name": "x", "pattern": "(["}],)"), "urlParams[0].pattern"},
      {Doc(R"("urlParams": [{"name": "x", "pattern": "^a$", "example": "b"}],)"),
       "urlParams[0].example"},
      {Doc(R"("urlParams": [{"name": "x", "pattern": "^a$", "required": false}],
               "apiBaseUrl": "https://x.test/", "postConnect": [{"type": "atlassian_accessible_resources",
               "url": "https://{x}.test/r"}],)"),
       "postConnect[0].url"},
      {Doc(R"("postConnect": [{"type": "magic", "url": "https://x.test"}],)"),
       "postConnect[0].type"},
      {Doc(R"("rateLimit": {"resetHeader": "X-Reset"},)"), "rateLimit.resetFormat"},
      {R"({"providers": [{"id": "acme", "displayName": "Acme", "authMethods": ["oauth2"]}]})",
       "oauth"},
      {R"({"providers": [{"id": "Acme!", "displayName": "A", "authMethods": ["api_key"]}]})", "id"},
      {R"({"providers": [{"id": "a", "displayName": "A", "authMethods": ["magic"]}]})",
       "authMethods"},
      {R"({"providers": [{"id": "a", "displayName": "A", "authMethods": ["api_key"]},
                         {"id": "a", "displayName": "B", "authMethods": ["api_key"]}]})",
       "id"},
      {R"({"providers": {}})", "providers"},
      {R"({"version": 2, "providers": []})", "version"},
  };
  for (const BadCase& c : cases) {
    auto r = ParseCatalog(c.doc, "extra.json");
    ASSERT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << c.doc;
    auto details = core::GetDetails(r.status());
    ASSERT_TRUE(details.has_value());
    EXPECT_EQ(details->at("field").as_string(), c.field) << Message(r.status());
    EXPECT_TRUE(core::Contains(Message(r.status()), "provider catalog extra.json"))
        << Message(r.status());
    EXPECT_TRUE(core::Contains(Message(r.status()), c.field)) << Message(r.status());
  }
  auto r = ParseCatalog(Doc("", R"(, "pkce": "yes")"), "extra.json");
  EXPECT_EQ(Message(r.status()),
            "provider catalog extra.json: provider \"acme\": oauth.pkce: must be true or false");
  EXPECT_FALSE(ParseCatalog("{not json", "x").ok());
}

TEST(ProviderCatalog, TemplateParamsMustBeDeclaredAndRequired) {
  auto undeclared =
      ParseCatalog(Doc("", R"(, "revokeUrl": "https://{region}.acme.test/revoke")"), "x");
  EXPECT_TRUE(core::Contains(Message(undeclared.status()), "{region}"));
  auto optional = ParseCatalog(
      Doc(R"("urlParams": [{"name": "region", "pattern": "^[a-z]+$", "required": false}],)",
          R"(, "revokeUrl": "https://{region}.acme.test/revoke")"),
      "x");
  EXPECT_TRUE(core::Contains(Message(optional.status()), "must be required"));
}

TEST(ProviderCatalog, MergeAddsAndReplacesWholeEntries) {
  auto base = BuiltinCatalog();
  ASSERT_TRUE(base.ok());
  auto extra = ParseCatalog(R"({"providers": [
      {"id": "github", "displayName": "GitHub Enterprise", "authMethods": ["personal_token"]},
      {"id": "local", "displayName": "Local OIDC", "authMethods": ["oauth2"],
       "oauth": {"authorizeUrl": "http://127.0.0.1:9999/auth", "tokenUrl": "http://127.0.0.1:9999/token",
                 "revokeUrl": "http://127.0.0.1:9999/token/revocation"}}]})",
                            "extra");
  ASSERT_TRUE(extra.ok()) << extra.status();
  ProviderCatalog merged = Merge(*base, *extra);
  EXPECT_EQ(merged.size(), base->size() + 1);
  EXPECT_EQ(merged.Find("github")->display_name, "GitHub Enterprise");
  EXPECT_FALSE(merged.Find("github")->oauth.has_value());
  EXPECT_EQ(merged.Find("local")->oauth->token_url, "http://127.0.0.1:9999/token");
  EXPECT_EQ(merged.providers().front().id, "jira");  // base order kept
  EXPECT_EQ(merged.providers().back().id, "local");
}

TEST(ProviderCatalog, LoadCatalogFromAFile) {
  std::filesystem::path path = std::filesystem::path(::testing::TempDir()) / "ucf_providers.json";
  {
    std::ofstream out(path);
    out << Doc("");
  }
  auto loaded = LoadCatalog(path.string());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_NE(loaded->Find("acme"), nullptr);
  std::filesystem::remove(path);
  EXPECT_EQ(LoadCatalog(path.string()).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace ucf::catalog
