#include "ucf/storage/sql/sql_event_store.hpp"

#include <algorithm>

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/row_reader.hpp"

namespace ucf::storage::sql {
namespace {

constexpr std::string_view kEventColumns = "id, tenant_id, type, job_id, data, created_at";

absl::StatusOr<EventRecord> ReadEvent(const Row& row) {
  RowReader r(row, "events");
  EventRecord e;
  e.id = r.Int();
  e.tenant_id = r.Text();
  e.type = r.Text();
  e.job_id = r.Text();
  e.data = r.Object();
  e.created_at = r.Time();
  UCF_RETURN_IF_ERROR(r.status());
  return e;
}

}  // namespace

absl::StatusOr<std::int64_t> SqlEventStore::Append(std::string_view tenant_id, std::string_view type,
                                                   std::string_view job_id, const boost::json::object& data) {
  // The counter row's lock (held to commit) orders a tenant's appends: ids commit in order.
  static const std::string kNext =
      "INSERT INTO event_streams (tenant_id, last_id) VALUES ($1, 1) "
      "ON CONFLICT (tenant_id) DO UPDATE SET last_id = event_streams.last_id + 1 RETURNING last_id";
  static const std::string kInsert = core::StrCat("INSERT INTO events (", kEventColumns, ") VALUES ($1, $2, $3, $4, $5, $6)");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kNext, {tenant_id}));
  if (rows.empty()) return absl::InternalError("event_streams upsert returned no row");
  RowReader r(rows[0], "event_streams");
  std::int64_t id = r.Int();
  UCF_RETURN_IF_ERROR(r.status());
  UCF_RETURN_IF_ERROR(
      ctx_.db.Exec(kInsert, {id, tenant_id, type, job_id, Value::Json(data), ctx_.clock.Now()}).status());
  if (std::find(appended_.begin(), appended_.end(), tenant_id) == appended_.end()) {
    appended_.emplace_back(tenant_id);
    if (ctx_.db.dialect() == Dialect::kPostgres) {
      // Delivered at commit (and only then); identical notifications of one transaction fold.
      static const std::string kNotify = core::StrCat("SELECT pg_notify('", kEventsChannel, "', $1)");
      UCF_RETURN_IF_ERROR(ctx_.db.Query(kNotify, {tenant_id}).status());
    }
  }
  return id;
}

absl::StatusOr<std::vector<EventRecord>> SqlEventStore::ListAfter(std::string_view tenant_id, std::int64_t after,
                                                                  std::optional<std::string_view> job_id,
                                                                  int limit) {
  static const std::string kAll = core::StrCat("SELECT ", kEventColumns,
                                               " FROM events WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3");
  static const std::string kJob = core::StrCat(
      "SELECT ", kEventColumns, " FROM events WHERE tenant_id = $1 AND id > $2 AND job_id = $4 ORDER BY id LIMIT $3");
  const std::int64_t n = std::clamp(limit, 1, 1000);
  absl::StatusOr<Rows> rows = job_id ? ctx_.db.Query(kJob, {tenant_id, after, n, *job_id})
                                     : ctx_.db.Query(kAll, {tenant_id, after, n});
  UCF_RETURN_IF_ERROR(rows.status());
  std::vector<EventRecord> out;
  out.reserve(rows->size());
  for (const Row& row : *rows) {
    UCF_ASSIGN_OR_RETURN(EventRecord e, ReadEvent(row));
    out.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<std::int64_t> SqlEventStore::LastId(std::string_view tenant_id) {
  static const std::string kSql = "SELECT last_id FROM event_streams WHERE tenant_id = $1";
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id}));
  if (rows.empty()) return std::int64_t{0};
  RowReader r(rows[0], "event_streams");
  std::int64_t id = r.Int();
  UCF_RETURN_IF_ERROR(r.status());
  return id;
}

}  // namespace ucf::storage::sql
