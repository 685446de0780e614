// ConnectionCache with two "instances" on one database (SQLite file or PostgreSQL): this instance's
// own connection writes (through WatchConnectionWrites) take effect at once; another instance's
// delete, revoke or credential change within the ttl, never later.

#include "ucf/connections/connection_cache.hpp"

#include <gtest/gtest.h>

#include "ucf/auth/oauth/oauth_test_support.hpp"
#include "ucf/connections/connection_write_watch.hpp"

namespace ucf::auth::oauth::test_support {
namespace {

using connections::ConnectionCache;
using std::chrono::milliseconds;

// Runs `during_read` after each read transaction, before its caller sees the row: a write of this
// instance committing while a read is under way.
// A connected API-key connection of tenant "a" on the "acme" connector, named `name`.
storage::ConnectionRecord ConnectedApiKeyConnection(std::string name) {
  storage::ConnectionRecord c;
  c.tenant_id = "a";
  c.connector_id = "acme";
  c.name = std::move(name);
  c.auth_method = "api_key";
  c.status = storage::ConnectionStatus::kConnected;
  return c;
}

class RacingDatabase final : public storage::Database {
 public:
  RacingDatabase(storage::Database& inner, std::function<void()> during_read)
      : during_read_(std::move(during_read)), inner_(inner) {}
  absl::Status Transact(storage::TxMode mode, absl::FunctionRef<absl::Status(storage::Session&)> fn) override {
    absl::Status s = inner_.Transact(mode, fn);
    if (mode == storage::TxMode::kRead && during_read_) during_read_();
    return s;
  }
  absl::Status Ping() override { return inner_.Ping(); }
  std::string_view Engine() const override { return inner_.Engine(); }
  absl::StatusOr<int> SchemaVersion() override { return inner_.SchemaVersion(); }
  int LatestSchemaVersion() const override { return inner_.LatestSchemaVersion(); }
  absl::Status Migrate() override { return inner_.Migrate(); }
  absl::StatusOr<storage::RotationReport> RotateSecrets(int n) override { return inner_.RotateSecrets(n); }
  std::function<void()> during_read_;

 private:
  storage::Database& inner_;
};

class ConnectionCacheTest : public OAuthTest {
 protected:
  void SetUp() override {
    OAuthTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    // This instance: its own database handle, its writes watched. The fixture's db_ is another
    // instance on the same storage.
    here_ = connections::WatchConnectionWrites(OpenSecondInstance(), [this] { cache_->InvalidateAll(); });
    cache_ = std::make_unique<ConnectionCache>(*here_, clock_, connections::ConnectionCacheOptions{.ttl = kTtl});
    storage::ConnectionRecord c = ConnectedApiKeyConnection("static");
    c.config = {{"baseUrl", "https://acme.example"}};
    c.secret_config = {{"apiKey", "secret-1"}};
    auto stored = Write([&](storage::Session& s) { return s.connections().Create(c); });
    ASSERT_TRUE(stored.ok()) << stored.status();
    id_ = stored->id;
  }
  void TearDown() override {
    cache_.reset();
    here_.reset();
    OAuthTest::TearDown();
  }

  std::string SecretSeen() {
    auto row = cache_->Get("a", id_);
    if (!row.ok()) return std::string(absl::StatusCodeToString(row.status().code()));
    return std::string((*row)->secret_config.at("apiKey").as_string());
  }
  absl::Status UpdateOn(storage::Database& db, const storage::ConnectionUpdate& update) {
    return db.Transact(storage::TxMode::kWrite, [&](storage::Session& s) {
      return s.connections().Update("a", id_, update).status();
    });
  }

