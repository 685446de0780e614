#include "ucf/webhooks/webhook_service.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <vector>

#include "tests/support/scratch_sqlite.hpp"


#include "boost/json/serialize.hpp"
#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/crypto/hmac.hpp"
#include "ucf/webhooks/webhook_signature.hpp"
#include "ucf/http/client/fake_http_client.hpp"

namespace ucf::webhooks {
namespace {

using connections::AccessTokenProvider;
using connections::ConnectorManager;

using std::chrono::hours;

// A connector whose webhook refresh answers a fixed new expiry, or fails for one webhook id.
class HookConnector final : public connectors::HttpConnector {
 public:
  explicit HookConnector(std::atomic<int>& calls) : calls_(calls) {
    description_.id = "hooks";
    // Where the credentials go and what they are come only from declared fields.
    description_.config_fields = {{"baseUrl", "Site", "url", true, "", "", {}}};
    description_.credential_fields = {{"apiKey", "Key", "secret", true, "", "", {}}};
  }
  const connectors::ConnectorDescription& Describe() const override { return description_; }
  absl::StatusOr<connectors::AccountInfo> CheckCredentials(connectors::ApiClient&) const override {
    return connectors::AccountInfo{};
  }
  absl::StatusOr<connectors::WebhookRegistration> RefreshWebhook(
      connectors::ApiClient&, const connectors::WebhookRegistration& r) const override {
    calls_.fetch_add(1);
    if (r.provider_webhook_id.starts_with("broken")) return absl::UnavailableError("provider down");
    connectors::WebhookRegistration out = r;
    out.expires_at = "2099-01-01T00:00:00.000Z";
    return out;
  }

