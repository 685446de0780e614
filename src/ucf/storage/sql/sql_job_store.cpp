#include "ucf/storage/sql/sql_job_store.hpp"

#include <algorithm>
#include <vector>

#include "ucf/core/error_details.hpp"
#include "ucf/core/ids.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/ownership.hpp"
#include "ucf/storage/sql/paging.hpp"
#include "ucf/storage/sql/row_reader.hpp"

namespace ucf::storage::sql {
namespace {

constexpr std::string_view kJobColumns =
    "id, tenant_id, connection_id, type, status, progress, params, counts, error, attempt, "
    "lease_owner, lease_expires_at, cancel_requested, created_at, started_at, finished_at, "
    "updated_at";

constexpr std::string_view kFinal = "('succeeded', 'failed', 'canceled')";

std::string StatusText(JobStatus status) { return std::string(JobStatusName(status)); }

absl::StatusOr<JobRecord> ReadJob(const Row& row) {
  RowReader r(row, "jobs");
  JobRecord j;
  j.id = r.Text();
  j.tenant_id = r.Text();
  j.connection_id = r.Text();
  j.type = r.Text();
  std::string status = r.Text();
  j.progress = static_cast<int>(r.Int());
  j.params = r.Object();
  j.counts = r.Object();
  j.error = r.OptText();
  j.attempt = static_cast<int>(r.Int());
  j.lease_owner = r.OptText();
  j.lease_expires_at = r.OptTime();
  j.cancel_requested = r.Bool();
  j.created_at = r.Time();
  j.started_at = r.OptTime();
  j.finished_at = r.OptTime();
  j.updated_at = r.Time();
  UCF_RETURN_IF_ERROR(r.status());
  std::optional<JobStatus> parsed = ParseJobStatus(status);
  if (!parsed.has_value()) return absl::DataLossError("unknown status in jobs.status");
  j.status = *parsed;
  return j;
}

absl::StatusOr<JobRecord> FirstJob(const Rows& rows) {
  if (rows.empty()) return absl::NotFoundError("job not found");
  return ReadJob(rows[0]);
}

}  // namespace

absl::StatusOr<JobRecord> SqlJobStore::Create(const JobRecord& job) {
  UCF_RETURN_IF_ERROR(RequireConnection(ctx_.db, job.tenant_id, job.connection_id));
  // The unique index jobs_one_active (tenant, connection, params.model) over queued and running
  // jobs turns a duplicate into "no row".
  static const std::string kSql = core::StrCat(
      "INSERT INTO jobs (id, tenant_id, connection_id, type, status, progress, params, counts, "
      "attempt, cancel_requested, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, 'queued', 0, $5, $6, 0, false, $7, $7) ON CONFLICT DO NOTHING RETURNING ",
      kJobColumns);
  std::string id = job.id.empty() ? core::NewId("job") : job.id;
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {id, job.tenant_id, job.connection_id,
                                                       job.type, Value::Json(job.params),
                                                       Value::Json(job.counts), ctx_.clock.Now()}));
  if (!rows.empty()) return FirstJob(rows);
  static const std::string kActive = core::StrCat(
      "SELECT ", kJobColumns, " FROM jobs WHERE tenant_id = $1 AND connection_id = $2 "
      "AND status IN ('queued', 'running') ORDER BY created_at, id");
  UCF_ASSIGN_OR_RETURN(Rows active, ctx_.db.Query(kActive, {job.tenant_id, job.connection_id}));
  const boost::json::value* model = job.params.if_contains("model");
  for (const Row& row : active) {
    UCF_ASSIGN_OR_RETURN(JobRecord other, ReadJob(row));
    const boost::json::value* other_model = other.params.if_contains("model");
    if (model != nullptr && other_model != nullptr && *model == *other_model) {
      return core::WithDetails(
          absl::AlreadyExistsError(core::StrCat("job ", other.id, " already syncs this connection and model (",
                                                JobStatusName(other.status), ")")),
          {{"jobId", other.id}, {"status", std::string(JobStatusName(other.status))}});
    }
  }
  return absl::AlreadyExistsError("job id already exists");
}

