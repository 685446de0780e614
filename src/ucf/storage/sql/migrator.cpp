#include "ucf/storage/sql/migrator.hpp"

#include <cstddef>
#include <cstdint>

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/row_reader.hpp"
#include "ucf/storage/sql/transaction.hpp"

namespace ucf::storage::sql {
namespace {

absl::StatusOr<int> ReadVersion(Executor& db) {
  std::string_view exists_sql =
      db.dialect() == Dialect::kPostgres
          ? "SELECT COUNT(*) FROM pg_catalog.pg_tables "
            "WHERE schemaname = current_schema() AND tablename = 'schema_migrations'"
          : "SELECT COUNT(*) FROM sqlite_master "
            "WHERE type = 'table' AND name = 'schema_migrations'";
  UCF_ASSIGN_OR_RETURN(Rows exists, db.Query(exists_sql, {}));
  if (exists.empty()) return absl::InternalError("COUNT returned no row");
  RowReader e(exists[0], "schema_migrations");
  std::int64_t tables = e.Int();
  UCF_RETURN_IF_ERROR(e.status());
  if (tables == 0) return 0;
  UCF_ASSIGN_OR_RETURN(Rows rows,
                       db.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {}));
  if (rows.empty()) return absl::InternalError("MAX returned no row");
  RowReader r(rows[0], "schema_migrations");
  int version = static_cast<int>(r.Int());
  UCF_RETURN_IF_ERROR(r.status());
  return version;
}

absl::Status CheckMigrationList(absl::Span<const Migration> migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return absl::InternalError("migration versions must be 1, 2, 3, … without gaps");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status SchemaTooNewError(int database_version, int latest_known) {
  return absl::FailedPreconditionError(core::StrCat(
      "database schema version ", database_version, " is newer than this UCF binary supports (",
      latest_known, "); upgrade UCF or point DATABASE_URL at another database"));
}

absl::StatusOr<int> ReadSchemaVersion(Driver& driver) {
  int version = 0;
  UCF_RETURN_IF_ERROR(RunTransaction(driver, TxMode::kRead, [&](Executor& db) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(version, ReadVersion(db));
    return absl::OkStatus();
  }));
  return version;
}

absl::Status ApplyMigrations(Driver& driver, const core::Clock& clock) {
  absl::Span<const Migration> migrations = driver.Migrations();
  UCF_RETURN_IF_ERROR(CheckMigrationList(migrations));
  const int latest = static_cast<int>(migrations.size());
  bool done = false;
  while (!done) {
    UCF_RETURN_IF_ERROR(RunTransaction(driver, TxMode::kWrite, [&](Executor& db) -> absl::Status {
      // The lock comes before everything else, even CREATE TABLE IF NOT EXISTS, which is not
      // safe against a concurrent twin on PostgreSQL.
      UCF_RETURN_IF_ERROR(driver.LockForMigration(db));
      UCF_RETURN_IF_ERROR(db.ExecScript(driver.SchemaMigrationsDdl()));
      UCF_ASSIGN_OR_RETURN(int current, ReadVersion(db));
      if (current > latest) return SchemaTooNewError(current, latest);
      if (current == latest) {
        done = true;
        return absl::OkStatus();
      }
      const Migration& next = migrations[current];
      UCF_RETURN_IF_ERROR(db.ExecScript(next.sql));
      return db
          .Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                {next.version, next.name, clock.Now()})
          .status();
    }));
  }
  return absl::OkStatus();
}

}  // namespace ucf::storage::sql