 private:
  connectors::ConnectorDescription description_;
  std::atomic<int>& calls_;
};

class NoTokens final : public AccessTokenProvider {
 public:
  absl::StatusOr<std::string> Current(std::string_view, std::string_view) override {
    return absl::FailedPreconditionError("no OAuth here");
  }
  absl::StatusOr<std::string> AfterRejected(std::string_view, std::string_view, std::string_view) override {
    return absl::FailedPreconditionError("no OAuth here");
  }
};

class WebhookKeepAliveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_ = std::make_unique<testing::ScratchSqlite>(clock_);
    db_ = &scratch_->db();
    ASSERT_TRUE(registry_.Add(std::make_unique<HookConnector>(provider_calls_)).ok());
    manager_ = std::make_unique<ConnectorManager>(*db_, registry_, catalog_, http_, tokens_);
    service_ = std::make_unique<WebhookService>(
        *db_, *manager_, catalog_,
        // The tenant's OAuth app: Jira signs webhook JWTs with its client secret.
        [](storage::Session&, std::string_view, const catalog::ProviderSpec&)
            -> absl::StatusOr<auth::oauth::OAuthClient> {
          return auth::oauth::OAuthClient{"client-id", "app-secret"};
        },
        clock_);
    ASSERT_TRUE(db_->Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
                     if (auto t = s.tenants().Create({.id = "a", .name = "A"}); !t.ok()) return t.status();
                     storage::ConnectionRecord c;
                     c.tenant_id = "a";
                     c.connector_id = "hooks";
                     c.name = "main";
                     c.auth_method = "api_key";
                     c.status = storage::ConnectionStatus::kConnected;
                     c.config = {{"baseUrl", "https://hooks.example.com"}};
                     c.secret_config = {{"apiKey", "k"}};
                     auto created = s.connections().Create(c);
                     if (!created.ok()) return created.status();
                     connection_id_ = created->id;
                     for (auto [provider_id, expires_in] :
                          {std::pair{"soon", hours(24)}, std::pair{"later", hours(24 * 20)}, std::pair{"broken", hours(1)}}) {
                       storage::WebhookRecord w;
                       w.tenant_id = "a";
                       w.connection_id = created->id;
                       w.connector_id = "hooks";
                       w.provider_webhook_id = provider_id;
                       w.callback_url = "https://ucf.example/webhooks/hooks/" + created->id;
                       w.expires_at = clock_.Now() + expires_in;
                       auto stored = s.webhooks().Create(w);
                       if (!stored.ok()) return stored.status();
                       ids_[provider_id] = stored->id;
                     }
                     return absl::OkStatus();
                   }).ok());
  }
  void TearDown() override {
    service_.reset();
    manager_.reset();
    scratch_.reset();
  }
  storage::WebhookRecord Webhook(const std::string& provider_id) {
    storage::WebhookRecord w;
    EXPECT_TRUE(db_->Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
                     auto got = s.webhooks().Get("a", ids_[provider_id]);
                     if (!got.ok()) return got.status();
                     w = *got;
                     return absl::OkStatus();
                   }).ok());
    return w;
  }
  std::vector<std::string> Actions(const std::string& provider_id) {
    std::vector<std::string> out;
    EXPECT_TRUE(db_->Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
                     storage::AuditLogFilter filter;
                     filter.target_id = ids_[provider_id];
                     auto page = s.audit_logs().List("a", filter, "", 50);
                     if (!page.ok()) return page.status();
                     for (const auto& e : page->items) {
                       out.push_back(e.action + (e.outcome == "success" ? "" : ":" + e.outcome) + "@" + e.actor);
                     }
                     return absl::OkStatus();
                   }).ok());
    return out;
  }

  // Seeds `tenant` (created when new) with a connection `name` and webhooks expiring in
  // `expires_in`, provider ids `<prefix>0`, `<prefix>1`, …; returns the connection id.
  std::string Seed(const std::string& tenant, const std::string& name, const std::string& prefix, int count,
                   std::chrono::minutes expires_in, storage::ConnectionStatus status = storage::ConnectionStatus::kConnected) {
    std::string connection_id;
    EXPECT_TRUE(db_->Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
                     if (!s.tenants().Get(tenant).ok()) {
                       if (auto t = s.tenants().Create({.id = tenant, .name = tenant}); !t.ok()) return t.status();
                     }
                     storage::ConnectionRecord c;
                     c.tenant_id = tenant;
                     c.connector_id = "hooks";
                     c.name = name;
                     c.auth_method = "api_key";
                     c.status = status;
                     c.config = {{"baseUrl", "https://hooks.example.com"}};
                     c.secret_config = {{"apiKey", "k"}};
                     auto created = s.connections().Create(c);
                     if (!created.ok()) return created.status();
                     connection_id = created->id;
                     for (int i = 0; i < count; ++i) {
                       storage::WebhookRecord w;
                       w.tenant_id = tenant;
                       w.connection_id = created->id;
                       w.connector_id = "hooks";
                       w.provider_webhook_id = prefix + std::to_string(i);
                       w.callback_url = "https://ucf.example/webhooks/hooks/" + created->id;
                       w.expires_at = clock_.Now() + expires_in;
                       auto stored = s.webhooks().Create(w);
                       if (!stored.ok()) return stored.status();
                       ids_[w.provider_webhook_id] = stored->id;
                     }
                     return absl::OkStatus();
                   }).ok());
    return connection_id;
  }
  storage::WebhookRecord WebhookOf(const std::string& tenant, const std::string& provider_id) {
    storage::WebhookRecord w;
    EXPECT_TRUE(db_->Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
                     auto got = s.webhooks().Get(tenant, ids_[provider_id]);
                     if (!got.ok()) return got.status();
                     w = *got;
                     return absl::OkStatus();
                   }).ok());
    return w;
  }

  std::atomic<int> provider_calls_{0};
  core::SystemClock clock_;
  std::unique_ptr<testing::ScratchSqlite> scratch_;
  storage::Database* db_ = nullptr;
  connectors::ConnectorRegistry registry_;
  catalog::ProviderCatalog catalog_{{catalog::ProviderSpec{.id = "hooks"}}};
  http::FakeHttpClient http_;
  NoTokens tokens_;
  std::unique_ptr<ConnectorManager> manager_;
  std::unique_ptr<WebhookService> service_;
  std::map<std::string, std::string> ids_;
  std::string connection_id_;
};

