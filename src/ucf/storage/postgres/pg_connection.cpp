#include "ucf/storage/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include <vector>

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::storage::postgres {
namespace {

// Type OIDs from pg_type.h (stable across PostgreSQL versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kTextOid = 25;
constexpr Oid kTimestampOid = 1114;
constexpr Oid kTimestamptzOid = 1184;
constexpr Oid kJsonbOid = 3802;

Oid TypeOf(const sql::Value& v) {
  switch (v.kind()) {
    case sql::ValueKind::kText:
      return kTextOid;
    case sql::ValueKind::kInt:
      return kInt8Oid;
    case sql::ValueKind::kBool:
      return kBoolOid;
    case sql::ValueKind::kJson:
      return kJsonbOid;
    case sql::ValueKind::kTime:
      return kTimestamptzOid;
  }
  return 0;
}

// "2026-11-25 20:36:41.123+00" (ISO output in a UTC session) → "2026-11-25T20:36:41.123Z".
std::string ToRfc3339(std::string_view text) {
  std::string out(text);
  if (out.size() > 10 && out[10] == ' ') out[10] = 'T';
  for (std::string_view utc : {"+00:00", "+00"}) {
    if (core::EndsWith(out, utc)) {
      out.resize(out.size() - utc.size());
      break;
    }
  }
  out.push_back('Z');
  return out;
}

void IgnoreNotice(void*, const char*) {}

}  // namespace

void PgConnection::ResultDeleter::operator()(pg_result* result) const { PQclear(result); }

absl::StatusOr<std::unique_ptr<PgConnection>> PgConnection::Connect(
    const std::string& url, std::chrono::milliseconds connect_timeout) {
  std::string timeout = std::to_string(std::max<long>(1, connect_timeout.count() / 1000));
  // Later keywords override what the URL says; expand_dbname=1 parses `url` itself.
  const char* keywords[] = {"dbname",          "options",         "application_name",
                            "client_encoding", "connect_timeout", nullptr};
  const char* values[] = {
      url.c_str(), "-c TimeZone=UTC -c DateStyle=ISO", "ucf", "UTF8", timeout.c_str(), nullptr};
  pg_conn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn == nullptr) return absl::ResourceExhaustedError("postgresql: out of memory");
  std::unique_ptr<PgConnection> out(new PgConnection(conn));
  if (PQstatus(conn) != CONNECTION_OK) {
    return absl::UnavailableError(
        core::StrCat("postgresql: cannot connect: ", core::Trim(PQerrorMessage(conn))));
  }
  // Notices (e.g. "table already exists, skipping") would go to stderr by default.
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  return out;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::Connected() const { return PQstatus(conn_) == CONNECTION_OK; }

bool PgConnection::Reusable() const {
  return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

absl::Status PgConnection::Check(const pg_result* result) const {
  ExecStatusType status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return absl::OkStatus();

  if (result == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    return absl::UnavailableError(
        core::StrCat("postgresql: connection lost: ", core::Trim(PQerrorMessage(conn_))));
  }
  // The primary message only: DETAIL can quote row values.
  const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  const char* sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  std::string_view state = sqlstate != nullptr ? sqlstate : "";
  std::string message =
      core::StrCat("postgresql: ", primary != nullptr ? primary : "error", " (", state, ")");
  if (state == "23505") return absl::AlreadyExistsError(message);
  if (state == "23503") return absl::NotFoundError(message);
  if (state == "40001" || state == "40P01") return absl::AbortedError(message);
  if (state == "25006") return absl::FailedPreconditionError(message);
  if (state == "57014") return absl::DeadlineExceededError(message);
  if (core::StartsWith(state, "08") || core::StartsWith(state, "57P")) {
    return absl::UnavailableError(message);
  }
  if (core::StartsWith(state, "53")) return absl::ResourceExhaustedError(message);
  return absl::InternalError(message);
}

absl::StatusOr<std::string> PgConnection::Prepare(std::string_view sql,
                                                  absl::Span<const sql::Value> params) {
  if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
  std::string name = core::StrCat("ucf_", statements_.size() + 1);
  std::vector<Oid> types;
  types.reserve(params.size());
  for (const sql::Value& v : params) types.push_back(TypeOf(v));
  std::string text(sql);
  Result result(
      PQprepare(conn_, name.c_str(), text.c_str(), static_cast<int>(types.size()), types.data()));
  UCF_RETURN_IF_ERROR(Check(result.get()));
  statements_.emplace(std::move(text), name);
  return name;
}

absl::StatusOr<PgConnection::Result> PgConnection::Run(std::string_view sql,
                                                       absl::Span<const sql::Value> params) {
  UCF_ASSIGN_OR_RETURN(std::string name, Prepare(sql, params));
  // Text and JSON values point into the Value; numbers are rendered into `numbers`, which is
  // sized up front so the pointers into it stay valid.
  std::vector<std::string> numbers(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  for (std::size_t i = 0; i < params.size(); ++i) {
    const sql::Value& v = params[i];
    if (v.is_null()) continue;
    if (v.kind() == sql::ValueKind::kBool) {
      values[i] = v.integer() != 0 ? "t" : "f";
    } else if (v.kind() == sql::ValueKind::kInt) {
      numbers[i] = std::to_string(v.integer());
      values[i] = numbers[i].c_str();
    } else {
      values[i] = v.text().c_str();
    }
  }
  Result result(PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(),
                               nullptr, nullptr, /*resultFormat=*/0));
  UCF_RETURN_IF_ERROR(Check(result.get()));
  return result;
}

absl::StatusOr<sql::Rows> PgConnection::Query(std::string_view sql,
                                              absl::Span<const sql::Value> params) {
  UCF_ASSIGN_OR_RETURN(Result result, Run(sql, params));
  const int nrows = PQntuples(result.get());
  const int ncols = PQnfields(result.get());
  std::vector<Oid> types(ncols);
  for (int c = 0; c < ncols; ++c) types[c] = PQftype(result.get(), c);
  sql::Rows rows;
  rows.reserve(nrows);
  for (int r = 0; r < nrows; ++r) {
    sql::Row& row = rows.emplace_back();
    row.reserve(ncols);
    for (int c = 0; c < ncols; ++c) {
      if (PQgetisnull(result.get(), r, c)) {
        row.emplace_back(std::nullopt);
        continue;
      }
      std::string_view text(PQgetvalue(result.get(), r, c), PQgetlength(result.get(), r, c));
      if (types[c] == kBoolOid) {
        row.emplace_back(text == "t" ? "1" : "0");
      } else if (types[c] == kTimestamptzOid || types[c] == kTimestampOid) {
        row.emplace_back(ToRfc3339(text));
      } else {
        row.emplace_back(std::string(text));
      }
    }
  }
  return rows;
}

absl::StatusOr<std::int64_t> PgConnection::Exec(std::string_view sql,
                                                absl::Span<const sql::Value> params) {
  UCF_ASSIGN_OR_RETURN(Result result, Run(sql, params));
  std::string_view tuples = PQcmdTuples(result.get());
  std::int64_t changed = 0;
  for (char c : tuples) changed = changed * 10 + (c - '0');
  return changed;
}

absl::Status PgConnection::ExecScript(std::string_view sql) {
  std::string text(sql);
  Result result(PQexec(conn_, text.c_str()));
  return Check(result.get());
}

absl::Status PgConnection::LockKey(std::string_view key) {
  return Exec("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", {key}).status();
}

}  // namespace ucf::storage::postgres
