#include "ucf/webhooks/webhook_service.hpp"

#include <gtest/gtest.h>

#include "tests/support/scratch_sqlite.hpp"


#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/http/client/fake_http_client.hpp"

namespace ucf::webhooks {
namespace {

using connections::AccessTokenProvider;
using connections::ConnectorManager;

using std::chrono::hours;

// A connector whose webhook refresh answers a fixed new expiry, or fails for one webhook id.
class HookConnector final : public connectors::Connector {
 public:
  HookConnector() {
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
    if (r.provider_webhook_id == "broken") return absl::UnavailableError("provider down");
    connectors::WebhookRegistration out = r;
    out.expires_at = "2099-01-01T00:00:00.000Z";
    return out;
  }

 private:
  connectors::ConnectorDescription description_;
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
    ASSERT_TRUE(registry_.Add(std::make_unique<HookConnector>()).ok());
    manager_ = std::make_unique<ConnectorManager>(*db_, registry_, catalog_, http_, tokens_);
    service_ = std::make_unique<WebhookService>(
        *db_, *manager_, catalog_,
        [](storage::Session&, std::string_view, const catalog::ProviderSpec&)
            -> absl::StatusOr<auth::oauth::OAuthClient> { return absl::NotFoundError("none"); },
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

  core::SystemClock clock_;
  std::unique_ptr<testing::ScratchSqlite> scratch_;
  storage::Database* db_ = nullptr;
  connectors::ConnectorRegistry registry_;
  catalog::ProviderCatalog catalog_;
  http::FakeHttpClient http_;
  NoTokens tokens_;
  std::unique_ptr<ConnectorManager> manager_;
  std::unique_ptr<WebhookService> service_;
  std::map<std::string, std::string> ids_;
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

}  // namespace
}  // namespace ucf::webhooks
