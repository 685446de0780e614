#include "ucf/auth/oauth/token_response.hpp"

#include <gtest/gtest.h>

#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::auth::oauth {
namespace {

using std::chrono::seconds;

class TokenResponseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto catalog = catalog::BuiltinCatalog();
    ASSERT_TRUE(catalog.ok());
    catalog_ = *catalog;
  }
  absl::StatusOr<TokenResponse> Parse(std::string_view provider, int status, std::string body,
                                      std::string content_type = "application/json") {
    http::UpstreamResponse r;
    r.status = status;
    if (!content_type.empty()) r.headers.Set("Content-Type", content_type);
    r.body = std::move(body);
    return ParseTokenResponse(r, *catalog_.Find(provider), "authorization code", now_);
  }
  std::string Message(const absl::Status& s) { return std::string(core::ToStd(s.message())); }

  catalog::ProviderCatalog catalog_;
  core::TimePoint now_ = core::ParseRfc3339("2026-01-01T00:00:00Z").value();
};

TEST_F(TokenResponseTest, Rfc6749Success) {
  auto t = Parse("jira", 200,
                 R"({"access_token":"at","refresh_token":"rt","token_type":"bearer",
                     "expires_in":3600,"scope":"read:jira-work offline_access"})");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->access_token, "at");
  EXPECT_EQ(t->refresh_token, "rt");
  EXPECT_EQ(t->token_type, "Bearer");
  EXPECT_EQ(t->expires_in, 3600);
  EXPECT_EQ(t->expires_at, now_ + seconds(3600));
  EXPECT_EQ(*t->scopes, (std::vector<std::string>{"read:jira-work", "offline_access"}));
  EXPECT_TRUE(t->extras.empty());
}

TEST_F(TokenResponseTest, ExpiresInShapes) {
  struct Case {
    std::string json;
    std::optional<std::int64_t> want;
  } cases[] = {
      {R"("expires_in":"7200")", 7200},       {R"("expires_in":59.9)", 59},
      {R"("expires_in":0)", std::nullopt},    {R"("expires_in":-5)", std::nullopt},
      {R"("expires_in":null)", std::nullopt}, {R"("other":1)", std::nullopt},
  };
  for (const Case& c : cases) {
    auto t = Parse("jira", 200, core::StrCat(R"({"access_token":"at",)", c.json, "}"));
    ASSERT_TRUE(t.ok()) << c.json << " " << t.status();
    EXPECT_EQ(t->expires_in, c.want) << c.json;
    EXPECT_EQ(t->expires_at.has_value(), c.want.has_value());
  }
  EXPECT_EQ(Parse("jira", 200, R"({"access_token":"at","expires_in":"soon"})").status().code(),
            absl::StatusCode::kUnavailable);
}

TEST_F(TokenResponseTest, SalesforceKeepsInstanceUrlAndHasNoExpiry) {
  auto t = Parse("salesforce", 200,
                 R"({"access_token":"00Dxx!AQ","refresh_token":"5Aep","signature":"sig",
                     "instance_url":"https://acme.my.salesforce.com","id":"https://login/id/1",
                     "issued_at":"1700000000000","token_type":"Bearer","scope":"api refresh_token"})");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_FALSE(t->expires_at.has_value());
  EXPECT_EQ(t->extras.at("instance_url").as_string(), "https://acme.my.salesforce.com");
  EXPECT_EQ(t->extras.at("issued_at").as_string(), "1700000000000");
  EXPECT_FALSE(t->extras.contains("signature"));
}

TEST_F(TokenResponseTest, GithubFormEncodedAndCommaScopes) {
  auto t = Parse("github", 200, "access_token=gho_abc&scope=repo%2Cgist&token_type=bearer",
                 "application/x-www-form-urlencoded; charset=utf-8");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->access_token, "gho_abc");
  EXPECT_EQ(*t->scopes, (std::vector<std::string>{"repo", "gist"}));
  EXPECT_FALSE(t->refresh_token.has_value());
}

TEST_F(TokenResponseTest, OAuthErrorsEvenWithHttp200) {
  // GitHub answers a bad code with 200; Atlassian a bad refresh token with 403.
  auto gh = Parse(
      "github", 200,
      R"({"error":"bad_verification_code","error_description":"The code passed is incorrect or expired."})");
  EXPECT_EQ(gh.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(gh.status()),
            "GitHub rejected the authorization code: bad_verification_code: The code passed is "
            "incorrect or expired.");
  EXPECT_EQ(OAuthErrorOf(gh.status()), "bad_verification_code");

  auto atl =
      Parse("jira", 403,
            R"({"error":"invalid_grant","error_description":"Unknown or invalid refresh token."})");
  EXPECT_EQ(atl.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(OAuthErrorOf(atl.status()), "invalid_grant");
  auto details = core::GetDetails(atl.status());
  EXPECT_EQ(details->at("upstreamStatus").as_int64(), 403);
  EXPECT_EQ(details->at("provider").as_string(), "jira");
}

TEST_F(TokenResponseTest, ErrorDescriptionsAreScrubbed) {
  auto t = Parse(
      "jira", 400,
      R"({"error":"invalid_request","error_description":"bad refresh_token=AbCdEf123456 for client_secret=hunter2"})");
  std::string m = Message(t.status());
  EXPECT_FALSE(core::Contains(m, "AbCdEf123456")) << m;
  EXPECT_FALSE(core::Contains(m, "hunter2")) << m;
  EXPECT_TRUE(core::Contains(m, "invalid_request")) << m;
}

TEST_F(TokenResponseTest, NonOAuthFailures) {
  EXPECT_EQ(Parse("jira", 503, "<html>down</html>", "text/html").status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(Parse("jira", 429, "{}").status().code(), absl::StatusCode::kResourceExhausted);
  auto no_token = Parse("jira", 200, R"({"token_type":"bearer"})");
  EXPECT_EQ(no_token.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(core::Contains(Message(no_token.status()), "access_token is missing"));
  EXPECT_EQ(Parse("jira", 200, "<html>", "text/html").status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(OAuthErrorOf(absl::UnavailableError("x")), "");
}

TEST(SplitScopes, SpacesAndCommas) {
  EXPECT_EQ(SplitScopes(" a  b,c ,d "), (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_TRUE(SplitScopes("").empty());
}

}  // namespace
}  // namespace ucf::auth::oauth
