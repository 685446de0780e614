#include "ucf/storage/postgres/postgres_driver.hpp"

#include "ucf/core/status_macros.hpp"
#include "ucf/storage/postgres/migrations.hpp"

namespace ucf::storage::postgres {

PostgresDriver::PostgresDriver(const PostgresDriverOptions& options)
    : options_(options),
      pool_([this] { return PgConnection::Connect(options_.url, options_.acquire_timeout); },
            options_.max_connections, options_.acquire_timeout) {}

absl::StatusOr<std::unique_ptr<PostgresDriver>> PostgresDriver::Open(
    const PostgresDriverOptions& options) {
  std::unique_ptr<PostgresDriver> driver(new PostgresDriver(options));
  UCF_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> first, driver->pool_.Acquire());
  driver->pool_.Release(std::move(first), /*reusable=*/true);
  return driver;
}

absl::Status PostgresDriver::RunInTransaction(TxMode mode,
                                              absl::FunctionRef<absl::Status(sql::Executor&)> fn) {
  const char* begin = mode == TxMode::kRead ? "BEGIN READ ONLY" : "BEGIN";
  UCF_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> conn, pool_.Acquire());
  absl::Status status = conn->ExecScript(begin);
  // Pooled connections the server dropped while idle (restart, idle timeout) fail here, before
  // anything ran, so retrying is safe; every idle connection may be dead, hence the bound.
  for (int retry = 0; !status.ok() && !conn->Connected() && retry < options_.max_connections;
       ++retry) {
    pool_.Release(std::move(conn), /*reusable=*/false);
    UCF_ASSIGN_OR_RETURN(conn, pool_.Acquire());
    status = conn->ExecScript(begin);
  }
  if (status.ok()) {
    status = fn(*conn);
    if (status.ok()) {
      status = conn->ExecScript("COMMIT");
    } else {
      conn->ExecScript("ROLLBACK").IgnoreError();
    }
  }
  bool reusable = conn->Reusable();
  pool_.Release(std::move(conn), reusable);
  return status;
}

absl::Span<const sql::Migration> PostgresDriver::Migrations() const { return PostgresMigrations(); }

std::string_view PostgresDriver::SchemaMigrationsDdl() const {
  return "CREATE TABLE IF NOT EXISTS schema_migrations ("
         "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)";
}

absl::Status PostgresDriver::LockForMigration(sql::Executor& executor) {
  return executor.LockKey("ucf:schema_migrations");
}

}  // namespace ucf::storage::postgres
