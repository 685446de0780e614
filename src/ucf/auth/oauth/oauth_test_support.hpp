#pragma once
// Shared fixture of the OAuth unit tests: a real database (SQLite in a temp dir, or a scratch
// PostgreSQL database when UCF_TEST_POSTGRES_URL is set) with tenants "a" and "b", a FakeClock, a
// FakeHttpClient standing in for the provider, and a catalog holding the built-in providers plus
// "acme", a generic OAuth provider (PKCE, basic client auth, rotating refresh tokens, RFC 7009).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/json/serialize.hpp"
#include "tests/support/scratch_database.hpp"
#include "ucf/auth/oauth/oauth_client.hpp"
#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/crypto/fernet.hpp"
#include "ucf/crypto/key_ring.hpp"
#include "ucf/http/client/fake_http_client.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/storage/open/open_database.hpp"

namespace ucf::auth::oauth::test_support {

enum class Engine { kSqlite, kPostgres };

inline std::string EngineName(const ::testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::kSqlite ? "sqlite" : "postgresql";
}
// Lets gtest and ctest print "sqlite" / "postgresql" instead of raw bytes.
inline void PrintTo(Engine engine, std::ostream* os) {
  *os << (engine == Engine::kSqlite ? "sqlite" : "postgresql");
}

inline constexpr std::string_view kAcmeCatalog = R"({"providers": [{
  "id": "acme", "displayName": "Acme ID", "authMethods": ["oauth2"],
  "apiBaseUrl": "https://api.acme.test/{region}",
  "urlParams": [{"name": "region", "pattern": "^[a-z]{2}[0-9]$", "example": "eu1"}],
  "oauth": {
    "authorizeUrl": "https://{region}.id.acme.test/oauth/authorize?tenant=main",
    "tokenUrl": "https://{region}.id.acme.test/oauth/token",
    "revokeUrl": "https://{region}.id.acme.test/oauth/revoke",
    "defaultScopes": ["read", "write", "offline_access"],
    "extraAuthorizeParams": {"prompt": "consent"},
    "pkce": true, "clientAuth": "basic",
    "tokenResponse": {"keep": ["instance_url"]}
  }}]})";

inline constexpr std::string_view kClientId = "client-1";
inline constexpr std::string_view kClientSecret = "s3cr3t/+&= x";
inline constexpr std::string_view kTokenUrl = "https://eu1.id.acme.test/oauth/token";
inline constexpr std::string_view kRevokeUrl = "https://eu1.id.acme.test/oauth/revoke";

class OAuthTest : public ::testing::TestWithParam<Engine> {
 protected:
  template <typename Fn>
  auto Tx(storage::TxMode mode, Fn&& fn) {
    using R = std::invoke_result_t<Fn&, storage::Session&>;
    if constexpr (std::is_same_v<R, absl::Status>) {
      return db_->Transact(mode, fn);
    } else {
      std::optional<R> out;
      absl::Status status = db_->Transact(mode, [&](storage::Session& s) {
        out.emplace(fn(s));
        return out->status();
      });
      if (!status.ok()) return R(status);
      return *std::move(out);
    }
  }
  template <typename Fn>
  auto Write(Fn&& fn) {
    return Tx(storage::TxMode::kWrite, std::forward<Fn>(fn));
  }
  template <typename Fn>
  auto Read(Fn&& fn) {
    return Tx(storage::TxMode::kRead, std::forward<Fn>(fn));
  }

  void SetUp() override {
    clock_.Set(core::ParseRfc3339("2026-01-01T00:00:00Z").value());
    scratch_ = std::make_unique<ucf::testing::ScratchDatabase>(GetParam() == Engine::kPostgres,
                                                               "ucf_oauth");
    if (!scratch_->skip_reason().empty()) GTEST_SKIP() << scratch_->skip_reason();
    ASSERT_TRUE(scratch_->error().empty()) << scratch_->error();
    options_ = scratch_->options();
    options_.max_connections = 16;
    auto ring = crypto::KeyRing::FromList(crypto::Fernet::GenerateKey(), clock_);
    ASSERT_TRUE(ring.ok()) << ring.status();
    cipher_ = std::move(*ring);
    auto db = storage::OpenDatabase(options_, *cipher_, clock_);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);

    auto base = catalog::BuiltinCatalog();
    ASSERT_TRUE(base.ok()) << base.status();
    auto extra = catalog::ParseCatalog(kAcmeCatalog, "test");
    ASSERT_TRUE(extra.ok()) << extra.status();
    catalog_ = catalog::Merge(*base, *extra);

