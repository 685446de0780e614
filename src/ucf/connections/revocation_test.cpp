#include "ucf/connections/revocation.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "ucf/auth/oauth/form_encoding.hpp"
#include "ucf/auth/oauth/oauth_test_support.hpp"
#include "ucf/connections/token_refresher.hpp"

namespace ucf::auth::oauth::test_support {
namespace {

using namespace ::ucf::connections;  // the lifecycle code under test

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

class RevocationTest : public OAuthTest {
 protected:
  Revoker& revoker() {
    if (!revoker_) revoker_ = std::make_unique<Revoker>(*db_, http_, clock_, catalog_, resolver_);
    return *revoker_;
  }
  audit::Actor actor_{"a", "key_a", "req-1", ""};
  std::unique_ptr<Revoker> revoker_;
};

TEST_P(RevocationTest, RevokesAtTheProviderThenLocally) {
  auto c = SeedConnection("a", "acme", "at-1", "rt-1", clock_.Now() + minutes(60));
  http_.EnqueueJson(200, "");
  http_.EnqueueJson(200, "");
  auto result = revoker().Revoke(actor_, c.id, "user left");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->provider_revocation, "revoked");
  EXPECT_EQ(result->connection.status, storage::ConnectionStatus::kRevoked);

  auto requests = http_.requests();
  ASSERT_EQ(requests.size(), 2u);
  for (const auto& r : requests) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.url, kRevokeUrl);
    EXPECT_EQ(r.headers.Get("Authorization"),
              "Basic " + core::Base64Encode("client-1:s3cr3t%2F%2B%26%3D+x"));
  }
  auto first = DecodeFormParams(requests[0].body);
  EXPECT_EQ(FindParam(*first, "token"), "rt-1");
  EXPECT_EQ(FindParam(*first, "token_type_hint"), "refresh_token");
  auto second = DecodeFormParams(requests[1].body);
  EXPECT_EQ(FindParam(*second, "token"), "at-1");
  EXPECT_EQ(FindParam(*second, "token_type_hint"), "access_token");

  EXPECT_EQ(CurrentToken("a", c.id).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Connection("a", c.id)->status, storage::ConnectionStatus::kRevoked);
  auto entry = AuditEntry("a", "connection.revoked");
  EXPECT_EQ(entry.actor, "key_a");
  EXPECT_EQ(entry.details.at("providerRevocation").as_string(), "revoked");
  EXPECT_EQ(entry.details.at("reason").as_string(), "user left");
  EXPECT_EQ(entry.details.at("previousStatus").as_string(), "connected");

  // Revoked connections hand out no token.
  TokenRefresher refresher(*db_, http_, clock_, catalog_, resolver_);
  EXPECT_EQ(refresher.GetFreshAccessToken("a", c.id).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// The refresher calls the provider outside any transaction (issue 9, hole 4): a revocation that
// arrives while that call is in flight waits for it, then revokes the token it stored.
TEST_P(RevocationTest, WaitsForARefreshInFlightAndRevokesWhatItStored) {
  auto c = SeedConnection("a", "acme", "at-1", "rt-1", clock_.Now() - minutes(1));
  std::atomic<bool> refreshing{false};
  http_.SetHandler([&](const http::UpstreamRequest& r) -> absl::StatusOr<http::UpstreamResponse> {
    auto form = DecodeFormParams(r.body);
    if (form.ok() && FindParam(*form, "grant_type") == "refresh_token") {
      refreshing = true;
      std::this_thread::sleep_for(milliseconds(800));
      return JsonResponse(200, R"({"access_token":"at-2","refresh_token":"rt-2","expires_in":60})");
    }
    return JsonResponse(200, "");
  });
  TokenRefresher refresher(*db_, http_, clock_, catalog_, resolver_);
  std::thread user([&] {
    auto token = refresher.GetFreshAccessToken("a", c.id);
    EXPECT_TRUE(token.ok()) << token.status();
  });
  while (!refreshing.load()) std::this_thread::sleep_for(milliseconds(5));
  auto result = revoker().Revoke(actor_, c.id, "");
  user.join();
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->provider_revocation, "revoked");
  auto requests = http_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(FindParam(*DecodeFormParams(requests[1].body), "token"), "rt-2");
  EXPECT_EQ(FindParam(*DecodeFormParams(requests[2].body), "token"), "at-2");
  EXPECT_EQ(CurrentToken("a", c.id).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Connection("a", c.id)->status, storage::ConnectionStatus::kRevoked);
}

TEST_P(RevocationTest, ProviderFailureIsAuditedButLocalRevocationHappens) {
  auto c = SeedConnection("a", "acme", "at-1", "rt-1", clock_.Now() + minutes(60));
  http_.EnqueueJson(503, R"({"error":"temporarily_unavailable"})");
  auto result = revoker().Revoke(actor_, c.id, "");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->provider_revocation, "failed");
  EXPECT_TRUE(core::Contains(result->provider_error, "temporarily_unavailable"));
  EXPECT_EQ(http_.request_count(), 1u);
  EXPECT_EQ(CurrentToken("a", c.id).status().code(), absl::StatusCode::kNotFound);
  auto entry = AuditEntry("a", "connection.revoked");
  EXPECT_EQ(entry.details.at("providerRevocation").as_string(), "failed");
  EXPECT_TRUE(entry.details.contains("providerError"));
  EXPECT_FALSE(core::Contains(AuditText("a"), "rt-1"));
}

TEST_P(RevocationTest, ProviderWithoutEndpointAndConnectionWithoutToken) {
  ConfigureClient("a", "jira");
  auto jira = SeedConnection("a", "jira", "at-1", "rt-1", std::nullopt);
  auto result = revoker().Revoke(actor_, jira.id, "");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->provider_revocation, "not_supported");
  EXPECT_EQ(http_.request_count(), 0u);

  // Again: no token left, still allowed and audited.
  auto again = revoker().Revoke(actor_, jira.id, "");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->provider_revocation, "no_token");
}

TEST_P(RevocationTest, ApiKeyConnectionSecretsAreWiped) {
  storage::ConnectionRecord c;
  c.tenant_id = "a";
  c.connector_id = "jira";
  c.name = "key";
  c.auth_method = "api_key";
  c.status = storage::ConnectionStatus::kConnected;
  c.secret_config = {{"apiToken", "ATATT-secret"}};
  auto stored = Write([&](storage::Session& s) { return s.connections().Create(c); });
  ASSERT_TRUE(stored.ok());
  auto result = revoker().Revoke(actor_, stored->id, "");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(Connection("a", stored->id)->secret_config.empty());
  EXPECT_EQ(result->provider_revocation, "no_token");
}

TEST_P(RevocationTest, OtherTenantsConnectionIsNotFound) {
  auto c = SeedConnection("a", "acme", "at-1", "rt-1", std::nullopt);
  audit::Actor other{"b", "key_b", "", ""};
  EXPECT_EQ(revoker().Revoke(other, c.id, "").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(http_.request_count(), 0u);
  EXPECT_EQ(Connection("a", c.id)->status, storage::ConnectionStatus::kConnected);
  EXPECT_TRUE(CurrentToken("a", c.id).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, RevocationTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineName);

}  // namespace
}  // namespace ucf::connections::test_support
