#include "ucf/auth/authenticator.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/support/scratch_sqlite.hpp"
#include "ucf/auth/api_key_codec.hpp"
#include "ucf/auth/api_key_service.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::auth {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// Counts the transactions run through it (the rest forwards to the real database).
class CountingDatabase final : public storage::Database {
 public:
  explicit CountingDatabase(storage::Database& inner) : inner_(inner) {}
  absl::Status Transact(storage::TxMode mode,
                        absl::FunctionRef<absl::Status(storage::Session&)> fn) override {
    ++transactions;
    return inner_.Transact(mode, fn);
  }
  absl::Status Ping() override { return inner_.Ping(); }
  std::string_view Engine() const override { return inner_.Engine(); }
  absl::StatusOr<int> SchemaVersion() override { return inner_.SchemaVersion(); }
  int LatestSchemaVersion() const override { return inner_.LatestSchemaVersion(); }
  absl::Status Migrate() override { return inner_.Migrate(); }
  absl::StatusOr<storage::RotationReport> RotateSecrets(int batch_size) override {
    return inner_.RotateSecrets(batch_size);
  }
  std::atomic<int> transactions{0};

 private:
  storage::Database& inner_;
};

class AuthenticatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.Set(core::ParseRfc3339("2026-01-01T00:00:00Z").value());
    storage::TenantRecord tenant{.id = "acme", .name = "Acme"};
    ASSERT_TRUE(db().Transact(storage::TxMode::kWrite, [&](storage::Session& s) {
                      return s.tenants().Create(tenant).status();
                    }).ok());
    auto created = keys_.Create(audit::Actor{"acme", "admin", "", ""}, "ci");
    ASSERT_TRUE(created.ok()) << created.status();
    key_ = created->key;
    key_id_ = created->record.id;
  }
  storage::Database& db() { return scratch_.db(); }
  std::optional<core::TimePoint> StoredLastUse() {
    std::optional<core::TimePoint> out;
    EXPECT_TRUE(db().Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
                      auto key = s.api_keys().FindByPrefix(*ApiKeyPrefix(key_));
                      if (!key.ok()) return key.status();
                      out = key->last_used_at;
                      return absl::OkStatus();
                    }).ok());
    return out;
  }

  core::FakeClock clock_;
  testing::ScratchSqlite scratch_{clock_};
  Authenticator authenticator_{db(), "admin-token-0123456789abcdef", clock_};
  ApiKeyService keys_{db(), authenticator_};
  std::string key_, key_id_;
};

// Issue 9, hole 4: authenticating an uncached key only reads, so it does not queue behind a
// long write transaction (on SQLite, one writer at a time: before, it waited for the writer and,
// after the busy timeout, failed with 503).
TEST_F(AuthenticatorTest, AnUncachedKeyIsAuthenticatedWhileAWriterHoldsTheDatabase) {
  std::atomic<bool> holding{false};
  std::thread writer([&] {
    ASSERT_TRUE(db().Transact(storage::TxMode::kWrite, [&](storage::Session& s) {
                      auto tenant = s.tenants().Create({.id = "other", .name = "Other"});
                      holding = true;
                      std::this_thread::sleep_for(seconds(3));
                      return tenant.status();
                    }).ok());
  });
  while (!holding.load()) std::this_thread::sleep_for(milliseconds(5));
  auto started = std::chrono::steady_clock::now();
  auto principal = authenticator_.Authenticate("Bearer " + key_);
  auto took = std::chrono::steady_clock::now() - started;
  writer.join();
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_EQ(principal->tenant_id, "acme");
  EXPECT_LT(took, milliseconds(1000));
}