  static constexpr milliseconds kTtl{1000};
  std::unique_ptr<storage::Database> here_;
  std::unique_ptr<ConnectionCache> cache_;
  std::string id_;
};

TEST_P(ConnectionCacheTest, AnotherInstancesCredentialChangeTakesEffectWithinTheTtl) {
  EXPECT_EQ(SecretSeen(), "secret-1");
  EXPECT_EQ(SecretSeen(), "secret-1");
  EXPECT_EQ(cache_->stats().misses, 1u);  // the second came from memory
  EXPECT_EQ(cache_->stats().hits, 1u);
  storage::ConnectionUpdate update;
  update.secret_config = boost::json::object{{"apiKey", "secret-2"}};
  ASSERT_TRUE(UpdateOn(*db_, update).ok());  // the other instance
  clock_.Advance(kTtl - milliseconds(1));
  EXPECT_EQ(SecretSeen(), "secret-1");  // still within the bound
  clock_.Advance(milliseconds(1));
  EXPECT_EQ(SecretSeen(), "secret-2");  // never later than ttl
}

TEST_P(ConnectionCacheTest, AnotherInstancesDeleteAndRevokeTakeEffectWithinTheTtl) {
  ASSERT_EQ(SecretSeen(), "secret-1");
  storage::ConnectionUpdate revoke;
  revoke.status = storage::ConnectionStatus::kRevoked;
  ASSERT_TRUE(UpdateOn(*db_, revoke).ok());
  clock_.Advance(kTtl);
  auto row = cache_->Get("a", id_);
  ASSERT_TRUE(row.ok()) << row.status();
  EXPECT_EQ((*row)->status, storage::ConnectionStatus::kRevoked);
  ASSERT_TRUE(db_->Transact(storage::TxMode::kWrite, [&](storage::Session& s) {
                   return s.connections().Delete("a", id_);
                 }).ok());
  EXPECT_NE(cache_->Peek("a", id_), nullptr);
  clock_.Advance(kTtl);
  EXPECT_EQ(cache_->Peek("a", id_), nullptr);  // stale rows are not handed out from memory either
  EXPECT_EQ(SecretSeen(), "NOT_FOUND");
}

TEST_P(ConnectionCacheTest, ThisInstancesWritesTakeEffectAtOnce) {
  ASSERT_EQ(SecretSeen(), "secret-1");
  storage::ConnectionUpdate update;
  update.secret_config = boost::json::object{{"apiKey", "secret-3"}};
  ASSERT_TRUE(UpdateOn(*here_, update).ok());
  EXPECT_EQ(cache_->Peek("a", id_), nullptr);
  EXPECT_EQ(SecretSeen(), "secret-3");  // no clock change
  storage::ConnectionUpdate revoke;
  revoke.status = storage::ConnectionStatus::kRevoked;
  ASSERT_TRUE(UpdateOn(*here_, revoke).ok());
  auto row = cache_->Get("a", id_);
  ASSERT_TRUE(row.ok());
  EXPECT_EQ((*row)->status, storage::ConnectionStatus::kRevoked);
  ASSERT_TRUE(here_->Transact(storage::TxMode::kWrite, [&](storage::Session& s) {
                     return s.connections().Delete("a", id_);
                   }).ok());
  EXPECT_EQ(SecretSeen(), "NOT_FOUND");
}

TEST_P(ConnectionCacheTest, ATenantWriteOfThisInstanceDropsTheRowsAndReadsDoNot) {
  ASSERT_EQ(SecretSeen(), "secret-1");
  ASSERT_TRUE(here_->Transact(storage::TxMode::kRead, [&](storage::Session& s) {
                     return s.connections().Get("a", id_).status();
                   }).ok());
  EXPECT_NE(cache_->Peek("a", id_), nullptr);  // a read transaction drops nothing
  ASSERT_TRUE(here_->Transact(storage::TxMode::kWrite, [&](storage::Session& s) {
                     return s.tenants().Get("a").status();
                   }).ok());
  EXPECT_EQ(cache_->Peek("a", id_), nullptr);
}

TEST_P(ConnectionCacheTest, OtherTenantsAndUnknownIdsAreNotFoundAndNotCached) {
  EXPECT_EQ(cache_->Get("b", id_).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(cache_->Get("a", "con_missing").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(cache_->Peek("b", id_), nullptr);
  EXPECT_EQ(cache_->Peek("a", "con_missing"), nullptr);
}

TEST_P(ConnectionCacheTest, ARowReadWhileThisInstanceWroteIsNotKept) {
  ConnectionCache* cache = nullptr;
  RacingDatabase racing(*here_, [&] { cache->InvalidateAll(); });
  ConnectionCache racy(racing, clock_, connections::ConnectionCacheOptions{.ttl = kTtl});
  cache = &racy;
  ASSERT_TRUE(racy.Get("a", id_).ok());
  EXPECT_EQ(racy.Peek("a", id_), nullptr);  // the write may have changed it: not cached
  racing.during_read_ = nullptr;
  ASSERT_TRUE(racy.Get("a", id_).ok());
  EXPECT_NE(racy.Peek("a", id_), nullptr);
}

TEST_P(ConnectionCacheTest, PeekWantsTheTimeLeftItIsAskedFor) {
  ASSERT_EQ(SecretSeen(), "secret-1");
  clock_.Advance(kTtl - milliseconds(50));
  EXPECT_NE(cache_->Peek("a", id_), nullptr);
  EXPECT_EQ(cache_->Peek("a", id_, milliseconds(100)), nullptr);
}

TEST_P(ConnectionCacheTest, StaysWithinItsSize) {
  connections::ConnectionCache small(*here_, clock_, connections::ConnectionCacheOptions{.ttl = kTtl, .max_entries = 1});
  ASSERT_TRUE(small.Get("a", id_).ok());
  storage::ConnectionRecord c = ConnectedApiKeyConnection("second");
  auto second = Write([&](storage::Session& s) { return s.connections().Create(c); });
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(small.Get("a", second->id).ok());
  EXPECT_NE(small.Peek("a", second->id), nullptr);
  EXPECT_EQ(small.Peek("a", id_), nullptr);  // made room
}

INSTANTIATE_TEST_SUITE_P(Engines, ConnectionCacheTest, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         EngineName);

}  // namespace
}  // namespace ucf::auth::oauth::test_support
