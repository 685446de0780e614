// The OAuth suite against a real authorization server (oidc-provider, tests/peers/oidc): the
// whole connection life cycle over HTTP with the production CurlHttpClient, on SQLite and (when
// UCF_TEST_POSTGRES_URL is set) PostgreSQL.

#include "tests/support/oidc_peer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <thread>

#include "boost/json/parse.hpp"
#include "tests/support/scratch_database.hpp"
#include "ucf/auth/oauth/authorization_flow.hpp"
#include "ucf/connections/oauth_completion.hpp"
#include "ucf/auth/oauth/form_encoding.hpp"
#include "tests/support/mini_browser.hpp"
#include "ucf/connections/revocation.hpp"
#include "ucf/connections/token_refresher.hpp"
#include "ucf/auth/oauth/token_response.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/crypto/fernet.hpp"
#include "ucf/crypto/key_ring.hpp"
#include "ucf/http/client/curl_http_client.hpp"
#include "ucf/storage/open/open_database.hpp"

namespace ucf::testing {
namespace {

using namespace ::ucf::auth::oauth;   // the protocol
using namespace ::ucf::connections;   // the connection lifecycle built on it

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* kProvider = "oidc_local";

enum class Engine { kSqlite, kPostgres };

std::string EngineName(const ::testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::kSqlite ? "sqlite" : "postgresql";
}
// Lets gtest and ctest print "sqlite" / "postgresql" instead of raw bytes.
void PrintTo(Engine engine, std::ostream* os) {
  *os << (engine == Engine::kSqlite ? "sqlite" : "postgresql");
}


std::int64_t Stat(const OidcPeer& peer, const char* name) {
  auto stats = peer.Stats();
  EXPECT_TRUE(stats.ok()) << stats.status();
  return stats.ok() ? stats->at(name).as_int64() : -1;
}

class OidcPeerTest : public ::testing::TestWithParam<Engine> {
 protected:
  // Seconds the peer's access tokens live.
  virtual std::string AccessTokenTtl() const { return "2"; }

  void SetUp() override {
    if (!OidcPeer::Installed()) {
      GTEST_SKIP() << "tests/peers/node_modules is missing: run `npm ci` in tests/peers "
                      "(scripts/setup.sh and scripts/test.sh do)";
    }
    scratch_ = std::make_unique<ucf::testing::ScratchDatabase>(GetParam() == Engine::kPostgres,
                                                               "ucf_oidc_peer");
    if (!scratch_->skip_reason().empty()) GTEST_SKIP() << scratch_->skip_reason();
    ASSERT_TRUE(scratch_->error().empty()) << scratch_->error();
    options_ = scratch_->options();
    options_.max_connections = 16;

    auto peer = OidcPeer::Start({{"OIDC_ACCESS_TOKEN_TTL", AccessTokenTtl()}});
    ASSERT_TRUE(peer.ok()) << peer.status();
    peer_ = std::move(*peer);

    // The catalog as the server builds it: the built-in file plus a UCF_PROVIDERS_FILE.
    std::filesystem::path extra = std::filesystem::path(::testing::TempDir()) /
                                  core::StrCat("ucf_peer_providers_", ::getpid(), ".json");
    {
      std::ofstream out(extra);
      out << peer_->CatalogJson(kProvider) << "\n"
          << "";
    }
    auto base = catalog::BuiltinCatalog();
    ASSERT_TRUE(base.ok()) << base.status();
    auto loaded = catalog::LoadCatalog(extra.string());
    std::filesystem::remove(extra);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    catalog_ = catalog::Merge(*base, *loaded);

    auto ring = crypto::KeyRing::FromList(crypto::Fernet::GenerateKey(), clock_);
    ASSERT_TRUE(ring.ok());
    cipher_ = std::move(*ring);
    auto db = storage::OpenDatabase(options_, *cipher_, clock_);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    for (const char* tenant : {"t1", "t2"}) {
      storage::TenantRecord t{.id = tenant, .name = tenant};
      ASSERT_TRUE(db_->Transact(storage::TxMode::kWrite,
                                [&](storage::Session& s) { return s.tenants().Create(t).status(); })
                      .ok());
      storage::ConnectorSettingsRecord settings;
      settings.tenant_id = tenant;
      settings.connector_id = kProvider;
      settings.oauth_client_id = kPeerClientId;
      settings.oauth_client_secret = kPeerClientSecret;
      ASSERT_TRUE(db_->Transact(storage::TxMode::kWrite,
                                [&](storage::Session& s) {
                                  return s.connector_settings().Upsert(settings).status();
                                })
                      .ok());
    }
    http_ = std::make_unique<http::CurlHttpClient>(
        http::CurlHttpClientOptions{.allow_private_networks = true});
  }

