#include "ucf/storage/sql/sql_record_store.hpp"

#include <vector>

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/ownership.hpp"
#include "ucf/storage/sql/paging.hpp"
#include "ucf/storage/sql/row_reader.hpp"

namespace ucf::storage::sql {
namespace {

constexpr std::string_view kColumns =
    "tenant_id, connection_id, model, external_id, data, hash, updated_at, seen_at, deleted, seq";

absl::StatusOr<SyncedRecord> ReadRecord(const Row& row) {
  RowReader r(row, "records");
  SyncedRecord rec;
  rec.tenant_id = r.Text();
  rec.connection_id = r.Text();
  rec.model = r.Text();
  rec.external_id = r.Text();
  rec.data = r.Object();
  rec.hash = r.Text();
  rec.updated_at = r.OptTime();
  rec.seen_at = r.Time();
  rec.deleted = r.Bool();
  rec.seq = r.Int();
  UCF_RETURN_IF_ERROR(r.status());
  return rec;
}

}  // namespace

absl::StatusOr<std::int64_t> SqlRecordStore::BeginChanges(std::string_view tenant_id,
                                                          std::string_view connection_id) {
  // seq = max + 1 is safe because the lock (PostgreSQL) or the single writer (SQLite) keeps a
  // second writer of this connection out until this transaction ends, so seq order is commit
  // order and a change-feed reader never sees a smaller seq appear behind its cursor.
  UCF_RETURN_IF_ERROR(ctx_.db.LockKey(core::StrCat("ucf:records:", tenant_id, ":", connection_id)));
  UCF_RETURN_IF_ERROR(RequireConnection(ctx_.db, tenant_id, connection_id));
  return LastSeq(tenant_id, connection_id);
}

absl::StatusOr<UpsertBatchResult> SqlRecordStore::UpsertBatch(
    std::string_view tenant_id, std::string_view connection_id,
    absl::Span<const SyncedRecord> records) {
  UCF_ASSIGN_OR_RETURN(std::int64_t seq, BeginChanges(tenant_id, connection_id));
  // SET expressions see the row as it was, so `records.hash` below is the old hash. An unchanged
  // record only gets seen_at; the returned seq tells whether the candidate seq was taken.
  static const std::string kUpsert =
      "INSERT INTO records (tenant_id, connection_id, model, external_id, data, hash, "
      "updated_at, seen_at, deleted, seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false, $9) "
      "ON CONFLICT (tenant_id, connection_id, model, external_id) DO UPDATE SET "
      "seen_at = excluded.seen_at, "
      "data = CASE WHEN records.hash <> excluded.hash OR records.deleted "
      "THEN excluded.data ELSE records.data END, "
      "updated_at = CASE WHEN records.hash <> excluded.hash OR records.deleted "
      "THEN excluded.updated_at ELSE records.updated_at END, "
      "seq = CASE WHEN records.hash <> excluded.hash OR records.deleted "
      "THEN excluded.seq ELSE records.seq END, "
      "hash = excluded.hash, deleted = false "
      "RETURNING seq";
  core::TimePoint now = ctx_.clock.Now();
  UpsertBatchResult result;
  for (const SyncedRecord& rec : records) {
    std::int64_t candidate = seq + 1;
    UCF_ASSIGN_OR_RETURN(
        Rows rows,
        ctx_.db.Query(kUpsert, {tenant_id, connection_id, rec.model, rec.external_id,
                                Value::Json(rec.data), rec.hash, rec.updated_at, now, candidate}));
    if (rows.empty()) return absl::InternalError("records upsert returned no row");
    RowReader r(rows[0], "records");
    std::int64_t stored = r.Int();
    UCF_RETURN_IF_ERROR(r.status());
    if (stored == candidate) {
      seq = candidate;
      ++result.changed;
    } else {
      ++result.unchanged;
    }
  }
  return result;
}

absl::StatusOr<std::int64_t> SqlRecordStore::LastSeq(std::string_view tenant_id,
                                                     std::string_view connection_id) {
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query("SELECT COALESCE(MAX(seq), 0) FROM records "
                                                "WHERE tenant_id = $1 AND connection_id = $2",
                                                {tenant_id, connection_id}));
  if (rows.empty()) return absl::InternalError("MAX(seq) returned no row");
  RowReader r(rows[0], "records");
  std::int64_t max_seq = r.Int();
  UCF_RETURN_IF_ERROR(r.status());
  return max_seq;
}