absl::StatusOr<std::int64_t> SqlJobStore::CountQueued(std::string_view tenant_id) {
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query("SELECT COUNT(*) FROM jobs WHERE tenant_id = $1 AND status = 'queued'",
                                                {tenant_id}));
  if (rows.empty()) return absl::InternalError("COUNT returned no row");
  RowReader r(rows[0], "jobs");
  std::int64_t n = r.Int();
  UCF_RETURN_IF_ERROR(r.status());
  return n;
}

absl::StatusOr<JobRecord> SqlJobStore::Get(std::string_view tenant_id, std::string_view id) {
  static const std::string kSql =
      core::StrCat("SELECT ", kJobColumns, " FROM jobs WHERE tenant_id = $1 AND id = $2");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id, id}));
  return FirstJob(rows);
}

absl::StatusOr<Page<JobRecord>> SqlJobStore::List(std::string_view tenant_id,
                                                  const JobFilter& filter, std::string_view cursor,
                                                  int limit) {
  limit = ClampLimit(limit);
  std::string sql = core::StrCat("SELECT ", kJobColumns, " FROM jobs WHERE tenant_id = $1");
  std::vector<Value> params = {tenant_id};
  auto add = [&](std::string_view condition, Value value) {
    params.push_back(std::move(value));
    core::StrAppend(&sql, " AND ", condition, " $", params.size());
  };
  if (filter.connection_id.has_value()) add("connection_id =", *filter.connection_id);
  if (filter.status.has_value()) add("status =", StatusText(*filter.status));
  if (filter.type.has_value()) add("type =", *filter.type);
  if (!cursor.empty()) UCF_RETURN_IF_ERROR(AppendCreatedAtAfter(cursor, "<", sql, params));
  params.push_back(limit + 1);
  core::StrAppend(&sql, " ORDER BY created_at DESC, id DESC LIMIT $", params.size());

  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(sql, params));
  Page<JobRecord> page;
  for (const Row& row : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next = CreatedAtCursor(page.items.back().created_at, page.items.back().id);
      break;
    }
    UCF_ASSIGN_OR_RETURN(JobRecord j, ReadJob(row));
    page.items.push_back(std::move(j));
  }
  return page;
}

absl::StatusOr<std::optional<JobRecord>> SqlJobStore::ClaimNext(std::string_view worker_id,
                                                                core::TimePoint now,
                                                                std::chrono::milliseconds lease) {
  // A crashed worker's job that was asked to cancel is finished, not resumed.
  UCF_RETURN_IF_ERROR(
      ctx_.db
          .Exec("UPDATE jobs SET status = 'canceled', finished_at = $1, updated_at = $1, "
                "lease_owner = NULL, lease_expires_at = NULL "
                "WHERE status = 'running' AND cancel_requested AND lease_expires_at <= $1",
                {now})
          .status());
  // On PostgreSQL concurrent claimers skip rows another claimer has locked instead of waiting
  // for it and then finding the row taken; SQLite has a single writer anyway.
  // Fair across tenants (see JobStore::ClaimNext): both tenant look-ups use jobs_tenant_status /
  // jobs_tenant_started.
  static const std::string kClaim = core::StrCat(
      "UPDATE jobs SET status = 'running', lease_owner = $1, lease_expires_at = $2, "
      "attempt = attempt + 1, started_at = COALESCE(started_at, $3), updated_at = $3 "
      "WHERE id = (SELECT j.id FROM jobs j WHERE j.status = 'queued' "
      "OR (j.status = 'running' AND j.lease_expires_at <= $3) ORDER BY "
      "(SELECT COUNT(*) FROM jobs r WHERE r.tenant_id = j.tenant_id AND r.status = 'running' "
      "AND r.lease_expires_at > $3), "
      "(SELECT MAX(s.started_at) FROM jobs s WHERE s.tenant_id = j.tenant_id) ASC NULLS FIRST, "
      "j.created_at, j.id LIMIT 1");
  static const std::string kSqlite = core::StrCat(kClaim, ") RETURNING ", kJobColumns);
  static const std::string kPostgres =
      core::StrCat(kClaim, " FOR UPDATE SKIP LOCKED) RETURNING ", kJobColumns);
  const std::string& sql = ctx_.db.dialect() == Dialect::kPostgres ? kPostgres : kSqlite;
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(sql, {worker_id, now + lease, now}));
  if (rows.empty()) return std::optional<JobRecord>();
  UCF_ASSIGN_OR_RETURN(JobRecord job, ReadJob(rows[0]));
  return std::optional<JobRecord>(std::move(job));
}