TEST_F(WebhookKeepAliveTest, ExtendsWhatExpiresWithinTheHorizonAndAuditsFailures) {
  auto refreshed = service_->RefreshDue(hours(24 * 7));
  ASSERT_TRUE(refreshed.ok()) << refreshed.status();
  EXPECT_EQ(*refreshed, 1);  // "soon"; "broken" failed; "later" is not due
  EXPECT_GT(*Webhook("soon").expires_at, clock_.Now() + hours(24 * 365));
  EXPECT_LT(*Webhook("later").expires_at, clock_.Now() + hours(24 * 21));
  EXPECT_LT(*Webhook("broken").expires_at, clock_.Now() + hours(2));
  EXPECT_EQ(Actions("soon"), (std::vector<std::string>{"webhook.refreshed@system"}));
  EXPECT_EQ(Actions("broken"), (std::vector<std::string>{"webhook.refresh_failed:failure@system"}));
  EXPECT_TRUE(Actions("later").empty());
}

TEST_F(WebhookKeepAliveTest, FailingWebhooksOfOneTenantNeverStopAnothersAndBackOff) {
  // Tenant a: 500 webhooks failing for good, expiring first. Tenant b: one healthy webhook, and one
  // on a revoked connection that expires even sooner.
  Seed("a", "flood", "broken-", 500, std::chrono::minutes(30));
  Seed("b", "main", "b-ok-", 1, std::chrono::minutes(24 * 60));
  Seed("b", "gone", "b-revoked-", 1, std::chrono::minutes(10), storage::ConnectionStatus::kRevoked);
  const auto revoked_expiry = *WebhookOf("b", "b-revoked-0").expires_at;

  auto refreshed = service_->RefreshDue(hours(24 * 7));
  ASSERT_TRUE(refreshed.ok()) << refreshed.status();
  EXPECT_EQ(*refreshed, 2);  // b's and the fixture's "soon"
  EXPECT_GT(*WebhookOf("b", "b-ok-0").expires_at, clock_.Now() + hours(24 * 365));
  EXPECT_EQ(WebhookOf("b", "b-ok-0").failures, 0);
  // The revoked connection's webhook is inactive: never sent to the provider.
  EXPECT_EQ(*WebhookOf("b", "b-revoked-0").expires_at, revoked_expiry);
  storage::WebhookRecord broken = WebhookOf("a", "broken-7");
  EXPECT_EQ(broken.failures, 1);
  ASSERT_TRUE(broken.next_attempt_at.has_value());
  EXPECT_GT(*broken.next_attempt_at, clock_.Now() + std::chrono::minutes(10));
  const int calls_first_round = provider_calls_.load();
  EXPECT_EQ(calls_first_round, 500 + 1 + 1 + 1);  // a's, "broken", b's, "soon"

  // The next round leaves the failing ones alone until their backoff ends.
  auto again = service_->RefreshDue(hours(24 * 7));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(provider_calls_.load(), calls_first_round);
}

std::string Jwt(const boost::json::object& claims, const std::string& secret = "app-secret") {
  std::string signing = core::StrCat(core::Base64UrlEncode(R"({"alg":"HS256","typ":"JWT"})"), ".",
                                     core::Base64UrlEncode(boost::json::serialize(claims)));
  return core::StrCat(signing, ".", core::Base64UrlEncode(crypto::HmacSha256(secret, signing)));
}

