#include "ucf/storage/sql/sql_maintenance.hpp"

#include <string>

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/transaction.hpp"

namespace ucf::storage::sql {
namespace {

// The rows of one batch: a key subquery (bounded by LIMIT) the DELETE then removes. PostgreSQL
// skips rows other transactions hold instead of waiting for them.
struct PruneSql {
  std::string table;
  std::string key;     // the primary key columns, as a row value
  std::string filter;  // $1 = cutoff
  std::string order;   // oldest first, on an index
};

PruneSql For(Prunable what) {
  switch (what) {
    case Prunable::kAuditLogs:
      return {"audit_logs", "id", "created_at < $1", "created_at"};
    case Prunable::kFinishedJobs:
      return {"jobs", "id",
              "status IN ('succeeded', 'failed', 'canceled') AND finished_at IS NOT NULL AND finished_at < $1",
              "finished_at"};
    case Prunable::kWebhookDeliveries:
      return {"webhook_deliveries", "id", "status <> 'pending' AND created_at < $1", "created_at"};
    case Prunable::kDeletedRecords:
      return {"records", "tenant_id, connection_id, model, external_id", "deleted AND seen_at < $1",
              "seen_at"};
    case Prunable::kEvents:
      return {"events", "tenant_id, id", "created_at < $1", "created_at"};
  }
  return {};
}

std::string Statement(Prunable what, Dialect dialect) {
  PruneSql p = For(what);
  return core::StrCat("DELETE FROM ", p.table, " WHERE (", p.key, ") IN (SELECT ", p.key, " FROM ", p.table,
                      " WHERE ", p.filter, " ORDER BY ", p.order, " LIMIT $2",
                      dialect == Dialect::kPostgres ? " FOR UPDATE SKIP LOCKED" : "", ")");
}

}  // namespace

absl::StatusOr<bool> SqlMaintenance::ClaimRun(std::string_view task, std::string_view owner,
                                              core::TimePoint now, core::TimePoint next_run) {
  // One statement: the insert of a new task or the update of a due one. Concurrent claimers of
  // the same row queue on its lock and re-check the WHERE against the winner's next_run_at.
  static const std::string kSql =
      "INSERT INTO background_runs (task, next_run_at, last_owner, last_run_at) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (task) DO UPDATE SET next_run_at = excluded.next_run_at, "
      "last_owner = excluded.last_owner, last_run_at = excluded.last_run_at "
      "WHERE background_runs.next_run_at <= $4 RETURNING task";
  bool won = false;
  UCF_RETURN_IF_ERROR(RunTransaction(driver_, TxMode::kWrite, [&](Executor& db) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(Rows rows, db.Query(kSql, {task, next_run, owner, now}));
    won = !rows.empty();
    return absl::OkStatus();
  }));
  return won;
}

absl::StatusOr<std::int64_t> SqlMaintenance::PruneBatch(Prunable what, core::TimePoint cutoff, int batch) {
  if (batch < 1) return absl::InvalidArgumentError("batch must be at least 1");
  static const std::string kPostgres[] = {
      Statement(Prunable::kAuditLogs, Dialect::kPostgres), Statement(Prunable::kFinishedJobs, Dialect::kPostgres),
      Statement(Prunable::kWebhookDeliveries, Dialect::kPostgres),
      Statement(Prunable::kDeletedRecords, Dialect::kPostgres), Statement(Prunable::kEvents, Dialect::kPostgres)};
  static const std::string kSqlite[] = {
      Statement(Prunable::kAuditLogs, Dialect::kSqlite), Statement(Prunable::kFinishedJobs, Dialect::kSqlite),
      Statement(Prunable::kWebhookDeliveries, Dialect::kSqlite),
      Statement(Prunable::kDeletedRecords, Dialect::kSqlite), Statement(Prunable::kEvents, Dialect::kSqlite)};
  const auto index = static_cast<std::size_t>(what);
  std::int64_t deleted = 0;
  UCF_RETURN_IF_ERROR(RunTransaction(driver_, TxMode::kWrite, [&](Executor& db) -> absl::Status {
    const std::string& sql = db.dialect() == Dialect::kPostgres ? kPostgres[index] : kSqlite[index];
    UCF_ASSIGN_OR_RETURN(deleted, db.Exec(sql, {cutoff, static_cast<std::int64_t>(batch)}));
    return absl::OkStatus();
  }));
  return deleted;
}

}  // namespace ucf::storage::sql