absl::StatusOr<SyncedRecord> SqlRecordStore::Get(std::string_view tenant_id,
                                                 std::string_view connection_id,
                                                 std::string_view model,
                                                 std::string_view external_id) {
  static const std::string kSql =
      core::StrCat("SELECT ", kColumns,
                   " FROM records WHERE tenant_id = $1 AND connection_id = $2 AND model = $3 "
                   "AND external_id = $4");
  UCF_ASSIGN_OR_RETURN(Rows rows,
                       ctx_.db.Query(kSql, {tenant_id, connection_id, model, external_id}));
  if (rows.empty()) return absl::NotFoundError("record not found");
  return ReadRecord(rows[0]);
}

absl::StatusOr<RecordChanges> SqlRecordStore::ListChanges(std::string_view tenant_id,
                                                          std::string_view connection_id,
                                                          const RecordFilter& filter,
                                                          std::int64_t after_seq, int limit) {
  limit = ClampLimit(limit);
  std::string sql = core::StrCat("SELECT ", kColumns,
                                 " FROM records WHERE tenant_id = $1 AND connection_id = $2 "
                                 "AND seq > $3");
  std::vector<Value> params = {tenant_id, connection_id, after_seq};
  if (filter.model.has_value()) {
    params.push_back(*filter.model);
    core::StrAppend(&sql, " AND model = $", params.size());
  }
  if (filter.modified_after.has_value()) {
    params.push_back(*filter.modified_after);
    core::StrAppend(&sql, " AND updated_at >= $", params.size());
  }
  params.push_back(limit + 1);
  core::StrAppend(&sql, " ORDER BY seq LIMIT $", params.size());
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(sql, params));

  RecordChanges changes;
  changes.last_seq = after_seq;
  for (const Row& row : rows) {
    if (static_cast<int>(changes.items.size()) == limit) {
      changes.has_more = true;
      break;
    }
    UCF_ASSIGN_OR_RETURN(SyncedRecord rec, ReadRecord(row));
    changes.last_seq = rec.seq;
    changes.items.push_back(std::move(rec));
  }
  return changes;
}

absl::StatusOr<std::int64_t> SqlRecordStore::MarkDeleted(
    std::string_view tenant_id, std::string_view connection_id, std::string_view model,
    absl::Span<const std::string> external_ids) {
  UCF_ASSIGN_OR_RETURN(std::int64_t seq, BeginChanges(tenant_id, connection_id));
  core::TimePoint now = ctx_.clock.Now();
  std::int64_t changed = 0;
  for (const std::string& external_id : external_ids) {
    UCF_ASSIGN_OR_RETURN(
        std::int64_t n, ctx_.db.Exec("UPDATE records SET deleted = true, seq = $5, seen_at = $6 "
                                     "WHERE tenant_id = $1 AND connection_id = $2 AND model = $3 "
                                     "AND external_id = $4 AND NOT deleted",
                                     {tenant_id, connection_id, model, external_id, seq + 1, now}));
    seq += n;
    changed += n;
  }
  return changed;
}

absl::StatusOr<std::int64_t> SqlRecordStore::MarkUnseenDeleted(std::string_view tenant_id,
                                                               std::string_view connection_id,
                                                               std::string_view model,
                                                               core::TimePoint seen_before) {
  UCF_ASSIGN_OR_RETURN(std::int64_t seq, BeginChanges(tenant_id, connection_id));
  UCF_ASSIGN_OR_RETURN(Rows stale,
                       ctx_.db.Query("SELECT external_id FROM records WHERE tenant_id = $1 "
                                     "AND connection_id = $2 AND model = $3 AND NOT deleted "
                                     "AND seen_at < $4 ORDER BY external_id",
                                     {tenant_id, connection_id, model, seen_before}));
  std::int64_t changed = 0;
  for (const Row& row : stale) {
    RowReader r(row, "records");
    std::string external_id = r.Text();
    UCF_RETURN_IF_ERROR(r.status());
    UCF_ASSIGN_OR_RETURN(std::int64_t n,
                         ctx_.db.Exec("UPDATE records SET deleted = true, seq = $5 "
                                      "WHERE tenant_id = $1 AND connection_id = $2 AND model = $3 "
                                      "AND external_id = $4",
                                      {tenant_id, connection_id, model, external_id, seq + 1}));
    seq += n;
    changed += n;
  }
  return changed;
}

}  // namespace ucf::storage::sql