// Issue 9, hole 8: inbound JWTs need exp and iat, the app as issuer, a qsh of this very request
// when they carry one, and are accepted once.
TEST_F(WebhookKeepAliveTest, InboundJwtNeedsExpIatIssuerQshAndIsAcceptedOnce) {
  const std::string target = "/webhooks/hooks/" + connection_id_;
  auto now = std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
  auto deliver = [&](const boost::json::object& claims, const std::string& to) {
    InboundDelivery d;
    d.connector_id = "hooks";
    d.connection_id = connection_id_;
    d.method = "POST";
    d.target = to;
    d.headers.Set("Authorization", "Bearer " + Jwt(claims));
    d.body = R"({"webhookEvent":"jira:issue_created"})";
    return service_->Receive(d);
  };
  boost::json::object good{{"iss", "client-id"}, {"iat", now}, {"exp", now + 180},
                           {"qsh", QueryStringHash("POST", target)}};
  auto first = deliver(good, target);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->scheme, "jwt");
  EXPECT_EQ(first->event, "jira:issue_created");
  EXPECT_EQ(deliver(good, target).status().code(), absl::StatusCode::kUnauthenticated) << "replayed";

  boost::json::object no_exp{{"iss", "client-id"}, {"iat", now}};
  EXPECT_EQ(deliver(no_exp, target).status().code(), absl::StatusCode::kUnauthenticated);
  boost::json::object no_iat{{"iss", "client-id"}, {"exp", now + 180}};
  EXPECT_EQ(deliver(no_iat, target).status().code(), absl::StatusCode::kUnauthenticated);
  boost::json::object stranger{{"iss", "other-app"}, {"iat", now}, {"exp", now + 180}};
  EXPECT_EQ(deliver(stranger, target).status().code(), absl::StatusCode::kUnauthenticated);
  boost::json::object elsewhere{{"iss", "client-id"}, {"iat", now}, {"exp", now + 181},
                                {"qsh", QueryStringHash("POST", "/webhooks/hooks/con_other")}};
  EXPECT_EQ(deliver(elsewhere, target).status().code(), absl::StatusCode::kUnauthenticated);
  // A distinct token without qsh (OAuth 2.0 webhooks may carry none) and with a jti.
  boost::json::object with_jti{{"iss", "client-id"}, {"iat", now}, {"exp", now + 170}, {"jti", "j-1"}};
  EXPECT_TRUE(deliver(with_jti, target).ok());
  with_jti["exp"] = now + 171;  // another token, same jti: a replay
  EXPECT_EQ(deliver(with_jti, target).status().code(), absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace ucf::webhooks

namespace ucf::webhooks {
namespace {

// GitHub: X-Hub-Signature-256 over the raw body with the registration's secret (constant-time
// compare in HubSignatureMatches), the event from X-GitHub-Event, a delivery GUID accepted once;
// an unsigned, SHA-1-only or wrongly signed delivery is Unauthenticated.
TEST_F(WebhookKeepAliveTest, GitHubDeliveriesNeedXHubSignature256AndAreAcceptedOnce) {
  ASSERT_TRUE(db_->Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
                   storage::WebhookRecord w;
                   w.tenant_id = "a";
                   w.connection_id = connection_id_;
                   w.connector_id = "hooks";
                   w.provider_webhook_id = "octo/repo:1";
                   w.secret = "gh-shared-secret";
                   w.callback_url = "https://ucf.example/webhooks/hooks/" + connection_id_;
                   return s.webhooks().Create(w).status();
                 }).ok());
  const std::string body = R"({"action":"opened","issue":{"number":7},"repository":{"full_name":"octo/repo"}})";
  auto deliver = [&](const std::map<std::string, std::string>& headers) {
    InboundDelivery d;
    d.connector_id = "hooks";
    d.connection_id = connection_id_;
    d.method = "POST";
    d.target = "/webhooks/hooks/" + connection_id_;
    for (const auto& [k, v] : headers) d.headers.Set(k, v);
    d.body = body;
    return service_->Receive(d);
  };
  const std::string good = HubSignature("gh-shared-secret", body);
  auto first = deliver({{"X-Hub-Signature-256", good}, {"X-GitHub-Event", "issues"}, {"X-GitHub-Delivery", "d-1"}});
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->scheme, "hub-signature");
  EXPECT_EQ(first->event, "issues");
  // The same delivery again: a replay.
  EXPECT_EQ(deliver({{"X-Hub-Signature-256", good}, {"X-GitHub-Delivery", "d-1"}}).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(deliver({{"X-Hub-Signature-256", good}, {"X-GitHub-Delivery", "d-2"}}).ok());
  for (const std::map<std::string, std::string>& bad :
       std::vector<std::map<std::string, std::string>>{
           {},
           {{"X-Hub-Signature-256", HubSignature("another-secret", body)}},
           {{"X-Hub-Signature-256", good.substr(0, good.size() - 1) + "0"}},
           {{"X-Hub-Signature-256", "sha256="}},
           {{"X-Hub-Signature", "sha1=0123456789abcdef0123456789abcdef01234567"}}}) {
    EXPECT_EQ(deliver(bad).status().code(), absl::StatusCode::kUnauthenticated);
  }
}

}  // namespace
}  // namespace ucf::webhooks
