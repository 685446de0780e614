#include "ucf/storage/sql/sql_sync_schedule_store.hpp"

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/ownership.hpp"
#include "ucf/storage/sql/row_reader.hpp"

namespace ucf::storage::sql {
namespace {

constexpr std::string_view kSyncScheduleColumns =
    "tenant_id, connection_id, model, every_seconds, full_every, runs, next_fire_at, created_at, updated_at";

absl::StatusOr<SyncScheduleRecord> ReadSchedule(const Row& row) {
  RowReader r(row, "sync_schedules");
  SyncScheduleRecord s;
  s.tenant_id = r.Text();
  s.connection_id = r.Text();
  s.model = r.Text();
  s.every_seconds = static_cast<int>(r.Int());
  s.full_every = static_cast<int>(r.Int());
  s.runs = r.Int();
  s.next_fire_at = r.Time();
  s.created_at = r.Time();
  s.updated_at = r.Time();
  UCF_RETURN_IF_ERROR(r.status());
  return s;
}

absl::StatusOr<std::vector<SyncScheduleRecord>> ReadAll(const Rows& rows) {
  std::vector<SyncScheduleRecord> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    UCF_ASSIGN_OR_RETURN(SyncScheduleRecord s, ReadSchedule(row));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

absl::StatusOr<SyncScheduleRecord> SqlSyncScheduleStore::Put(const SyncScheduleRecord& s) {
  UCF_RETURN_IF_ERROR(RequireConnection(ctx_.db, s.tenant_id, s.connection_id));
  static const std::string kSql = core::StrCat(
      "INSERT INTO sync_schedules (", kSyncScheduleColumns,
      ") VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $7) ON CONFLICT (tenant_id, connection_id, model) "
      "DO UPDATE SET every_seconds = excluded.every_seconds, full_every = excluded.full_every, "
      "next_fire_at = excluded.next_fire_at, updated_at = excluded.updated_at RETURNING ",
      kSyncScheduleColumns);
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {s.tenant_id, s.connection_id, s.model,
                                                       static_cast<std::int64_t>(s.every_seconds),
                                                       static_cast<std::int64_t>(s.full_every), s.next_fire_at,
                                                       ctx_.clock.Now()}));
  if (rows.empty()) return absl::InternalError("sync_schedules upsert returned no row");
  return ReadSchedule(rows[0]);
}

absl::StatusOr<std::vector<SyncScheduleRecord>> SqlSyncScheduleStore::List(std::string_view tenant_id,
                                                                          std::string_view connection_id) {
  static const std::string kSql = core::StrCat(
      "SELECT ", kSyncScheduleColumns, " FROM sync_schedules WHERE tenant_id = $1 AND connection_id = $2 ORDER BY model");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id, connection_id}));
  return ReadAll(rows);
}

absl::Status SqlSyncScheduleStore::Delete(std::string_view tenant_id, std::string_view connection_id,
                                          std::string_view model) {
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query("DELETE FROM sync_schedules WHERE tenant_id = $1 AND "
                                                "connection_id = $2 AND model = $3 RETURNING model",
                                                {tenant_id, connection_id, model}));
  if (rows.empty()) return absl::NotFoundError("sync schedule not found");
  return absl::OkStatus();
}

absl::StatusOr<std::vector<SyncScheduleRecord>> SqlSyncScheduleStore::ClaimDue(core::TimePoint now, int limit) {
  static const std::string kSelect = core::StrCat(
      "SELECT ", kSyncScheduleColumns, " FROM sync_schedules WHERE next_fire_at <= $1 ORDER BY next_fire_at LIMIT $2");
  static const std::string kPostgres = core::StrCat(kSelect, " FOR UPDATE SKIP LOCKED");
  const std::string& sql = ctx_.db.dialect() == Dialect::kPostgres ? kPostgres : kSelect;
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(sql, {now, static_cast<std::int64_t>(limit)}));
  return ReadAll(rows);
}

absl::Status SqlSyncScheduleStore::Fired(const SyncScheduleRecord& s, core::TimePoint next_fire_at, bool ran) {
  return ctx_.db
      .Exec("UPDATE sync_schedules SET runs = runs + $6, next_fire_at = $4, updated_at = $5 "
            "WHERE tenant_id = $1 AND connection_id = $2 AND model = $3",
            {s.tenant_id, s.connection_id, s.model, next_fire_at, ctx_.clock.Now(),
             static_cast<std::int64_t>(ran ? 1 : 0)})
      .status();
}

}  // namespace ucf::storage::sql