// The use is noted in memory, shown by the key listing at once, and stored by the flush.
TEST_F(AuthenticatorTest, LastUseIsStoredByTheFlushNotByAuthentication) {
  ASSERT_TRUE(authenticator_.Authenticate("Bearer " + key_).ok());
  EXPECT_FALSE(StoredLastUse().has_value());
  auto listed = keys_.List("acme");
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->at(0).last_used_at, clock_.Now());

  core::TimePoint first_use = clock_.Now();
  EXPECT_EQ(authenticator_.FlushLastUsed().value(), 1);
  EXPECT_EQ(StoredLastUse(), first_use);
  EXPECT_FALSE(authenticator_.UnflushedLastUse(key_id_).has_value());

  clock_.Advance(seconds(5));
  ASSERT_TRUE(authenticator_.Authenticate("Bearer " + key_).ok());  // cached, noted a minute apart
  EXPECT_EQ(authenticator_.FlushLastUsed().value(), 0);
  clock_.Advance(std::chrono::minutes(1));
  ASSERT_TRUE(authenticator_.Authenticate("Bearer " + key_).ok());
  EXPECT_EQ(authenticator_.FlushLastUsed().value(), 1);
  EXPECT_EQ(StoredLastUse(), clock_.Now());

  // Wrong keys note nothing.
  EXPECT_FALSE(authenticator_.Authenticate("Bearer " + key_ + "x").ok());
  EXPECT_EQ(authenticator_.FlushLastUsed().value(), 0);
}

// The hot path reads no storage: a validated key is answered from memory until the cache's TTL,
// then looked up once. That TTL is also the documented bound for a revocation made by ANOTHER
// instance on the same database (this instance's own revocations are at once: Forget): the key
// still passes here just before it, and is refused from it on.
TEST_F(AuthenticatorTest, AKeyRevokedByAnotherInstanceIsRefusedHereWithinTheCacheTtl) {
  CountingDatabase counted(db());
  Authenticator here(counted, "", clock_, seconds(10));
  Authenticator there_auth(db(), "", clock_, seconds(10));
  ApiKeyService there(db(), there_auth);  // the other instance

  ASSERT_TRUE(here.Authenticate("Bearer " + key_).ok());
  EXPECT_EQ(counted.transactions.load(), 1);  // the first use looks the key up
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(here.Authenticate("Bearer " + key_).ok());
  EXPECT_EQ(counted.transactions.load(), 1);  // then memory only

  ASSERT_TRUE(there.Revoke(audit::Actor{"acme", "admin", "", ""}, key_id_).ok());
  EXPECT_FALSE(there_auth.Authenticate("Bearer " + key_).ok());  // at once where it was revoked
  clock_.Advance(seconds(9));
  EXPECT_TRUE(here.Authenticate("Bearer " + key_).ok());  // within the bound: still cached here
  clock_.Advance(seconds(1));
  auto refused = here.Authenticate("Bearer " + key_);  // the bound reached: looked up, refused
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(here.Screen("Bearer " + key_), Authenticator::Triage::kNeedsLookUp);
}

// FreshTenant (the proxy's "may this run on a network thread" check) answers only while
// Authenticate would answer from memory; the placement hint (CachedTenant) outlives it.
TEST_F(AuthenticatorTest, FreshTenantOnlyWhileAuthenticatingNeedsNoStorage) {
  const std::string header = "Bearer " + key_;
  EXPECT_FALSE(authenticator_.FreshTenant(header).has_value());  // created here, never looked up yet
  ASSERT_TRUE(authenticator_.Authenticate(header).ok());
  EXPECT_EQ(authenticator_.FreshTenant(header), "acme");
  clock_.Advance(seconds(10) - milliseconds(1));
  EXPECT_EQ(authenticator_.FreshTenant(header), "acme");
  clock_.Advance(milliseconds(1));  // the cache's ttl: the next Authenticate reads storage
  EXPECT_FALSE(authenticator_.FreshTenant(header).has_value());
  EXPECT_EQ(authenticator_.CachedTenant(header), "acme");
  EXPECT_FALSE(authenticator_.FreshTenant("Bearer admin-token-0123456789abcdef").has_value());
  EXPECT_FALSE(authenticator_.FreshTenant(header + "x").has_value());
  EXPECT_FALSE(authenticator_.FreshTenant("").has_value());
}

}  // namespace
}  // namespace ucf::auth
