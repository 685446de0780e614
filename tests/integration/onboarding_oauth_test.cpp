// OAuth onboarding over UCF's HTTP API against the real oidc-provider peer (issue 5 items 4, 6, 7,
// 9): connect → authorize in a (mini) browser → GET /oauth/callback or POST .../connect/callback →
// validate with a real provider call → expiry → one refresh for many concurrent requests →
// revoke at the provider. Plus state replay and cross-tenant state. SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/integration/test_server.hpp"
#include "tests/support/pg_database.hpp"
#include "ucf/auth/oauth/form_encoding.hpp"
#include "tests/support/mini_browser.hpp"
#include "tests/support/oidc_peer.hpp"

namespace ucf {
namespace {

using testing::kPeerClientId;
using testing::kPeerClientSecret;
using testing::kPeerRedirectUri;
using testing::MiniBrowser;
using testing::QueryOf;
using testing::OidcPeer;
using testing::TestResponse;
using testing::TestServer;

constexpr char kAdmin[] = "admin-token-for-oauth-tests-012345";
constexpr char kProvider[] = "oidc_local";

boost::json::object Data(const TestResponse& r) { return testing::EnvelopeData(r); }


class OnboardingOAuthTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!OidcPeer::Installed()) GTEST_SKIP() << "tests/peers/node_modules missing (npm ci in tests/peers)";
    auto peer = OidcPeer::Start({{"OIDC_ACCESS_TOKEN_TTL", "3"}});
    ASSERT_TRUE(peer.ok()) << peer.status();
    peer_ = std::move(*peer);
    catalog_ = std::filesystem::temp_directory_path() /
               ("ucf-oauth-catalog-" + std::to_string(::getpid()) + "-" + GetParam() + ".json");
    std::ofstream(catalog_) << peer_->CatalogJson(kProvider);
    std::map<std::string, std::string> vars{{"UCF_ADMIN_TOKEN", kAdmin},
                                            {"UCF_PROVIDERS_FILE", catalog_.string()},
                                            {"UCF_ALLOW_PRIVATE_UPSTREAMS", "true"},
                                            {"UCF_TOKEN_REFRESH_MARGIN_SECONDS", "0"},
                                            // 20 concurrent calls of one tenant on one connection below.
                                            {"UCF_UPSTREAM_MAX_PER_TENANT", "32"},
                                            {"UCF_UPSTREAM_MAX_CONCURRENCY", "32"}};
    if (GetParam() == "postgresql") {
      pg_ = std::make_unique<testing::ScratchPostgresDatabase>();
      if (pg_->url().empty()) GTEST_SKIP() << pg_->error();
      vars["DATABASE_URL"] = pg_->url();
    }
    server_ = std::make_unique<TestServer>(vars);
    key_a_ = TenantWithKey("acme");
    key_b_ = TenantWithKey("globex");
    for (const std::string* key : {&key_a_, &key_b_}) {
      auto patched = server_->Call("PATCH", std::string("/api/connectors/") + kProvider, *key,
                                   boost::json::serialize(boost::json::object{
                                       {"oauthClientId", kPeerClientId}, {"oauthClientSecret", kPeerClientSecret}}));
      ASSERT_EQ(patched.status, 200) << patched.body;
    }
  }
  void TearDown() override {
    if (!catalog_.empty()) std::filesystem::remove(catalog_);
  }

  std::string TenantWithKey(const std::string& tenant) {
    EXPECT_EQ(server_->Call("POST", "/api/tenants", kAdmin, R"({"id":")" + tenant + R"(","name":"T"})").status, 201);
    auto key = server_->Call("POST", "/api/api-keys", kAdmin, R"({"name":"k"})", tenant);
    return std::string(Data(key)["key"].as_string());
  }

  // POST .../connect, then the browser walk; returns the provider's redirect (code + state).
  std::map<std::string, std::string> Authorize(const std::string& key, const std::string& name) {
    auto started = server_->Call("POST", std::string("/api/connectors/") + kProvider + "/connect", key,
                                 boost::json::serialize(boost::json::object{
                                     {"method", "oauth2"}, {"name", name}, {"redirectUri", kPeerRedirectUri}}));
    EXPECT_EQ(started.status, 200) << started.body;
    auto d = Data(started);
    EXPECT_FALSE(d.contains("codeVerifier")) << "the verifier must stay on the server";
    std::string auth_url(d["authUrl"].as_string());
    auto q = QueryOf(auth_url);
    EXPECT_EQ(q["code_challenge_method"], "S256");
    EXPECT_EQ(q["code_challenge"], std::string(d["codeChallenge"].as_string()));
    EXPECT_EQ(q["state"], std::string(d["state"].as_string()));
    EXPECT_EQ(q["redirect_uri"], kPeerRedirectUri);
    MiniBrowser browser;
    auto callback = browser.Authorize(auth_url, kPeerRedirectUri);
    EXPECT_TRUE(callback.ok()) << callback.status();
    return callback.ok() ? QueryOf(*callback) : std::map<std::string, std::string>{};
  }

  std::vector<std::string> AuditActions(const std::string& key, const std::string& target) {
    std::vector<std::string> out;
    auto r = server_->Call("GET", "/api/audit-logs?limit=200&targetId=" + target, key);
    auto data = Data(r);
    for (auto& item : data["items"].as_array()) out.emplace_back(item.at("action").as_string());
    return out;
  }
  int Stat(const char* name) {
    auto stats = peer_->Stats();
    EXPECT_TRUE(stats.ok());
    return stats.ok() ? static_cast<int>(stats->at(name).to_number<double>()) : -1;
  }

  std::unique_ptr<OidcPeer> peer_;
  std::filesystem::path catalog_;
  std::unique_ptr<testing::ScratchPostgresDatabase> pg_;
  std::unique_ptr<TestServer> server_;
  std::string key_a_, key_b_;
};

