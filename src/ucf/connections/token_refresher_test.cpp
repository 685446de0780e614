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
  // A long-lived token (obtained an hour ago) that expires `in` from now.
  storage::ConnectionRecord SeedExpiringIn(std::chrono::seconds in,
                                           std::string connector = "acme",
                                           const std::string& tenant = "a") {
    core::TimePoint now = clock_.Now();
    clock_.Set(now - std::chrono::hours(1));
    auto c = SeedConnection(tenant, connector, "at-old", "rt-old", now + in);
    clock_.Set(now);
    return c;
  }
  // Whether a write of tenant "b" (creating a connection) finishes within `limit`; `db` is the
  // instance to write through.
  static bool QuickWrite(storage::Database& db, std::chrono::milliseconds limit, int n) {
    auto started = std::chrono::steady_clock::now();
    storage::ConnectionRecord c;
    c.tenant_id = "b";
    c.connector_id = "acme";
    c.name = core::StrCat("quick-", n);
    c.auth_method = "oauth2";
    absl::Status s = db.Transact(storage::TxMode::kWrite, [&](storage::Session& session) {
      return session.connections().Create(c).status();
    });
    EXPECT_TRUE(s.ok()) << s;
    return s.ok() && std::chrono::steady_clock::now() - started < limit;
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
  // The application subscribed to connection.needs_reauth: the refresh path tells it too.
  storage::WebhookSubscriptionRecord sub;
  sub.tenant_id = "a";
  sub.url = "https://app.example.com/hook";
  sub.secret = "whsec_test";
  sub.events = {"connection.needs_reauth", "connection.recovered"};
  ASSERT_TRUE(db_->Transact(storage::TxMode::kWrite, [&](storage::Session& s) {
                   return s.webhook_subscriptions().Create(sub).status();
                 }).ok());
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
  std::vector<storage::WebhookDeliveryRecord> deliveries;
  ASSERT_TRUE(db_->Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
                   auto page = s.webhook_deliveries().List("a", std::nullopt, "", 10);
                   if (page.ok()) deliveries = page->items;
                   return page.status();
                 }).ok());
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].event, "connection.needs_reauth");
  EXPECT_EQ(deliveries[0].payload.at("data").at("connectionId").as_string(), c.id);

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

// Issue 9, hole 3: tokens living 30 s (below the 120 s margin) are refreshed once per expiry,
// half-way through their life, not on every call.
TEST_P(TokenRefresherTest, ShortLivedTokensAreRefreshedOncePerExpiry) {
  auto c = SeedConnection("a", "acme", "at-old", "rt-old", clock_.Now() + seconds(30));
  std::atomic<int> refreshes{0};
  http_.SetHandler(
      [&refreshes](const http::UpstreamRequest&) -> absl::StatusOr<http::UpstreamResponse> {
        int n = ++refreshes;
        std::this_thread::sleep_for(milliseconds(50));
        return JsonResponse(200, core::StrCat(R"({"access_token":"at-)", n,
                                              R"(","refresh_token":"rt-)", n,
                                              R"(","expires_in":30})"));
      });
  TokenRefresher& shared = refresher();
  auto burst = [&](const std::string& expected) {
    std::vector<std::thread> threads;
    for (int i = 0; i < 20; ++i) {
      threads.emplace_back([&] {
        auto token = shared.GetFreshAccessToken("a", c.id);
        ASSERT_TRUE(token.ok()) << token.status();
        EXPECT_EQ(token->access_token, expected);
      });
    }
    for (auto& t : threads) t.join();
  };
  burst("at-old");  // a fresh 30 s token is not "expiring within 120 s"
  EXPECT_EQ(refreshes.load(), 0);
  clock_.Advance(seconds(14));
  burst("at-old");
  EXPECT_EQ(refreshes.load(), 0);
  clock_.Advance(seconds(2));  // 14 s left: within half its lifetime
  burst("at-1");
  EXPECT_EQ(refreshes.load(), 1);
  burst("at-1");  // the new 30 s token is fresh again
  clock_.Advance(seconds(10));
  burst("at-1");
  EXPECT_EQ(refreshes.load(), 1);
  clock_.Advance(seconds(30));  // expired
  burst("at-2");
  EXPECT_EQ(refreshes.load(), 2);
  EXPECT_EQ(CurrentToken("a", c.id)->refresh_token, "rt-2");
}

