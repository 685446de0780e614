#pragma once
// PgSession: one libpq connection to a customer database, for the browser (RAII; PQfinish on
// destruction). Not thread-safe: one caller at a time.
//
// Connect (a PgTarget) resolves the host itself, asks the HostCheck about every address (the
// first allowed one is dialled through libpq's `hostaddr`; `host` is still sent for TLS name
// checks), and never lets libpq read anything from the server's own environment: the database
// name is not expanded as a connection string, ~/.pgpass and pg_service.conf are not read
// (passfile points to a path that does not exist), GSSAPI is off. The session runs with TimeZone=UTC, DateStyle=ISO,
// IntervalStyle=iso_8601, bytea_output=hex, extra_float_digits=1 and
// default_transaction_read_only=on (the browser also opens every transaction READ ONLY).
//
// `timeout` bounds the connection set-up (libpq connect_timeout) and, on the client side, every
// later round trip: a server that stops answering (a hostile or wedged upstream the server-side
// statement_timeout cannot stop) fails the call with DeadlineExceeded after `timeout`, and the
// session is then closed (every later call: Unavailable). Give it more than the browser's
// statement_timeout so a slow query is stopped by the server first.
//
// Errors: Connect → Unauthenticated when the server refused the credentials, Unavailable
// otherwise; whatever the HostCheck returned. Query errors map SQLSTATE classes (MapSqlState) and
// carry only the server's primary message (DETAIL may quote row values); never the password.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ucf/connectors/postgres/pg_target.hpp"

struct pg_conn;
struct pg_result;

namespace ucf::connectors::postgres {

struct PgResultDeleter {
  void operator()(pg_result* result) const;
};
using PgResult = std::unique_ptr<pg_result, PgResultDeleter>;

// A text parameter; nullopt is SQL NULL. Its type is inferred by the server from the context.
using PgParam = std::optional<std::string>;

class PgSession {
 public:
  static absl::StatusOr<std::unique_ptr<PgSession>> Connect(const PgTarget& target,
                                                            const HostCheck& check_host,
                                                            std::chrono::milliseconds timeout);
  ~PgSession();
  PgSession(const PgSession&) = delete;
  PgSession& operator=(const PgSession&) = delete;

  // One statement with bound text parameters ($1…), results in text format.
  absl::StatusOr<PgResult> Query(std::string_view sql, const std::vector<PgParam>& params);
  // One parameterless command (BEGIN, SET LOCAL …, COMMIT).
  absl::Status Command(std::string_view sql);
  // True while connected and outside any transaction.
  bool Idle() const;

 private:
  PgSession(pg_conn* conn, std::chrono::milliseconds timeout) : conn_(conn), timeout_(timeout) {}
  absl::Status Check(const pg_result* result) const;
  // Waits for the answer to a sent command, at most timeout_; the last result or an error.
  absl::StatusOr<PgResult> Await();

  pg_conn* conn_;
  std::chrono::milliseconds timeout_;
  bool broken_ = false;  // a round trip timed out: the connection is closed for good
};

// The text of one result cell (empty for NULL; check PQgetisnull).
std::string_view PgValue(const pg_result* result, int row, int column);

// The status for SQLSTATE `state` with `message` (exposed for tests).
absl::Status MapSqlState(std::string_view state, std::string message);

}  // namespace ucf::connectors::postgres