TEST_P(OnboardingOAuthTest, BrowserRedirectConnectsValidatesRefreshesOnceAndRevokes) {
  auto connectors = server_->Call("GET", "/api/connectors", key_a_);
  ASSERT_EQ(connectors.status, 200) << connectors.body;
  bool listed = false;
  boost::json::value envelope = boost::json::parse(connectors.body);
  for (const auto& c : envelope.at("data").as_array()) {
    if (c.at("id") == kProvider) {
      listed = true;
      EXPECT_EQ(c.at("status"), "not_connected");
    }
  }
  EXPECT_TRUE(listed);

  auto redirect = Authorize(key_a_, "main");
  ASSERT_FALSE(redirect["code"].empty());
  // The browser follows the provider's redirect to UCF.
  auto done = server_->Call("GET", "/oauth/callback?code=" + redirect["code"] + "&state=" + redirect["state"], "");
  ASSERT_EQ(done.status, 302) << done.body;
  std::string location(done.headers.Get("Location").value_or(""));
  ASSERT_NE(location.find("connected="), std::string::npos) << location;
  std::string id = location.substr(location.find("connected=") + 10);

  auto one = Data(server_->Call("GET", std::string("/api/connectors/") + kProvider, key_a_));
  EXPECT_EQ(one["status"], "connected");
  EXPECT_EQ(one["connections"].as_array().size(), 1u);
  EXPECT_EQ(one["connectionCount"], 1);
  EXPECT_EQ(one["oauthConfigured"], true);
  // The catalog counts this tenant's connections per status; the other tenant sees none of them.
  for (const auto& [key, want] : {std::pair{key_a_, 1}, std::pair{key_b_, 0}}) {
    auto listed_now = boost::json::parse(server_->Call("GET", "/api/connectors", key).body);
    for (const auto& c : listed_now.at("data").as_array()) {
      if (c.at("id") != kProvider) continue;
      EXPECT_EQ(c.at("status"), want ? "connected" : "not_connected");
      EXPECT_EQ(c.at("connectionCount"), want);
      EXPECT_EQ(c.at("connectionsByStatus").as_object().size(), want ? 1u : 0u);
    }
  }
  EXPECT_EQ(one["extra_details"], false);
  // Replaying the redirect does nothing.
  auto replay = server_->Call("GET", "/oauth/callback?code=" + redirect["code"] + "&state=" + redirect["state"], "");
  EXPECT_NE(std::string(replay.headers.Get("Location").value_or("")).find("error="), std::string::npos);

  // A real provider call with the stored token.
  auto valid = server_->Call("POST", "/api/connections/" + id + "/validate", key_a_);
  ASSERT_EQ(valid.status, 200) << valid.body;
  EXPECT_EQ(Data(valid)["valid"], true) << valid.body;
  EXPECT_FALSE(Data(valid)["account"].as_object()["accountId"].as_string().empty());
  EXPECT_EQ(Stat("refresh_requests"), 0);

  // After expiry, 20 concurrent calls share exactly one refresh at the provider.
  std::this_thread::sleep_for(std::chrono::milliseconds(3'500));
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i) {
    threads.emplace_back([&] {
      auto r = server_->Call("POST", "/api/connections/" + id + "/validate", key_a_);
      if (r.status == 200 && Data(r)["valid"] == true) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 20);
  EXPECT_EQ(Stat("refresh_requests"), 1);

  // Tenant B cannot see or touch it.
  EXPECT_EQ(server_->Call("POST", "/api/connections/" + id + "/validate", key_b_).status, 404);
  EXPECT_EQ(server_->Call("POST", std::string("/api/connectors/") + kProvider + "/revoke", key_b_,
                          R"({"connectionId":")" + id + R"("})").status, 404);

  auto revoked = server_->Call("POST", std::string("/api/connectors/") + kProvider + "/revoke", key_a_,
                               R"({"connectionId":")" + id + R"(","reason":"offboarding"})");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(Data(revoked)["providerRevocation"], "revoked");
  EXPECT_EQ(Data(revoked)["connection"].as_object()["status"], "revoked");
  EXPECT_GE(Stat("revocation_requests"), 1);
  auto after = server_->Call("POST", "/api/connections/" + id + "/validate", key_a_);
  EXPECT_EQ(Data(after)["valid"], false);

  auto actions = AuditActions(key_a_, id);
  for (const char* action : {"connection.created", "token.stored", "connection.validated", "token.refreshed",
                             "connection.revoked"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), action), actions.end()) << action;
  }
}

// Issue 9, hole 4: the refresher calls the provider outside any transaction. While tenant A's
// refresh hangs at a token endpoint stalled for 4 s, tenant B's writes and the first
// authentication of a never-used key (uncached) answer at once.
// Issue 9, hole 8: POST /api/connections/token keeps an OAuth connection's refresh token (sealed),
// refuses one for a connection without OAuth, and every read of a token back is audited.
TEST_P(OnboardingOAuthTest, RefreshTokensAreStoredAndTokenReadsAudited) {
  auto redirect = Authorize(key_a_, "main");
  ASSERT_FALSE(redirect["code"].empty());
  auto done = server_->Call("GET", "/oauth/callback?code=" + redirect["code"] + "&state=" + redirect["state"], "");
  std::string location(done.headers.Get("Location").value_or(""));
  ASSERT_NE(location.find("connected="), std::string::npos) << location;
  std::string oauth = location.substr(location.find("connected=") + 10);
  auto plain_made = server_->Call("POST", "/api/connections", key_a_,
                                  std::string(R"({"connectorId":"jira","name":"p"})"));
  ASSERT_EQ(plain_made.status, 200) << plain_made.body;
  std::string plain(Data(plain_made)["id"].as_string());

  auto stored = server_->Call("POST", "/api/connections/token", key_a_,
                              R"({"connectionId":")" + oauth +
                                  R"(","token":"ACCESS-SECRET-41","refreshToken":"REFRESH-SECRET-42"})");
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(Data(stored)["hasRefreshToken"], true);
  EXPECT_EQ(stored.body.find("REFRESH-SECRET-42"), std::string::npos);

  auto refused = server_->Call("POST", "/api/connections/token", key_a_,
                               R"({"connectionId":")" + plain + R"(","token":"x","refreshToken":"y"})");
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(boost::json::parse(refused.body).at("error").at("details").at("field"), "refreshToken");
  EXPECT_EQ(server_->Call("POST", "/api/connections/token", key_a_,
                          R"({"connectionId":")" + oauth + R"(","token":"x","refreshToken":""})").status,
            400);

  auto read = server_->Call("GET", "/api/connections/" + oauth + "/token", kAdmin, "", "acme");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Data(read)["token"], "ACCESS-SECRET-41");
  EXPECT_EQ(Data(read)["hasRefreshToken"], true);
  EXPECT_EQ(read.body.find("REFRESH-SECRET-42"), std::string::npos);
  auto actions = AuditActions(key_a_, oauth);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "token.read"), 1);
}

