#include "ucf/connections/token_refresher.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "ucf/auth/oauth/form_encoding.hpp"
#include "ucf/auth/oauth/oauth_test_support.hpp"
#include "ucf/core/error_details.hpp"

namespace ucf::auth::oauth::test_support {
namespace {

using namespace ::ucf::connections;  // the lifecycle code under test

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

std::string Message(const absl::Status& s) { return std::string(core::ToStd(s.message())); }

class TokenRefresherTest : public OAuthTest {
 protected:
  TokenRefresher& refresher() {
    if (!refresher_) {
      refresher_ =
          std::make_unique<TokenRefresher>(*db_, http_, clock_, catalog_, resolver_,
                                           TokenRefresherOptions{.refresh_margin = seconds(120)});
    }
    return *refresher_;
  }
  storage::ConnectionRecord SeedExpiringIn(std::chrono::seconds in,
                                           std::string connector = "acme") {
    return SeedConnection("a", connector, "at-old", "rt-old", clock_.Now() + in);
  }
  // A thread-safe fake provider answering refreshes with rotated tokens, slowly.
  void ServeRefreshes(std::atomic<int>& count, milliseconds delay) {
    http_.SetHandler(
        [&count, delay](const http::UpstreamRequest&) -> absl::StatusOr<http::UpstreamResponse> {
          int n = ++count;
          std::this_thread::sleep_for(delay);
          return JsonResponse(
              200, core::StrCat(R"({"access_token":"at-new-)", n, R"(","refresh_token":"rt-new-)",
                                n, R"(","expires_in":3600,"token_type":"Bearer"})"));
        });
  }

  std::unique_ptr<TokenRefresher> refresher_;
};

TEST_P(TokenRefresherTest, FreshTokenIsReturnedWithoutCallingTheProvider) {
  auto c = SeedExpiringIn(minutes(60));
  auto token = refresher().GetFreshAccessToken("a", c.id);
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(token->access_token, "at-old");
  EXPECT_FALSE(token->refreshed);
  EXPECT_EQ(http_.request_count(), 0u);

  auto forever = SeedConnection("a", "github", "gho", std::nullopt, std::nullopt);
  EXPECT_EQ(refresher().GetFreshAccessToken("a", forever.id)->access_token, "gho");
  EXPECT_EQ(http_.request_count(), 0u);
}

TEST_P(TokenRefresherTest, RefreshesWithinTheMarginAndPersistsTheRotatedRefreshToken) {
  auto c = SeedExpiringIn(seconds(119));
  http_.EnqueueJson(200, R"({"access_token":"at-2","refresh_token":"rt-2","expires_in":3600,
                             "token_type":"bearer","scope":"read write","instance_url":"https://i2"})");
  auto token = refresher().GetFreshAccessToken("a", c.id);
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(token->access_token, "at-2");
  EXPECT_TRUE(token->refreshed);
  EXPECT_EQ(token->version, 2);
  EXPECT_EQ(token->expires_at, clock_.Now() + seconds(3600));

  ASSERT_EQ(http_.request_count(), 1u);
  http::UpstreamRequest req = http_.requests()[0];
  EXPECT_EQ(req.url, kTokenUrl);
  EXPECT_EQ(req.headers.Get("Authorization"),
            "Basic " + core::Base64Encode("client-1:s3cr3t%2F%2B%26%3D+x"));
  auto body = DecodeFormParams(req.body);
  EXPECT_EQ(FindParam(*body, "grant_type"), "refresh_token");
  EXPECT_EQ(FindParam(*body, "refresh_token"), "rt-old");

  auto stored = CurrentToken("a", c.id);
  EXPECT_EQ(stored->access_token, "at-2");
  EXPECT_EQ(stored->refresh_token, "rt-2");
  EXPECT_EQ(stored->scopes, (std::vector<std::string>{"read", "write"}));
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(Connection("a", c.id)->config.at("instance_url").as_string(), "https://i2");
  auto entry = AuditEntry("a", "token.refreshed");
  EXPECT_EQ(entry.actor, "system");
  EXPECT_EQ(entry.details.at("refreshTokenRotated").as_bool(), true);
  EXPECT_EQ(entry.details.at("version").as_int64(), 2);
  EXPECT_FALSE(core::Contains(AuditText("a"), "rt-2"));

