#pragma once
// One libpq connection with its prepared-statement cache.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "absl/status/statusor.h"
#include "ucf/storage/sql/executor.hpp"
#include "ucf/storage/sql/string_hash.hpp"

struct pg_conn;
struct pg_result;

namespace ucf::storage::postgres {

// Not thread-safe: used by one thread at a time (the pool lends it out exclusively). The session
// runs with TimeZone=UTC and DateStyle=ISO. Statements are prepared once per connection
// (PQprepare, parameter types taken from the bound values) and always run with bound parameters.
class PgConnection final : public sql::Executor {
 public:
  // Connects to `url` (libpq URI or key=value string). Unavailable when the server cannot be
  // reached or refuses; the message never contains the URL (it may hold a password).
  static absl::StatusOr<std::unique_ptr<PgConnection>> Connect(
      const std::string& url, std::chrono::milliseconds connect_timeout);
  ~PgConnection() override;

  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // False once the connection to the server is lost.
  bool Connected() const;
  // True while the connection is healthy and outside any transaction (fit to go back to a pool).
  bool Reusable() const;

  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  absl::StatusOr<sql::Rows> Query(std::string_view sql,
                                  absl::Span<const sql::Value> params) override;
  absl::StatusOr<std::int64_t> Exec(std::string_view sql,
                                    absl::Span<const sql::Value> params) override;
  absl::Status ExecScript(std::string_view sql) override;
  // pg_advisory_xact_lock(hashtextextended(key, 0)).
  absl::Status LockKey(std::string_view key) override;

 private:
  struct ResultDeleter {
    void operator()(pg_result* result) const;
  };
  using Result = std::unique_ptr<pg_result, ResultDeleter>;

  explicit PgConnection(pg_conn* conn) : conn_(conn) {}

  absl::StatusOr<Result> Run(std::string_view sql, absl::Span<const sql::Value> params);
  // The cached statement name for `sql`, preparing it first if needed.
  absl::StatusOr<std::string> Prepare(std::string_view sql, absl::Span<const sql::Value> params);
  // OK for a successful result, else the mapped error.
  absl::Status Check(const pg_result* result) const;

  pg_conn* conn_;
  std::unordered_map<std::string, std::string, sql::StringHash, std::equal_to<>>
      statements_;  // SQL text → statement name
};

}  // namespace ucf::storage::postgres