TEST_P(OnboardingOAuthTest, AStalledTokenEndpointDoesNotStallOtherTenants) {
  auto redirect = Authorize(key_a_, "main");
  ASSERT_FALSE(redirect["code"].empty());
  auto done = server_->Call("GET", "/oauth/callback?code=" + redirect["code"] + "&state=" + redirect["state"], "");
  std::string location(done.headers.Get("Location").value_or(""));
  ASSERT_NE(location.find("connected="), std::string::npos) << location;
  std::string id = location.substr(location.find("connected=") + 10);
  std::vector<std::string> unused_keys;
  for (int i = 0; i < 2; ++i) {
    auto key = server_->Call("POST", "/api/api-keys", kAdmin, R"({"name":"fresh"})", "globex");
    unused_keys.emplace_back(Data(key)["key"].as_string());
  }

  std::this_thread::sleep_for(std::chrono::milliseconds(3'500));  // A's token expired
  auto stalled = testing::PlainHttp("POST", peer_->issuer() + "/test/stall-token?ms=4000", "");
  ASSERT_TRUE(stalled.ok() && stalled->first == 204);
  std::thread refreshing([&] {
    auto r = server_->Call("POST", "/api/connections/" + id + "/validate", key_a_);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Data(r)["valid"], true) << r.body;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the refresh is at the provider

  auto timed = [](auto&& call) {
    auto started = std::chrono::steady_clock::now();
    auto r = call();
    return std::pair{r, std::chrono::steady_clock::now() - started};
  };
  auto [created, create_took] = timed([&] {
    return server_->Call("POST", "/api/connections", unused_keys[0], R"({"connectorId":"jira","name":"b"})");
  });
  EXPECT_LT(created.status, 300) << created.body;
  EXPECT_LT(create_took, std::chrono::milliseconds(1500));
  auto [listed, list_took] = timed([&] { return server_->Call("GET", "/api/connections", unused_keys[1]); });
  EXPECT_EQ(listed.status, 200) << listed.body;
  EXPECT_LT(list_took, std::chrono::milliseconds(1500));
  refreshing.join();
  EXPECT_EQ(Stat("refresh_requests"), 1);
}

TEST_P(OnboardingOAuthTest, ApiCallbackCompletesOnceAndRefusesForeignOrReplayedState) {
  auto redirect = Authorize(key_a_, "second");
  ASSERT_FALSE(redirect["code"].empty());
  std::string body = boost::json::serialize(boost::json::object{{"code", redirect["code"]}, {"state", redirect["state"]}});
  const std::string path = std::string("/api/connectors/") + kProvider + "/connect/callback";
  // Tenant B presenting A's state: 400 and A's state stays usable.
  auto foreign = server_->Call("POST", path, key_b_, body);
  EXPECT_EQ(foreign.status, 400) << foreign.body;
  EXPECT_EQ(Data(server_->Call("GET", "/api/connections", key_b_))["items"].as_array().size(), 0u);

  auto done = server_->Call("POST", path, key_a_, body);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Data(done)["status"], "connected");
  EXPECT_EQ(Data(done)["hasRefreshToken"], true);
  EXPECT_EQ(done.body.find("access_token"), std::string::npos);

  auto replay = server_->Call("POST", path, key_a_, body);
  EXPECT_EQ(replay.status, 400);
  EXPECT_EQ(testing::EnvelopeErrorCode(replay), "invalid_request");
  EXPECT_EQ(Data(server_->Call("GET", "/api/connections", key_a_))["items"].as_array().size(), 1u);

  // Unknown state and a missing code are refused with the field named.
  auto unknown = server_->Call("POST", path, key_a_, R"({"code":"x","state":"not-a-state"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("state"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, OnboardingOAuthTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ucf