    for (const char* tenant : {"a", "b"}) {
      storage::TenantRecord t{.id = tenant, .name = core::StrCat("Tenant ", tenant)};
      ASSERT_TRUE(Write([&](storage::Session& s) { return s.tenants().Create(t).status(); }).ok());
    }
    ConfigureClient("a", "acme");
  }

  void TearDown() override {
    db_.reset();
    scratch_.reset();
  }

  // Opens a second Database on the same storage (another "instance").
  std::unique_ptr<storage::Database> OpenSecondInstance() {
    auto db = storage::OpenDatabase(options_, *cipher_, clock_);
    EXPECT_TRUE(db.ok()) << db.status();
    return db.ok() ? std::move(*db) : nullptr;
  }

  void ConfigureClient(const std::string& tenant, const std::string& connector,
                       std::vector<std::string> scopes = {}) {
    storage::ConnectorSettingsRecord settings;
    settings.tenant_id = tenant;
    settings.connector_id = connector;
    settings.oauth_client_id = std::string(kClientId);
    settings.oauth_client_secret = std::string(kClientSecret);
    settings.scopes = std::move(scopes);
    ASSERT_TRUE(Write([&](storage::Session& s) {
                  return s.connector_settings().Upsert(settings).status();
                }).ok());
  }

  // A connected OAuth connection of `tenant` with a token expiring at `expires_at`.
  storage::ConnectionRecord SeedConnection(const std::string& tenant, const std::string& connector,
                                           const std::string& access,
                                           std::optional<std::string> refresh,
                                           std::optional<core::TimePoint> expires_at) {
    storage::ConnectionRecord c;
    c.tenant_id = tenant;
    c.connector_id = connector;
    c.name = "main";
    c.auth_method = "oauth2";
    c.status = storage::ConnectionStatus::kConnected;
    c.config = {{"urlParams", {{"region", "eu1"}}}};
    auto stored = Write([&](storage::Session& s) { return s.connections().Create(c); });
    EXPECT_TRUE(stored.ok()) << stored.status();
    storage::TokenRecord t;
    t.tenant_id = tenant;
    t.connection_id = stored->id;
    t.access_token = access;
    t.refresh_token = std::move(refresh);
    t.scopes = {"read"};
    t.expires_at = expires_at;
    EXPECT_TRUE(Write([&](storage::Session& s) { return s.tokens().Put(t).status(); }).ok());
    return *stored;
  }

  absl::StatusOr<storage::TokenRecord> CurrentToken(const std::string& tenant,
                                                    const std::string& connection) {
    return Read([&](storage::Session& s) { return s.tokens().GetCurrent(tenant, connection); });
  }

  absl::StatusOr<storage::ConnectionRecord> Connection(const std::string& tenant,
                                                       const std::string& id) {
    return Read([&](storage::Session& s) { return s.connections().Get(tenant, id); });
  }

  // The tenant's audit entries, oldest first.
  std::vector<storage::AuditLogRecord> Audit(const std::string& tenant) {
    auto page = Read([&](storage::Session& s) {
      return s.audit_logs().List(tenant, storage::AuditLogFilter{}, "", 200);
    });
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<storage::AuditLogRecord> out(page->items.rbegin(), page->items.rend());
    return out;
  }
  // Sorted: entries written at the same (fake) instant have no defined order.
  std::vector<std::string> AuditActions(const std::string& tenant) {
    std::vector<std::string> out;
    for (const auto& e : Audit(tenant)) out.push_back(e.action);
    std::sort(out.begin(), out.end());
    return out;
  }
  // The tenant's only entry with `action` (fails the test when there is not exactly one).
  storage::AuditLogRecord AuditEntry(const std::string& tenant, std::string_view action) {
    std::vector<storage::AuditLogRecord> found;
    for (auto& e : Audit(tenant)) {
      if (e.action == action) found.push_back(e);
    }
    EXPECT_EQ(found.size(), 1u) << action;
    return found.empty() ? storage::AuditLogRecord{} : found.front();
  }

  // Every audit entry, serialised, for "no secret leaked" checks.
  std::string AuditText(const std::string& tenant) {
    std::string out;
    for (const auto& e : Audit(tenant)) out += boost::json::serialize(e.details);
    return out;
  }

  core::FakeClock clock_;
  http::FakeHttpClient http_;
  catalog::ProviderCatalog catalog_;
  OAuthClientResolver resolver_ = ClientFromConnectorSettings;
  storage::DatabaseOptions options_;
  std::unique_ptr<crypto::KeyRing> cipher_;
  std::unique_ptr<storage::Database> db_;

 private:
  std::unique_ptr<ucf::testing::ScratchDatabase> scratch_;
};

// A JSON token endpoint answer.
inline http::UpstreamResponse JsonResponse(int status, std::string body) {
  http::UpstreamResponse r;
  r.status = status;
  r.headers.Set("Content-Type", "application/json");
  r.body = std::move(body);
  return r;
}

}  // namespace ucf::auth::oauth::test_support
