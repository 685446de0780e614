#include "ucf/storage/sqlite/sqlite_connection.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <utility>

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::storage::sqlite {
namespace {

// The stores write PostgreSQL placeholders ($1); SQLite reads "$1" as a named parameter numbered
// by first appearance, so rewrite to ?1, which is numbered by its digits. Skips quoted text.
std::string ToSqlitePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      c = '?';
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(
    const std::string& path, ConnectionRole role, std::chrono::milliseconds busy_timeout) {
  // Created owner-only before SQLite sees it; SQLite gives its -wal and -shm files the same mode.
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return absl::UnavailableError(core::StrCat("sqlite: cannot open ", path));
  ::close(fd);

  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return absl::UnavailableError(core::StrCat("sqlite: cannot open ", path, ": ", message));
  }
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(busy_timeout.count()));
  if (role == ConnectionRole::kWriter) {
    UCF_RETURN_IF_ERROR(conn->ExecScript("PRAGMA journal_mode = WAL"));
  }
  UCF_RETURN_IF_ERROR(conn->ExecScript("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL"));
  if (role == ConnectionRole::kReader) {
    UCF_RETURN_IF_ERROR(conn->ExecScript("PRAGMA query_only = ON"));
  }
  return conn;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

void SqliteConnection::OnWalCommit(WalHook hook) {
  wal_hook_ = std::move(hook);
  if (!wal_hook_) {
    sqlite3_wal_autocheckpoint(db_, 1000);  // SQLite's own hook again, at its default
    return;
  }
  sqlite3_wal_hook(
      db_,
      [](void* self, sqlite3*, const char*, int pages) {
        auto* conn = static_cast<SqliteConnection*>(self);
        conn->wal_hook_(*conn, pages);
        return SQLITE_OK;
      },
      this);
}

absl::Status SqliteConnection::CheckpointPassive() {
  int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  return rc == SQLITE_OK ? absl::OkStatus() : Error(rc);
}

bool SqliteConnection::InAutocommit() const { return sqlite3_get_autocommit(db_) != 0; }

absl::Status SqliteConnection::Error(int rc) const {
  std::string message = core::StrCat("sqlite: ", sqlite3_errmsg(db_));
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return absl::AlreadyExistsError(message);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return absl::NotFoundError(message);
    default:
      break;
  }
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(message);
    case SQLITE_READONLY:
      return absl::FailedPreconditionError(message);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(message);
    case SQLITE_FULL:
      return absl::ResourceExhaustedError(message);
    default:
      return absl::InternalError(message);
  }
}

absl::StatusOr<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql) {
  if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
  std::string text = ToSqlitePlaceholders(sql);
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, text.data(), static_cast<int>(text.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(rc);
  statements_.emplace(std::string(sql), stmt);
  return stmt;
}

absl::Status SqliteConnection::Bind(sqlite3_stmt* stmt, absl::Span<const sql::Value> params) {
  if (sqlite3_bind_parameter_count(stmt) != static_cast<int>(params.size())) {
    return absl::InternalError("sqlite: parameter count does not match the statement");
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    const sql::Value& v = params[i];
    int index = static_cast<int>(i) + 1;
    int rc;
    if (v.is_null()) {
      rc = sqlite3_bind_null(stmt, index);
    } else if (v.kind() == sql::ValueKind::kInt || v.kind() == sql::ValueKind::kBool) {
      rc = sqlite3_bind_int64(stmt, index, v.integer());
    } else {
      rc = sqlite3_bind_text(stmt, index, v.text().data(), static_cast<int>(v.text().size()),
                             SQLITE_STATIC);
    }
    if (rc != SQLITE_OK) return Error(rc);
  }
  return absl::OkStatus();
}

absl::Status SqliteConnection::Run(sqlite3_stmt* stmt, sql::Rows* rows) {
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    if (rows == nullptr) continue;
    int columns = sqlite3_column_count(stmt);
    sql::Row& row = rows->emplace_back();
    row.reserve(columns);
    for (int i = 0; i < columns; ++i) {
      if (sqlite3_column_type(stmt, i) == SQLITE_NULL) {
        row.emplace_back(std::nullopt);
        continue;
      }
      const unsigned char* text = sqlite3_column_text(stmt, i);
      int bytes = sqlite3_column_bytes(stmt, i);
      row.emplace_back(std::string(reinterpret_cast<const char*>(text), bytes));
    }
  }
  absl::Status status = rc == SQLITE_DONE ? absl::OkStatus() : Error(rc);
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  return status;
}

absl::StatusOr<sql::Rows> SqliteConnection::Query(std::string_view sql,
                                                  absl::Span<const sql::Value> params) {
  UCF_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
  UCF_RETURN_IF_ERROR(Bind(stmt, params));
  sql::Rows rows;
  UCF_RETURN_IF_ERROR(Run(stmt, &rows));
  return rows;
}

absl::StatusOr<std::int64_t> SqliteConnection::Exec(std::string_view sql,
                                                    absl::Span<const sql::Value> params) {
  UCF_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
  UCF_RETURN_IF_ERROR(Bind(stmt, params));
  UCF_RETURN_IF_ERROR(Run(stmt, nullptr));
  return static_cast<std::int64_t>(sqlite3_changes64(db_));
}

absl::Status SqliteConnection::ExecScript(std::string_view sql) {
  std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return Error(sqlite3_extended_errcode(db_));
  return absl::OkStatus();
}

}  // namespace ucf::storage::sqlite