  void TearDown() override {
    db_.reset();
    peer_.reset();  // stops the node process, also after a failed assertion
    scratch_.reset();
  }

  const catalog::ProviderSpec& Spec() { return *catalog_.Find(kProvider); }

  AuthorizationFlow MakeFlow(const core::Clock& clock) {
    return AuthorizationFlow(*db_, *http_, clock, catalog_, ClientFromConnectorSettings);
  }

  // Start + the browser's trip through login and consent; returns the start and the callback.
  std::pair<AuthorizationStart, std::map<std::string, std::string>> Authorize(
      AuthorizationFlow& flow, const audit::Actor& actor, const std::string& name = "main") {
    auto settings = LoadClientSettings(*db_, ClientFromConnectorSettings, actor.tenant_id, Spec(),
                                       kPeerRedirectUri, {});
    EXPECT_TRUE(settings.ok()) << settings.status();
    auto started = flow.Start(actor, Spec(), *settings, name, {});
    EXPECT_TRUE(started.ok()) << started.status();
    MiniBrowser browser;
    auto callback = browser.Authorize(started->auth_url, kPeerRedirectUri);
    EXPECT_TRUE(callback.ok()) << callback.status();
    return {*started, callback.ok() ? QueryOf(*callback) : std::map<std::string, std::string>{}};
  }

  absl::StatusOr<storage::TokenRecord> CurrentToken(const std::string& tenant,
                                                    const std::string& id) {
    storage::TokenRecord out;
    absl::Status s =
        db_->Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
          auto t = s.tokens().GetCurrent(tenant, id);
          if (!t.ok()) return t.status();
          out = *t;
          return absl::OkStatus();
        });
    if (!s.ok()) return s;
    return out;
  }

  storage::ConnectionStatus StatusOf(const std::string& tenant, const std::string& id) {
    storage::ConnectionStatus status = storage::ConnectionStatus::kError;
    EXPECT_TRUE(db_->Transact(storage::TxMode::kRead,
                              [&](storage::Session& s) -> absl::Status {
                                auto c = s.connections().Get(tenant, id);
                                if (!c.ok()) return c.status();
                                status = c->status;
                                return absl::OkStatus();
                              })
                    .ok());
    return status;
  }

  std::vector<std::string> AuditActions(const std::string& tenant) {
    std::vector<std::string> out;
    EXPECT_TRUE(db_->Transact(storage::TxMode::kRead,
                              [&](storage::Session& s) -> absl::Status {
                                auto page = s.audit_logs().List(tenant, {}, "", 200);
                                if (!page.ok()) return page.status();
                                for (const auto& e : page->items) out.push_back(e.action);
                                return absl::OkStatus();
                              })
                    .ok());
    std::sort(out.begin(), out.end());
    return out;
  }

  int UserInfoStatus(const std::string& access_token) {
    auto r = PlainHttp("GET", peer_->issuer() + "/me", "Bearer " + access_token);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->first : -1;
  }

  void SleepPast(std::optional<core::TimePoint> t) {
    ASSERT_TRUE(t.has_value());
    std::this_thread::sleep_until(*t + milliseconds(300));
  }

  core::SystemClock clock_;
  storage::DatabaseOptions options_;
  std::unique_ptr<crypto::KeyRing> cipher_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<http::CurlHttpClient> http_;
  std::unique_ptr<OidcPeer> peer_;
  catalog::ProviderCatalog catalog_;
  audit::Actor t1_{"t1", "key_t1", "", ""};
  audit::Actor t2_{"t2", "key_t2", "", ""};

 private:
  std::unique_ptr<ucf::testing::ScratchDatabase> scratch_;
};