// Issue 9, hole 4: the provider is called outside any transaction. While 8 refreshes hang at a
// stalled token endpoint, other tenants' writes finish at once — on SQLite (one writer) and on
// PostgreSQL with a pool of 4 connections.
TEST_P(TokenRefresherTest, AStalledTokenEndpointHoldsNoDatabaseConnection) {
  options_.max_connections = 4;
  std::unique_ptr<storage::Database> small = OpenSecondInstance();
  ASSERT_NE(small, nullptr);
  std::vector<storage::ConnectionRecord> connections;
  for (int i = 0; i < 8; ++i) {
    ConfigureClient("a", "acme");
    storage::ConnectionRecord c;
    c.tenant_id = "a";
    c.connector_id = "acme";
    c.name = core::StrCat("stalled-", i);
    c.auth_method = "oauth2";
    c.status = storage::ConnectionStatus::kConnected;
    c.config = {{"urlParams", {{"region", "eu1"}}}};
    auto stored = Write([&](storage::Session& s) { return s.connections().Create(c); });
    ASSERT_TRUE(stored.ok()) << stored.status();
    storage::TokenRecord t{.tenant_id = "a", .connection_id = stored->id, .access_token = "old",
                           .refresh_token = "rt", .expires_at = clock_.Now() - seconds(1)};
    ASSERT_TRUE(Write([&](storage::Session& s) { return s.tokens().Put(t).status(); }).ok());
    connections.push_back(*stored);
  }
  std::atomic<int> calls{0};
  http_.SetHandler(
      [&calls](const http::UpstreamRequest&) -> absl::StatusOr<http::UpstreamResponse> {
        ++calls;
        std::this_thread::sleep_for(seconds(3));
        return JsonResponse(200, R"({"access_token":"new","expires_in":3600})");
      });
  TokenRefresher stalled(*small, http_, clock_, catalog_, resolver_);
  std::vector<std::thread> threads;
  for (const auto& c : connections) {
    threads.emplace_back([&stalled, &c] {
      auto token = stalled.GetFreshAccessToken("a", c.id);
      EXPECT_TRUE(token.ok()) << token.status();
    });
  }
  // All 8 reach the provider at once (none waits for a database connection or lock).
  auto patience = std::chrono::steady_clock::now() + milliseconds(1500);
  while (calls.load() < 8 && std::chrono::steady_clock::now() < patience) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  EXPECT_EQ(calls.load(), 8);
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(QuickWrite(*small, milliseconds(1000), i)) << "write " << i << " waited";
  }
  for (auto& t : threads) t.join();
  for (const auto& c : connections) EXPECT_EQ(CurrentToken("a", c.id)->access_token, "new");
}

// Another instance holds the lease (here: one that died mid-refresh): callers wait without a
// transaction, and take over once the lease ran out — one provider call in all.
TEST_P(TokenRefresherTest, ALeaseLeftBehindIsTakenOverWhenItRunsOut) {
  auto c = SeedExpiringIn(seconds(-5));
  ASSERT_TRUE(Write([&](storage::Session& s) -> absl::Status {
                auto claimed = s.tokens().ClaimRefreshLease("a", c.id, 1, "dead-instance",
                                                            clock_.Now(), clock_.Now() + seconds(45));
                if (!claimed.ok()) return claimed.status();
                return *claimed ? absl::OkStatus() : absl::InternalError("not claimed");
              }).ok());
  std::atomic<int> refreshes{0};
  ServeRefreshes(refreshes, milliseconds(10));
  TokenRefresher& shared = refresher();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 10; ++i) {
    threads.emplace_back([&] {
      auto token = shared.GetFreshAccessToken("a", c.id);
      if (token.ok() && token->access_token == "at-new-1") ++ok;
    });
  }
  std::this_thread::sleep_for(milliseconds(300));
  EXPECT_EQ(refreshes.load(), 0);  // still waiting for the lease
  // Meanwhile the database serves writes.
  EXPECT_TRUE(QuickWrite(*db_, milliseconds(1000), 0));
  clock_.Advance(seconds(46));
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 10);
  EXPECT_EQ(refreshes.load(), 1);
  EXPECT_EQ(CurrentToken("a", c.id)->version, 2);
  EXPECT_FALSE(CurrentToken("a", c.id)->refresh_lease_until.has_value());
}

// A failed provider call gives the lease back at once: the next caller tries again.
TEST_P(TokenRefresherTest, AFailedRefreshReleasesItsLease) {
  auto c = SeedExpiringIn(seconds(-5));
  http_.EnqueueJson(503, "{}");
  EXPECT_EQ(refresher().GetFreshAccessToken("a", c.id).status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_FALSE(CurrentToken("a", c.id)->refresh_lease_until.has_value());
  http_.EnqueueJson(200, R"({"access_token":"at-2","expires_in":3600})");
  EXPECT_EQ(refresher().GetFreshAccessToken("a", c.id)->access_token, "at-2");
}

INSTANTIATE_TEST_SUITE_P(Engines, TokenRefresherTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineName);

}  // namespace
}  // namespace ucf::connections::test_support
