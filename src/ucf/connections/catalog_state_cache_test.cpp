// CatalogStateCache with two "instances" on one database (SQLite file or PostgreSQL): this
// instance's connection and connector-settings writes show in the connector catalog at once;
// another instance's within the ttl, never later.

#include "ucf/connections/catalog_state_cache.hpp"

#include <gtest/gtest.h>

#include "ucf/auth/oauth/oauth_test_support.hpp"
#include "ucf/connections/connection_write_watch.hpp"

namespace ucf::auth::oauth::test_support {
namespace {

using connections::CatalogStateCache;
using std::chrono::milliseconds;

class CatalogStateCacheTest : public OAuthTest {
 protected:
  void SetUp() override {
    OAuthTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    here_ = connections::WatchConnectionWrites(OpenSecondInstance(), [this] { cache_->InvalidateAll(); });
    service_ = std::make_unique<connections::ConnectionService>(*here_, clock_, registry_, catalog_);
    cache_ = std::make_unique<CatalogStateCache>(*service_, clock_, kTtl);
  }
  void TearDown() override {
    cache_.reset();
    service_.reset();
    here_.reset();
    OAuthTest::TearDown();
  }

  // Tenant a's connections of the acme connector, as the catalog would show them.
  std::int64_t AcmeConnections() {
    auto state = cache_->Get("a");
    EXPECT_TRUE(state.ok()) << state.status();
    std::int64_t n = 0;
    if (state.ok()) {
      for (const auto& c : (*state)->counts) n += c.connector_id == "acme" ? c.count : 0;
    }
    return n;
  }
  absl::Status CreateOn(storage::Database& db, std::string name) {
    storage::ConnectionRecord c;
    c.tenant_id = "a";
    c.connector_id = "acme";
    c.name = std::move(name);
    c.auth_method = "api_key";
    return db.Transact(storage::TxMode::kWrite,
                       [&](storage::Session& s) { return s.connections().Create(c).status(); });
  }
  bool ExtraDetails() {
    auto state = cache_->Get("a");
    EXPECT_TRUE(state.ok()) << state.status();
    for (const auto& s : state.ok() ? (*state)->settings : std::vector<storage::ConnectorSettingsRecord>{}) {
      if (s.connector_id == "acme") return s.extra_details;
    }
    return false;
  }

  static constexpr milliseconds kTtl{1000};
  connectors::ConnectorRegistry registry_;
  std::unique_ptr<storage::Database> here_;
  std::unique_ptr<connections::ConnectionService> service_;
  std::unique_ptr<CatalogStateCache> cache_;
};

TEST_P(CatalogStateCacheTest, ThisInstancesConnectionWritesShowAtOnceAnotherInstancesWithinTheTtl) {
  EXPECT_EQ(AcmeConnections(), 0);
  ASSERT_TRUE(CreateOn(*here_, "mine").ok());
  EXPECT_EQ(AcmeConnections(), 1);  // no clock change: dropped by the write
  ASSERT_TRUE(CreateOn(*db_, "theirs").ok());  // the other instance
  clock_.Advance(kTtl - milliseconds(1));
  EXPECT_EQ(AcmeConnections(), 1);  // from memory, within the bound
  clock_.Advance(milliseconds(1));
  EXPECT_EQ(AcmeConnections(), 2);  // never later than the ttl
}

TEST_P(CatalogStateCacheTest, ThisInstancesSettingsWriteDropsTheStateAndReadsDoNot) {
  EXPECT_FALSE(ExtraDetails());
  ASSERT_TRUE(here_->Transact(storage::TxMode::kRead, [&](storage::Session& s) {
                     return s.connector_settings().List("a").status();
                   }).ok());
  EXPECT_NE(cache_->Peek("a", milliseconds(0)), nullptr);  // a read transaction drops nothing
  ASSERT_TRUE(here_->Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
                     UCF_ASSIGN_OR_RETURN(auto settings, s.connector_settings().Get("a", "acme"));
                     settings.extra_details = true;
                     return s.connector_settings().Upsert(settings).status();
                   }).ok());
  EXPECT_EQ(cache_->Peek("a", milliseconds(0)), nullptr);
  EXPECT_TRUE(ExtraDetails());
}

TEST_P(CatalogStateCacheTest, StatesArePerTenantAndPeekWantsTheTimeLeftItIsAskedFor) {
  ASSERT_EQ(AcmeConnections(), 0);
  EXPECT_EQ(cache_->Peek("b", milliseconds(0)), nullptr);
  clock_.Advance(kTtl - milliseconds(50));
  EXPECT_NE(cache_->Peek("a", milliseconds(0)), nullptr);
  EXPECT_EQ(cache_->Peek("a", milliseconds(100)), nullptr);
}

INSTANTIATE_TEST_SUITE_P(Engines, CatalogStateCacheTest, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         EngineName);

}  // namespace
}  // namespace ucf::auth::oauth::test_support
