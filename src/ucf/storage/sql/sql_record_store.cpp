#include "ucf/storage/sql/sql_record_store.hpp"

#include <vector>
#include <unordered_map>

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/ownership.hpp"
#include "ucf/storage/sql/paging.hpp"
#include "ucf/storage/sql/record_statements.hpp"
#include "ucf/storage/sql/row_reader.hpp"

namespace ucf::storage::sql {
namespace {

// Records per statement of UpsertBatch: 100 rows × 5 parameters stays far below both engines'
// limits, and each distinct row count is one cached prepared statement.
constexpr std::size_t kChunkRows = 100;

constexpr std::string_view kRecordColumns =
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
  core::TimePoint now = ctx_.clock.Now();
  UpsertBatchResult result;
  std::size_t at = 0;
  while (at < records.size()) {
    // A chunk: consecutive records of one model, at most kChunkRows.
    std::size_t end = at + 1;
    while (end < records.size() && end - at < kChunkRows && records[end].model == records[at].model) ++end;
    UCF_RETURN_IF_ERROR(UpsertChunk(tenant_id, connection_id, records.subspan(at, end - at), now, seq, result));
    at = end;
  }
  return result;
}

absl::Status SqlRecordStore::UpsertChunk(std::string_view tenant_id, std::string_view connection_id,
                                         absl::Span<const SyncedRecord> chunk, core::TimePoint now,
                                         std::int64_t& seq, UpsertBatchResult& result) {
  const std::string& model = chunk.front().model;
  const bool postgres = ctx_.db.dialect() == Dialect::kPostgres;
  // 1. What is stored for these ids: one statement (PostgreSQL: record_statements.hpp says why
  // it differs).
  std::string select;
  std::vector<Value> params = {tenant_id, connection_id, model};
  params.reserve(3 + chunk.size());
  if (postgres) {
    select = kPgStoredHashes;
    std::vector<std::string_view> ids;
    ids.reserve(chunk.size());
    for (const SyncedRecord& rec : chunk) ids.push_back(rec.external_id);
    params.push_back(Value::StringArray(ids));
  } else {
    select =
        "SELECT external_id, hash, deleted FROM records WHERE tenant_id = $1 AND connection_id = $2 "
        "AND model = $3 AND external_id IN (";
    for (const SyncedRecord& rec : chunk) {
      params.push_back(rec.external_id);
      core::StrAppend(&select, params.size() == 4 ? "$" : ", $", params.size());
    }
    select += ")";
  }
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(select, params));
  struct Stored {
    std::string hash;
    bool deleted = false;
    int pending = -1;  // index into `writes` once this chunk writes the id
  };
  std::unordered_map<std::string, Stored> stored;
  for (const Row& row : rows) {
    RowReader r(row, "records");
    std::string id = r.Text();
    Stored s{r.Text(), r.Bool()};
    UCF_RETURN_IF_ERROR(r.status());
    stored.emplace(std::move(id), std::move(s));
  }

  // 2. Decide in order, as one upsert per record would: a new or different hash (or a deleted
  // record seen again) takes the next seq; the same hash only moves seen_at.
  struct Write {
    const SyncedRecord* rec;
    std::int64_t seq;
  };
  std::vector<Write> writes;
  std::vector<std::string_view> touched;
  for (const SyncedRecord& rec : chunk) {
    auto [it, fresh] = stored.try_emplace(rec.external_id);
    Stored& s = it->second;
    if (!fresh && !s.deleted && s.hash == rec.hash) {
      ++result.unchanged;
      if (s.pending < 0) touched.push_back(rec.external_id);
      continue;
    }
    ++result.changed;
    s.hash = rec.hash;
    s.deleted = false;
    if (s.pending >= 0) {
      writes[s.pending] = {&rec, ++seq};  // the same id twice in one chunk: the later one wins
    } else {
      s.pending = static_cast<int>(writes.size());
      writes.push_back({&rec, ++seq});
    }
  }

  // 3. The changed records: one multi-row upsert.
  if (!writes.empty()) {
    std::string insert =
        "INSERT INTO records (tenant_id, connection_id, model, external_id, data, hash, updated_at, "
        "seen_at, deleted, seq) VALUES ";
    std::vector<Value> values = {tenant_id, connection_id, model, now};
    values.reserve(4 + 5 * writes.size());
    for (const Write& w : writes) {
      std::size_t n = values.size();
      core::StrAppend(&insert, n == 4 ? "" : ", ", "($1, $2, $3, $", n + 1, ", $", n + 2, ", $", n + 3,
                      ", $", n + 4, ", $4, false, $", n + 5, ")");
      values.push_back(w.rec->external_id);
      values.push_back(w.rec->data_json.empty() ? Value::Json(w.rec->data) : Value::JsonText(w.rec->data_json));
      values.push_back(w.rec->hash);
      values.push_back(w.rec->updated_at);
      values.push_back(w.seq);
    }
    insert +=
        " ON CONFLICT (tenant_id, connection_id, model, external_id) DO UPDATE SET "
        "data = excluded.data, hash = excluded.hash, updated_at = excluded.updated_at, "
        "seen_at = excluded.seen_at, deleted = false, seq = excluded.seq";
    UCF_RETURN_IF_ERROR(ctx_.db.Exec(insert, values).status());
  }

  // 4. The unchanged ones: one statement moving seen_at (PostgreSQL: by primary-key probes, as 1.).
  if (!touched.empty()) {
    std::vector<Value> values = {tenant_id, connection_id, model, now};
    std::string update;
    if (postgres) {
      update = kPgTouchSeen;
      values.push_back(Value::StringArray(touched));
    } else {
      update =
          "UPDATE records SET seen_at = $4 WHERE tenant_id = $1 AND connection_id = $2 AND model = $3 "
          "AND external_id IN (";
      values.reserve(4 + touched.size());
      for (std::string_view id : touched) {
        values.push_back(id);
        core::StrAppend(&update, values.size() == 5 ? "$" : ", $", values.size());
      }
      update += ")";
    }
    UCF_RETURN_IF_ERROR(ctx_.db.Exec(update, values).status());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::int64_t> SqlRecordStore::LastSeq(std::string_view tenant_id,
                                                     std::string_view connection_id) {
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kLastSeq, {tenant_id, connection_id}));
  if (rows.empty()) return 0;
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
      core::StrCat("SELECT ", kRecordColumns,
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
  std::string sql = core::StrCat("SELECT ", kRecordColumns,
                                 " FROM records WHERE tenant_id = $1 AND connection_id = $2 "
                                 "AND seq > $3 AND seq >= 0");  // seq >= 0: records_seq (partial on PostgreSQL)
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