absl::StatusOr<JobRecord> SqlJobStore::Heartbeat(std::string_view tenant_id, std::string_view id,
                                                 std::string_view worker_id, core::TimePoint now,
                                                 std::chrono::milliseconds lease) {
  static const std::string kSql = core::StrCat(
      "UPDATE jobs SET lease_expires_at = $4, updated_at = $5 "
      "WHERE tenant_id = $1 AND id = $2 AND status = 'running' AND lease_owner = $3 RETURNING ",
      kJobColumns);
  UCF_ASSIGN_OR_RETURN(Rows rows,
                       ctx_.db.Query(kSql, {tenant_id, id, worker_id, now + lease, now}));
  if (!rows.empty()) return ReadJob(rows[0]);
  UCF_RETURN_IF_ERROR(Get(tenant_id, id).status());
  return absl::AbortedError("job lease is held by another worker or has ended");
}

absl::StatusOr<JobRecord> SqlJobStore::Update(std::string_view tenant_id, std::string_view id,
                                              const JobUpdate& update) {
  core::TimePoint now = ctx_.clock.Now();
  std::vector<Value> params = {tenant_id, id, now};
  std::string sets = "updated_at = $3";
  auto set = [&](std::string_view column, Value value) {
    params.push_back(std::move(value));
    core::StrAppend(&sets, ", ", column, " = $", params.size());
  };
  if (update.status.has_value()) {
    set("status", StatusText(*update.status));
    if (IsFinal(*update.status)) {
      core::StrAppend(&sets, ", finished_at = $3, lease_owner = NULL, lease_expires_at = NULL");
    }
  }
  if (update.progress.has_value()) set("progress", std::clamp(*update.progress, 0, 100));
  if (update.counts.has_value()) set("counts", Value::Json(*update.counts));
  if (update.error.has_value()) set("error", *update.error);
  std::string sql = core::StrCat("UPDATE jobs SET ", sets,
                                 " WHERE tenant_id = $1 AND id = $2 AND status NOT IN ", kFinal);
  if (update.lease_owner.has_value()) {
    params.push_back(*update.lease_owner);
    core::StrAppend(&sql, " AND lease_owner = $", params.size());
  }
  core::StrAppend(&sql, " RETURNING ", kJobColumns);
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(sql, params));
  if (!rows.empty()) return ReadJob(rows[0]);

  UCF_ASSIGN_OR_RETURN(JobRecord current, Get(tenant_id, id));
  if (IsFinal(current.status)) return absl::FailedPreconditionError("job already finished");
  return absl::AbortedError("job lease is held by another worker");
}

absl::StatusOr<JobRecord> SqlJobStore::RequestCancel(std::string_view tenant_id,
                                                     std::string_view id) {
  static const std::string kSql = core::StrCat(
      "UPDATE jobs SET "
      "cancel_requested = CASE WHEN status = 'running' THEN true ELSE cancel_requested END, "
      "finished_at = CASE WHEN status = 'queued' THEN $3 ELSE finished_at END, "
      "status = CASE WHEN status = 'queued' THEN 'canceled' ELSE status END, updated_at = $3 "
      "WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running') RETURNING ",
      kJobColumns);
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id, id, ctx_.clock.Now()}));
  if (!rows.empty()) return ReadJob(rows[0]);
  return Get(tenant_id, id);
}

}  // namespace ucf::storage::sql
