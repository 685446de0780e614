#include "ucf/storage/sql/sql_audit_log_store.hpp"

#include <vector>

#include "ucf/core/ids.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/paging.hpp"
#include "ucf/storage/sql/row_reader.hpp"

namespace ucf::storage::sql {
namespace {

constexpr std::string_view kAuditLogColumns =
    "id, tenant_id, actor, action, target_type, target_id, outcome, request_id, client_address, "
    "details, created_at";

absl::StatusOr<AuditLogRecord> ReadEntry(const Row& row) {
  RowReader r(row, "audit_logs");
  AuditLogRecord e;
  e.id = r.Text();
  e.tenant_id = r.Text();
  e.actor = r.Text();
  e.action = r.Text();
  e.target_type = r.Text();
  e.target_id = r.Text();
  e.outcome = r.Text();
  e.request_id = r.OptText();
  e.client_address = r.OptText();
  e.details = r.Object();
  e.created_at = r.Time();
  UCF_RETURN_IF_ERROR(r.status());
  return e;
}

}  // namespace

absl::StatusOr<AuditLogRecord> SqlAuditLogStore::Append(const AuditLogRecord& entry) {
  static const std::string kSql =
      core::StrCat("INSERT INTO audit_logs (", kAuditLogColumns,
                   ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ", kAuditLogColumns);
  std::string id = entry.id.empty() ? core::NewId("aud") : entry.id;
  UCF_ASSIGN_OR_RETURN(
      Rows rows,
      ctx_.db.Query(kSql, {id, entry.tenant_id, entry.actor, entry.action, entry.target_type,
                           entry.target_id, entry.outcome, entry.request_id, entry.client_address,
                           Value::Json(entry.details), ctx_.clock.Now()}));
  if (rows.empty()) return absl::InternalError("audit_logs insert returned no row");
  return ReadEntry(rows[0]);
}

absl::StatusOr<Page<AuditLogRecord>> SqlAuditLogStore::List(std::string_view tenant_id,
                                                            const AuditLogFilter& filter,
                                                            std::string_view cursor, int limit) {
  limit = ClampLimit(limit);
  // Only the filters in use become conditions, so each shape gets a plan that uses its index.
  std::string sql = core::StrCat("SELECT ", kAuditLogColumns, " FROM audit_logs WHERE tenant_id = $1");
  std::vector<Value> params = {tenant_id};
  auto add = [&](std::string_view condition, Value value) {
    params.push_back(std::move(value));
    core::StrAppend(&sql, " AND ", condition, " $", params.size());
  };
  if (filter.action.has_value()) add("action =", *filter.action);
  if (filter.target_type.has_value()) add("target_type =", *filter.target_type);
  if (filter.target_id.has_value()) add("target_id =", *filter.target_id);
  if (filter.actor.has_value()) add("actor =", *filter.actor);
  if (filter.since.has_value()) add("created_at >=", *filter.since);
  if (filter.until.has_value()) add("created_at <", *filter.until);
  if (!cursor.empty()) UCF_RETURN_IF_ERROR(AppendCreatedAtAfter(cursor, "<", sql, params));
  params.push_back(limit + 1);
  core::StrAppend(&sql, " ORDER BY created_at DESC, id DESC LIMIT $", params.size());

  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(sql, params));
  Page<AuditLogRecord> page;
  for (const Row& row : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      const AuditLogRecord& last = page.items.back();
      page.next = CreatedAtCursor(last.created_at, last.id);
      break;
    }
    UCF_ASSIGN_OR_RETURN(AuditLogRecord e, ReadEntry(row));
    page.items.push_back(std::move(e));
  }
  return page;
}

}  // namespace ucf::storage::sql
