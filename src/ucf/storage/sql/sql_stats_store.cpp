#include "ucf/storage/sql/sql_stats_store.hpp"

#include "ucf/core/status_macros.hpp"
#include "ucf/storage/sql/row_reader.hpp"

namespace ucf::storage::sql {
namespace {

absl::StatusOr<std::map<std::string, std::int64_t>> ByStatus(Executor& db, const char* table, const char* sql) {
  UCF_ASSIGN_OR_RETURN(Rows rows, db.Query(sql, {}));
  std::map<std::string, std::int64_t> out;
  for (const Row& row : rows) {
    RowReader r(row, table);
    std::string status = r.Text();
    std::int64_t n = r.Int();
    UCF_RETURN_IF_ERROR(r.status());
    out[status] = n;
  }
  return out;
}

}  // namespace

absl::StatusOr<OperationalCounts> SqlStatsStore::Counts() {
  OperationalCounts out;
  UCF_ASSIGN_OR_RETURN(out.jobs_by_status,
                       ByStatus(ctx_.db, "jobs", "SELECT status, COUNT(*) FROM jobs GROUP BY status"));
  UCF_ASSIGN_OR_RETURN(out.deliveries_by_status,
                       ByStatus(ctx_.db, "webhook_deliveries",
                                "SELECT status, COUNT(*) FROM webhook_deliveries GROUP BY status"));
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query("SELECT COUNT(*) FROM records", {}));
  if (rows.empty()) return absl::InternalError("COUNT returned no row");
  RowReader r(rows[0], "records");
  out.records = r.Int();
  UCF_RETURN_IF_ERROR(r.status());
  return out;
}

}  // namespace ucf::storage::sql
