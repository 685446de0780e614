#pragma once
// The fixture of the storage contract suite: every TEST_P(StorageContractTest, …) runs once per
// engine, each time against a fresh database (SQLite: a new temp directory; PostgreSQL: a new
// database on the server named by UCF_TEST_POSTGRES_URL, dropped afterwards; without that
// variable the PostgreSQL cases are skipped).

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/crypto/key_ring.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/storage/database_options.hpp"

namespace ucf::storage::test_support {

inline absl::Status ToStatus(const absl::Status& s) { return s; }
template <typename T>
absl::Status ToStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

#define UCF_EXPECT_OK(expr)                                                     \
  do {                                                                          \
    const ::absl::Status ucf_s_ = ::ucf::storage::test_support::ToStatus(expr); \
    EXPECT_TRUE(ucf_s_.ok()) << ucf_s_;                                         \
  } while (false)
#define UCF_ASSERT_OK(expr)                                                     \
  do {                                                                          \
    const ::absl::Status ucf_s_ = ::ucf::storage::test_support::ToStatus(expr); \
    ASSERT_TRUE(ucf_s_.ok()) << ucf_s_;                                         \
  } while (false)
#define UCF_ASSERT_OK_AND_ASSIGN(lhs, expr) \
  UCF_ASSERT_OK_AND_ASSIGN_IMPL(UCF_STATUS_CONCAT(ucf_t_, __LINE__), lhs, expr)
#define UCF_ASSERT_OK_AND_ASSIGN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  ASSERT_TRUE(tmp.ok()) << tmp.status();              \
  lhs = std::move(tmp).value()
#define UCF_EXPECT_CODE(expr, expected) \
  EXPECT_EQ(::ucf::storage::test_support::ToStatus(expr).code(), ::absl::StatusCode::expected)

enum class Engine { kSqlite, kPostgres };

std::string EngineName(const ::testing::TestParamInfo<Engine>& info);
// Lets gtest (and ctest's test names) print "sqlite" / "postgresql" instead of raw bytes.
void PrintTo(Engine engine, std::ostream* os);

// Three distinct Fernet keys, fixed for the whole test process.
const std::string& Key1();
const std::string& Key2();
const std::string& Key3();

class StorageContractTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Closes the database (if open) and opens it again with the comma-separated Fernet key list
  // `keys` (the first key seals).
  absl::Status Reopen(const std::string& keys, bool migrate = true);
  void Close();
  Database& db() { return *db_; }

  // Runs `fn(Session&)` in one transaction and returns what it returned (a Status or StatusOr).
  template <typename Fn>
  auto Tx(TxMode mode, Fn&& fn) {
    using R = std::invoke_result_t<Fn&, Session&>;
    if constexpr (std::is_same_v<R, absl::Status>) {
      return db_->Transact(mode, fn);
    } else {
      std::optional<R> out;
      absl::Status status = db_->Transact(mode, [&](Session& s) {
        out.emplace(fn(s));
        return out->status();
      });
      if (!status.ok()) return R(status);
      return *std::move(out);
    }
  }
  template <typename Fn>
  auto Write(Fn&& fn) {
    return Tx(TxMode::kWrite, std::forward<Fn>(fn));
  }
  template <typename Fn>
  auto Read(Fn&& fn) {
    return Tx(TxMode::kRead, std::forward<Fn>(fn));
  }

  // Points options_ at a new, empty database (dropped at the end of the test); does not open it.
  void UseFreshDatabase();

  // Runs raw SQL on the database behind the stores' back (test setup only).
  absl::Status RawExec(std::string_view sql);
  // What someone holding the storage would see: the SQLite file and its WAL, or a pg_dump.
  absl::StatusOr<std::string> RawDump();

  // Seeds a tenant, and a connection of `tenant` (connector "github" unless given).
  void AddTenant(const std::string& id);
  ConnectionRecord AddConnection(const std::string& tenant, const std::string& name,
                                 const std::string& connector = "github");

  core::FakeClock clock_;
  DatabaseOptions options_;
  std::unique_ptr<crypto::KeyRing> cipher_;
  std::unique_ptr<Database> db_;

 private:
  std::string dir_;                     // SQLite: root of this test's data directories
  std::string server_url_;              // PostgreSQL: the server (maintenance database)
  std::vector<std::string> databases_;  // PostgreSQL: databases created by this test
};

}  // namespace ucf::storage::test_support
