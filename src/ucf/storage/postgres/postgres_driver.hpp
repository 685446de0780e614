#pragma once
// The PostgreSQL engine: a bounded pool of libpq connections.

#include <chrono>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "ucf/storage/postgres/pg_connection.hpp"
#include "ucf/storage/sql/connection_pool.hpp"
#include "ucf/storage/sql/driver.hpp"

namespace ucf::storage::postgres {

struct PostgresDriverOptions {
  std::string url;  // may hold a password: never logged or put in an error
  int max_connections = 8;
  // How long a transaction waits for a pooled connection (and connect timeout).
  std::chrono::milliseconds acquire_timeout{10000};
};

// Thread-safe. Each transaction borrows one connection (READ COMMITTED; kRead transactions are
// READ ONLY); a connection that broke or was left inside a transaction is closed, not reused.
class PostgresDriver final : public sql::Driver {
 public:
  // Connects once to check that the server answers (Unavailable otherwise).
  static absl::StatusOr<std::unique_ptr<PostgresDriver>> Open(const PostgresDriverOptions& options);

  std::string_view Name() const override { return "postgresql"; }
  absl::Status RunInTransaction(TxMode mode,
                                absl::FunctionRef<absl::Status(sql::Executor&)> fn) override;
  absl::Span<const sql::Migration> Migrations() const override;
  std::string_view SchemaMigrationsDdl() const override;
  // A transaction-level advisory lock, so instances starting together migrate one at a time.
  absl::Status LockForMigration(sql::Executor& executor) override;

 private:
  explicit PostgresDriver(const PostgresDriverOptions& options);

  const PostgresDriverOptions options_;
  sql::ConnectionPool<PgConnection> pool_;
};

}  // namespace ucf::storage::postgres