TEST_P(OidcPeerTest, FullConnectionLifeCycle) {
  AuthorizationFlow flow = MakeFlow(clock_);
  auto [started, callback] = Authorize(flow, t1_);
  ASSERT_EQ(callback["state"], started.state);
  ASSERT_FALSE(callback["code"].empty());
  EXPECT_EQ(callback["iss"], peer_->issuer());

  // Callback → exchange with PKCE and basic client auth → stored.
  auto done = OAuthCompletion(*db_, flow).Complete(t1_, kProvider, callback["code"], callback["state"]);
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_TRUE(done->created);
  EXPECT_TRUE(done->has_refresh_token);
  EXPECT_EQ(done->connection.config.at("apiBaseUrl").as_string(), peer_->issuer());
  EXPECT_EQ(Stat(*peer_, "authorization_code_requests"), 1);
  const std::string id = done->connection.id;
  auto first = CurrentToken("t1", id);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(first->refresh_token.has_value());
  ASSERT_TRUE(first->expires_at.has_value());
  EXPECT_LE(*first->expires_at, clock_.Now() + seconds(3));
  EXPECT_EQ(UserInfoStatus(first->access_token), 200);

  // Expiry → 200 concurrent callers → exactly one refresh at the provider.
  TokenRefresher refresher(*db_, *http_, clock_, catalog_, ClientFromConnectorSettings,
                           {.refresh_margin = seconds(0)});
  SleepPast(first->expires_at);
  EXPECT_EQ(UserInfoStatus(first->access_token), 401);
  std::vector<std::thread> threads;
  std::vector<std::string> tokens(200);
  std::atomic<int> failures{0};
  for (int i = 0; i < 200; ++i) {
    threads.emplace_back([&, i] {
      auto token = refresher.GetFreshAccessToken("t1", id);
      if (token.ok()) {
        tokens[i] = token->access_token;
      } else {
        ++failures;
        ADD_FAILURE() << token.status();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Stat(*peer_, "refresh_requests"), 1);
  EXPECT_EQ(Stat(*peer_, "refresh_failures"), 0);
  for (const std::string& t : tokens) EXPECT_EQ(t, tokens[0]);
  EXPECT_NE(tokens[0], first->access_token);
  EXPECT_EQ(UserInfoStatus(tokens[0]), 200);

  // The rotated refresh token was persisted with the new access token.
  auto second = CurrentToken("t1", id);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->version, first->version + 1);
  EXPECT_EQ(second->access_token, tokens[0]);
  ASSERT_TRUE(second->refresh_token.has_value());
  EXPECT_NE(*second->refresh_token, *first->refresh_token);

  // The provider revokes the refresh token → the next refresh makes the connection needs_reauth.
  auto revoked = PlainHttp(
      "POST", peer_->issuer() + "/token/revocation",
      BasicAuthorization(kPeerClientId, kPeerClientSecret),
      EncodeFormParams({{"token", *second->refresh_token}, {"token_type_hint", "refresh_token"}}));
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(revoked->first, 200);
  SleepPast(second->expires_at);
  auto dead = refresher.GetFreshAccessToken("t1", id);
  EXPECT_EQ(dead.status().code(), absl::StatusCode::kFailedPrecondition) << dead.status();
  EXPECT_TRUE(core::Contains(core::ToStd(dead.status().message()), "reconnect"));
  EXPECT_EQ(StatusOf("t1", id), storage::ConnectionStatus::kNeedsReauth);
  EXPECT_EQ(Stat(*peer_, "refresh_requests"), 2);
  EXPECT_EQ(Stat(*peer_, "refresh_failures"), 1);

  // Reconnect: the same connection comes back connected with new tokens.
  auto [again, callback2] = Authorize(flow, t1_);
  auto reconnected = OAuthCompletion(*db_, flow).Complete(t1_, kProvider, callback2["code"], callback2["state"]);
  ASSERT_TRUE(reconnected.ok()) << reconnected.status();
  EXPECT_FALSE(reconnected->created);
  EXPECT_EQ(reconnected->connection.id, id);
  EXPECT_EQ(StatusOf("t1", id), storage::ConnectionStatus::kConnected);
  auto third = CurrentToken("t1", id);
  ASSERT_TRUE(third.ok());

  // Revocation: at the provider (RFC 7009), then locally.
  Revoker revoker(*db_, *http_, clock_, catalog_, ClientFromConnectorSettings);
  std::int64_t revocations_before = Stat(*peer_, "revocation_requests");
  auto result = revoker.Revoke(t1_, id, "test over");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->provider_revocation, "revoked") << result->provider_error;
  EXPECT_EQ(Stat(*peer_, "revocation_requests"), revocations_before + 2);
  EXPECT_EQ(StatusOf("t1", id), storage::ConnectionStatus::kRevoked);
  EXPECT_EQ(CurrentToken("t1", id).status().code(), absl::StatusCode::kNotFound);
  auto introspected = PlainHttp("POST", peer_->issuer() + "/token/introspection",
                                BasicAuthorization(kPeerClientId, kPeerClientSecret),
                                EncodeFormParams({{"token", *third->refresh_token}}));
  ASSERT_TRUE(introspected.ok());
  EXPECT_TRUE(core::Contains(introspected->second, "\"active\":false")) << introspected->second;

  EXPECT_EQ(AuditActions("t1"),
            (std::vector<std::string>{"connection.created", "connection.revoked",
                                      "connection.updated", "token.refresh_failed",
                                      "token.refreshed", "token.stored", "token.stored"}));
}

TEST_P(OidcPeerTest, ReplayedStateIsRejectedWithoutASecondExchange) {
  AuthorizationFlow flow = MakeFlow(clock_);
  auto [started, callback] = Authorize(flow, t1_);
  ASSERT_TRUE(OAuthCompletion(*db_, flow).Complete(t1_, kProvider, callback["code"], callback["state"]).ok());
  auto replay = OAuthCompletion(*db_, flow).Complete(t1_, kProvider, callback["code"], callback["state"]);
  EXPECT_EQ(replay.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(core::GetDetails(replay.status())->at("field").as_string(), "state");
  EXPECT_EQ(Stat(*peer_, "authorization_code_requests"), 1);
}

TEST_P(OidcPeerTest, ExpiredStateIsRejected) {
  core::FakeClock later(clock_.Now());
  AuthorizationFlow flow = MakeFlow(later);
  auto [started, callback] = Authorize(flow, t1_);
  later.Advance(minutes(10) + seconds(1));
  auto done = OAuthCompletion(*db_, flow).Complete(t1_, kProvider, callback["code"], callback["state"]);
  EXPECT_EQ(done.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(core::Contains(core::ToStd(done.status().message()), "expired"));
  EXPECT_EQ(Stat(*peer_, "token_requests"), 0);
  EXPECT_TRUE(AuditActions("t1").empty());
}

TEST_P(OidcPeerTest, CrossTenantStateIsRejected) {
  AuthorizationFlow flow = MakeFlow(clock_);
  auto [started, callback] = Authorize(flow, t1_);
  auto foreign = OAuthCompletion(*db_, flow).Complete(t2_, kProvider, callback["code"], callback["state"]);
  EXPECT_EQ(foreign.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Stat(*peer_, "token_requests"), 0);
  EXPECT_TRUE(AuditActions("t2").empty());
  // The rightful tenant can still finish.
  auto done = OAuthCompletion(*db_, flow).Complete(t1_, kProvider, callback["code"], callback["state"]);
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_EQ(done->connection.tenant_id, "t1");
}

TEST_P(OidcPeerTest, WrongCodeIsRejectedByTheProviderAndNothingIsStored) {
  AuthorizationFlow flow = MakeFlow(clock_);
  auto [started, callback] = Authorize(flow, t1_);
  auto done = OAuthCompletion(*db_, flow).Complete(t1_, kProvider, "not-the-code", callback["state"]);
  EXPECT_EQ(done.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(OAuthErrorOf(done.status()), "invalid_grant") << done.status();
  EXPECT_EQ(Stat(*peer_, "authorization_code_requests"), 1);
  EXPECT_TRUE(AuditActions("t1").empty());
}

TEST_P(OidcPeerTest, ThePeerRequiresPkceAndTheRedirectErrorIsReported) {
  auto no_pkce = catalog::ParseCatalog(peer_->CatalogJson("no_pkce", false), "test");
  ASSERT_TRUE(no_pkce.ok()) << no_pkce.status();
  catalog_ = catalog::Merge(catalog_, *no_pkce);
  AuthorizationFlow flow = MakeFlow(clock_);
  OAuthClientSettings client{kPeerClientId, kPeerClientSecret, {}, kPeerRedirectUri};
  auto started = flow.Start(t1_, *catalog_.Find("no_pkce"), client, "", {});
  ASSERT_TRUE(started.ok()) << started.status();
  MiniBrowser browser;
  auto callback = browser.Authorize(started->auth_url, kPeerRedirectUri);
  ASSERT_TRUE(callback.ok()) << callback.status();
  auto query = QueryOf(*callback);
  EXPECT_EQ(query["error"], "invalid_request");
  auto done = OAuthCompletion(*db_, flow).CompleteRedirect({.state = query["state"],
                                     .error = query["error"],
                                     .error_description = query["error_description"]});
  EXPECT_EQ(done.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(core::Contains(core::ToStd(done.status().message()), "did not authorize"))
      << done.status();
  EXPECT_EQ(Stat(*peer_, "token_requests"), 0);
}

// Issue 9, hole 3: the provider issues 30 s access tokens, below the default 120 s refresh
// margin. Two UCF instances (two databases on one storage), 20 concurrent callers each round:
// no refresh while the token is young, then exactly one per expiry, and the refreshed token works
// at the provider. Time runs on a FakeClock (the peer's refresh tokens live a day), so the test
// does not wait for expiries.
class OidcPeerShortTokensTest : public OidcPeerTest {
 protected:
  std::string AccessTokenTtl() const override { return "30"; }
};

TEST_P(OidcPeerShortTokensTest, ThirtySecondTokensAreRefreshedOncePerExpiry) {
  core::FakeClock clock(clock_.Now());
  auto one = storage::OpenDatabase(options_, *cipher_, clock);
  auto two = storage::OpenDatabase(options_, *cipher_, clock);
  ASSERT_TRUE(one.ok() && two.ok());
  AuthorizationFlow flow(**one, *http_, clock, catalog_, ClientFromConnectorSettings);
  auto [started, callback] = Authorize(flow, t1_);
  auto done = OAuthCompletion(**one, flow).Complete(t1_, kProvider, callback["code"], callback["state"]);
  ASSERT_TRUE(done.ok()) << done.status();
  const std::string id = done->connection.id;
  auto first = CurrentToken("t1", id);
  ASSERT_TRUE(first.ok() && first->expires_at.has_value());
  EXPECT_LT(std::chrono::abs(*first->expires_at - (clock.Now() + seconds(30))), milliseconds(1));

  // The default margin (120 s) is longer than the tokens live.
  TokenRefresher a(**one, *http_, clock, catalog_, ClientFromConnectorSettings);
  TokenRefresher b(**two, *http_, clock, catalog_, ClientFromConnectorSettings);
  auto burst = [&]() -> std::string {
    std::vector<std::thread> threads;
    std::vector<std::string> tokens(20);
    for (int i = 0; i < 20; ++i) {
      threads.emplace_back([&, i] {
        auto token = (i % 2 == 0 ? a : b).GetFreshAccessToken("t1", id);
        if (token.ok()) {
          tokens[i] = token->access_token;
        } else {
          ADD_FAILURE() << token.status();
        }
      });
    }
    for (auto& t : threads) t.join();
    for (const std::string& t : tokens) EXPECT_EQ(t, tokens[0]);
    return tokens[0];
  };

  EXPECT_EQ(burst(), first->access_token);
  clock.Advance(seconds(10));
  EXPECT_EQ(burst(), first->access_token);
  EXPECT_EQ(Stat(*peer_, "refresh_requests"), 0);

  clock.Advance(seconds(21));  // expired
  std::string second = burst();
  EXPECT_NE(second, first->access_token);
  EXPECT_EQ(Stat(*peer_, "refresh_requests"), 1);
  EXPECT_EQ(UserInfoStatus(second), 200);
  EXPECT_EQ(burst(), second);
  clock.Advance(seconds(14));
  EXPECT_EQ(burst(), second);
  EXPECT_EQ(Stat(*peer_, "refresh_requests"), 1);

  clock.Advance(seconds(2));  // 14 s left of 30: within half its life
  std::string third = burst();
  EXPECT_NE(third, second);
  EXPECT_EQ(burst(), third);
  EXPECT_EQ(Stat(*peer_, "refresh_requests"), 2);
  EXPECT_EQ(Stat(*peer_, "refresh_failures"), 0);  // no rotated refresh token presented twice
  EXPECT_EQ(UserInfoStatus(third), 200);
}

INSTANTIATE_TEST_SUITE_P(Engines, OidcPeerShortTokensTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineName);

TEST(MiniBrowser, FillsTheFirstFormLikeAUser) {
  const std::string html = R"(<html><body>
    <form autocomplete="off" action="/interaction/abc?x=1&amp;y=2" method="post">
      <input type="hidden" name="prompt" value="login"/>
      <input required type="text" name="login" placeholder="Enter any login" autofocus="on">
      <input required type="password" name="password" placeholder="and password">
      <button type="submit">Sign-in</button>
    </form><form action="/other"><input type="hidden" name="no" value="no"></form></body></html>)";
  auto form = FillFirstForm(html, "http://127.0.0.1:4000/interaction/abc");
  ASSERT_TRUE(form.ok()) << form.status();
  EXPECT_EQ(form->first, "http://127.0.0.1:4000/interaction/abc?x=1&y=2");
  EXPECT_EQ(form->second, "prompt=login&login=alice&password=wonderland");
  EXPECT_FALSE(FillFirstForm("<p>no form</p>", "http://x/").ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, OidcPeerTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineName);

}  // namespace
}  // namespace ucf::testing