  // Fresh now: no second call.
  EXPECT_EQ(refresher().GetFreshAccessToken("a", c.id)->access_token, "at-2");
  EXPECT_EQ(http_.request_count(), 1u);
}

TEST_P(TokenRefresherTest, KeepsTheRefreshTokenWhenTheProviderDoesNotRotate) {
  auto c = SeedExpiringIn(seconds(-10));
  http_.EnqueueJson(200, R"({"access_token":"at-2","expires_in":60})");
  ASSERT_TRUE(refresher().GetFreshAccessToken("a", c.id).ok());
  auto stored = CurrentToken("a", c.id);
  EXPECT_EQ(stored->refresh_token, "rt-old");
  EXPECT_EQ(stored->scopes, std::vector<std::string>{"read"});
  EXPECT_EQ(AuditEntry("a", "token.refreshed").details.at("refreshTokenRotated").as_bool(), false);
}

TEST_P(TokenRefresherTest, TwoHundredRacingThreadsCauseExactlyOneRefresh) {
  auto c = SeedExpiringIn(seconds(30));
  std::atomic<int> refreshes{0};
  ServeRefreshes(refreshes, milliseconds(100));
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  std::vector<std::string> seen(200);
  TokenRefresher& shared = refresher();  // built before the threads share it
  for (int i = 0; i < 200; ++i) {
    threads.emplace_back([&, i] {
      auto token = shared.GetFreshAccessToken("a", c.id);
      if (token.ok()) {
        ++ok;
        seen[i] = token->access_token;
      } else {
        seen[i] = std::string(core::ToStd(token.status().message()));
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(refreshes.load(), 1);
  EXPECT_EQ(ok.load(), 200);
  for (const std::string& s : seen) EXPECT_EQ(s, "at-new-1");
  auto stored = CurrentToken("a", c.id);
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(stored->refresh_token, "rt-new-1");
  EXPECT_EQ(AuditActions("a"), std::vector<std::string>{"token.refreshed"});
}

TEST_P(TokenRefresherTest, TwoInstancesRacingCauseExactlyOneRefresh) {
  auto c = SeedExpiringIn(seconds(30));
  std::unique_ptr<storage::Database> other_db = OpenSecondInstance();
  ASSERT_NE(other_db, nullptr);
  std::atomic<int> refreshes{0};
  ServeRefreshes(refreshes, milliseconds(100));
  TokenRefresher other(*other_db, http_, clock_, catalog_, resolver_);
  TokenRefresher& first = refresher();  // built before the threads share it
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 100; ++i) {
    threads.emplace_back([&, i] {
      TokenRefresher& r = i % 2 == 0 ? first : other;
      if (r.GetFreshAccessToken("a", c.id).ok()) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(refreshes.load(), 1);
  EXPECT_EQ(ok.load(), 100);
  EXPECT_EQ(CurrentToken("a", c.id)->version, 2);
}

TEST_P(TokenRefresherTest, InvalidGrantMarksTheConnectionNeedsReauth) {
  auto c = SeedExpiringIn(seconds(10));
  http_.EnqueueJson(400,
                    R"({"error":"invalid_grant","error_description":"refresh token revoked"})");
  auto token = refresher().GetFreshAccessToken("a", c.id);
  EXPECT_EQ(token.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(core::Contains(Message(token.status()), "reconnect")) << token.status();
  EXPECT_TRUE(core::Contains(Message(token.status()), "invalid_grant")) << token.status();
  EXPECT_EQ(core::GetDetails(token.status())->at("reason").as_string(), "needs_reauth");
  EXPECT_EQ(Connection("a", c.id)->status, storage::ConnectionStatus::kNeedsReauth);
  auto entry = AuditEntry("a", "token.refresh_failed");
  EXPECT_EQ(entry.outcome, "failure");
  EXPECT_EQ(entry.details.at("reason").as_string(), "invalid_grant");
  EXPECT_EQ(CurrentToken("a", c.id)->access_token, "at-old");  // nothing else changed

  // Later callers learn it without bothering the provider.
  auto again = refresher().GetFreshAccessToken("a", c.id);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(http_.request_count(), 1u);
}

TEST_P(TokenRefresherTest, AtlassianInvalidGrantWith403) {
  ConfigureClient("a", "jira");
  auto c = SeedExpiringIn(seconds(10), "jira");
  http_.EnqueueJson(
      403, R"({"error":"invalid_grant","error_description":"Unknown or invalid refresh token."})");
  auto token = refresher().GetFreshAccessToken("a", c.id);
  EXPECT_EQ(token.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Connection("a", c.id)->status, storage::ConnectionStatus::kNeedsReauth);
  ASSERT_EQ(http_.request_count(), 1u);
  EXPECT_EQ(http_.requests()[0].url, "https://auth.atlassian.com/oauth/token");
  EXPECT_EQ(http_.requests()[0].headers.Get("Content-Type"), "application/json");
}

TEST_P(TokenRefresherTest, TransientFailuresChangeNothing) {
  auto c = SeedExpiringIn(seconds(10));
  http_.EnqueueJson(503, "{}");
  http_.Enqueue(absl::UnavailableError("connection refused"));
  EXPECT_EQ(refresher().GetFreshAccessToken("a", c.id).status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(refresher().GetFreshAccessToken("a", c.id).status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(Connection("a", c.id)->status, storage::ConnectionStatus::kConnected);
  EXPECT_EQ(CurrentToken("a", c.id)->version, 1);
  EXPECT_TRUE(Audit("a").empty());
  http_.EnqueueJson(200, R"({"access_token":"at-2","expires_in":3600})");
  EXPECT_EQ(refresher().GetFreshAccessToken("a", c.id)->access_token, "at-2");
}

TEST_P(TokenRefresherTest, ForceRefreshAfterA401) {
  auto c = SeedExpiringIn(minutes(30));
  http_.EnqueueJson(200, R"({"access_token":"at-2","refresh_token":"rt-2","expires_in":3600})");
  auto forced = refresher().ForceRefresh("a", c.id, "at-old");
  ASSERT_TRUE(forced.ok()) << forced.status();
  EXPECT_EQ(forced->access_token, "at-2");
  EXPECT_TRUE(AuditEntry("a", "token.refreshed").details.at("forced").as_bool());
  // A caller still holding the old token gets the new one without another refresh.
  auto late = refresher().ForceRefresh("a", c.id, "at-old");
  EXPECT_EQ(late->access_token, "at-2");
  EXPECT_FALSE(late->refreshed);
  EXPECT_EQ(http_.request_count(), 1u);
}

TEST_P(TokenRefresherTest, ExpiredTokenWithoutRefreshTokenNeedsReauth) {
  auto c = SeedConnection("a", "acme", "at-old", std::nullopt, clock_.Now() + seconds(60));
  EXPECT_EQ(refresher().GetFreshAccessToken("a", c.id)->access_token, "at-old");  // still valid
  clock_.Advance(seconds(61));
  auto token = refresher().GetFreshAccessToken("a", c.id);
  EXPECT_EQ(token.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Connection("a", c.id)->status, storage::ConnectionStatus::kNeedsReauth);
  EXPECT_EQ(AuditEntry("a", "token.refresh_failed").details.at("reason").as_string(),
            "no_refresh_token");
  EXPECT_EQ(http_.request_count(), 0u);
}

TEST_P(TokenRefresherTest, OtherTenantsAndMissingTokens) {
  auto c = SeedExpiringIn(seconds(10));
  EXPECT_EQ(refresher().GetFreshAccessToken("b", c.id).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(refresher().ForceRefresh("b", c.id, "at-old").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(refresher().GetFreshAccessToken("a", "con_missing").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(http_.request_count(), 0u);
}

TEST_P(TokenRefresherTest, MissingClientIsAClearError) {
  auto c = SeedExpiringIn(seconds(10), "salesforce");
  auto token = refresher().GetFreshAccessToken("a", c.id);
  EXPECT_EQ(token.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(core::Contains(Message(token.status()), "no OAuth client")) << token.status();
  EXPECT_EQ(Connection("a", c.id)->status, storage::ConnectionStatus::kConnected);
}

INSTANTIATE_TEST_SUITE_P(Engines, TokenRefresherTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineName);

}  // namespace
}  // namespace ucf::connections::test_support
