#include "ucf/storage/sql/sql_sync_state_store.hpp"

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/ownership.hpp"
#include "ucf/storage/sql/row_reader.hpp"

namespace ucf::storage::sql {
namespace {

constexpr std::string_view kSyncStateColumns = "tenant_id, connection_id, model, cursor, updated_at";

absl::StatusOr<SyncStateRecord> ReadState(const Row& row) {
  RowReader r(row, "sync_states");
  SyncStateRecord s;
  s.tenant_id = r.Text();
  s.connection_id = r.Text();
  s.model = r.Text();
  s.cursor = r.OptText();
  s.updated_at = r.Time();
  UCF_RETURN_IF_ERROR(r.status());
  return s;
}

}  // namespace

absl::StatusOr<SyncStateRecord> SqlSyncStateStore::Get(std::string_view tenant_id,
                                                       std::string_view connection_id,
                                                       std::string_view model) {
  static const std::string kSql =
      core::StrCat("SELECT ", kSyncStateColumns,
                   " FROM sync_states WHERE tenant_id = $1 AND connection_id = $2 AND model = $3");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id, connection_id, model}));
  if (rows.empty()) return absl::NotFoundError("sync state not found");
  return ReadState(rows[0]);
}

absl::StatusOr<std::vector<SyncStateRecord>> SqlSyncStateStore::List(
    std::string_view tenant_id, std::string_view connection_id) {
  static const std::string kSql =
      core::StrCat("SELECT ", kSyncStateColumns,
                   " FROM sync_states WHERE tenant_id = $1 AND connection_id = $2 ORDER BY model");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id, connection_id}));
  std::vector<SyncStateRecord> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    UCF_ASSIGN_OR_RETURN(SyncStateRecord s, ReadState(row));
    out.push_back(std::move(s));
  }
  return out;
}

absl::StatusOr<SyncStateRecord> SqlSyncStateStore::Put(const SyncStateRecord& state) {
  UCF_RETURN_IF_ERROR(RequireConnection(ctx_.db, state.tenant_id, state.connection_id));
  static const std::string kSql = core::StrCat(
      "INSERT INTO sync_states (", kSyncStateColumns,
      ") VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, connection_id, model) "
      "DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at RETURNING ",
      kSyncStateColumns);
  UCF_ASSIGN_OR_RETURN(Rows rows,
                       ctx_.db.Query(kSql, {state.tenant_id, state.connection_id, state.model,
                                            state.cursor, ctx_.clock.Now()}));
  if (rows.empty()) return absl::InternalError("sync_states upsert returned no row");
  return ReadState(rows[0]);
}

}  // namespace ucf::storage::sql
