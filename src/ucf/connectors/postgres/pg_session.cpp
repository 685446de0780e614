#include "ucf/connectors/postgres/pg_session.hpp"

#include <libpq-fe.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

#include <algorithm>

#include "ucf/connectors/postgres/pg_text.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::postgres {
namespace {

// Server text in error messages is cut to this many bytes.
constexpr std::size_t kMaxServerMessageBytes = 512;

void IgnoreNotice(void*, const char*) {}

struct AddrInfoDeleter {
  void operator()(addrinfo* info) const { freeaddrinfo(info); }
};

// The numeric addresses `host` resolves to (itself when it is a literal).
absl::StatusOr<std::vector<std::string>> Resolve(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* raw = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &raw) != 0 || raw == nullptr) {
    return absl::UnavailableError(core::StrCat("postgresql: cannot resolve host ", host));
  }
  std::unique_ptr<addrinfo, AddrInfoDeleter> info(raw);
  std::vector<std::string> out;
  for (addrinfo* a = info.get(); a != nullptr; a = a->ai_next) {
    char buf[NI_MAXHOST];
    if (getnameinfo(a->ai_addr, a->ai_addrlen, buf, sizeof buf, nullptr, 0, NI_NUMERICHOST) == 0 &&
        std::find(out.begin(), out.end(), buf) == out.end()) {
      out.emplace_back(buf);
    }
  }
  if (out.empty()) return absl::UnavailableError(core::StrCat("postgresql: cannot resolve host ", host));
  return out;
}

}  // namespace

std::string_view PgValue(const pg_result* result, int row, int column) {
  return {PQgetvalue(result, row, column), static_cast<std::size_t>(PQgetlength(result, row, column))};
}

void PgResultDeleter::operator()(pg_result* result) const { PQclear(result); }

absl::Status MapSqlState(std::string_view state, std::string message) {
  if (core::StartsWith(state, "22")) return absl::InvalidArgumentError(message);  // data exception
  if (state == "42P01" || state == "3F000") return absl::NotFoundError(message);
  if (state == "42501") return absl::PermissionDeniedError(message);
  if (state == "57014") return absl::DeadlineExceededError(message);
  if (state == "25006") return absl::FailedPreconditionError(message);
  if (state == "40001" || state == "40P01") return absl::AbortedError(message);
  if (core::StartsWith(state, "28")) return absl::UnauthenticatedError(message);
  if (core::StartsWith(state, "08") || core::StartsWith(state, "57P")) {
    return absl::UnavailableError(message);
  }
  if (core::StartsWith(state, "53") || core::StartsWith(state, "54")) {
    return absl::ResourceExhaustedError(message);
  }
  return absl::InternalError(message);
}

absl::StatusOr<std::unique_ptr<PgSession>> PgSession::Connect(const PgTarget& target,
                                                              const HostCheck& check_host,
                                                              std::chrono::milliseconds timeout) {
  if (!check_host) return absl::InternalError("postgresql: no host check configured");
  auto addresses = Resolve(target.host);
  if (!addresses.ok()) return addresses.status();
  std::string hostaddr;
  absl::Status refused;
  for (const std::string& address : *addresses) {
    absl::Status verdict = check_host(address);
    if (verdict.ok()) {
      hostaddr = address;
      break;
    }
    if (refused.ok()) refused = verdict;
  }
  if (hostaddr.empty()) return refused;

  std::string port = std::to_string(target.port);
  std::string seconds = std::to_string(std::max<long>(1, (timeout.count() + 999) / 1000));
  const char* keywords[] = {"host",          "hostaddr",        "port",       "dbname",
                            "user",          "password",        "sslmode",    "connect_timeout",
                            "passfile",      "gssencmode",      "client_encoding",
                            "application_name", "options",      nullptr};
  const char* values[] = {
      target.host.c_str(), hostaddr.c_str(), port.c_str(), target.database.c_str(),
      target.user.c_str(), target.password.c_str(), target.sslmode.c_str(), seconds.c_str(),
      "/nonexistent/ucf-no-passfile", "disable", "UTF8", "ucf-browser",
      "-c TimeZone=UTC -c DateStyle=ISO -c IntervalStyle=iso_8601 -c bytea_output=hex "
      "-c extra_float_digits=1 -c default_transaction_read_only=on",
      nullptr};
  pg_conn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/0);
  if (conn == nullptr) return absl::ResourceExhaustedError("postgresql: out of memory");
  std::unique_ptr<PgSession> session(new PgSession(conn, timeout));
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = ToCleanUtf8(core::Trim(PQerrorMessage(conn)), kMaxServerMessageBytes);
    // libpq's messages name host and user, never the password.
    if (core::Contains(message, "authentication failed") || core::Contains(message, "no password")) {
      return absl::UnauthenticatedError(core::StrCat("postgresql: ", message));
    }
    return absl::UnavailableError(core::StrCat("postgresql: cannot connect: ", message));
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  return session;
}

PgSession::~PgSession() {
  if (conn_ != nullptr) PQfinish(conn_);
}

bool PgSession::Idle() const {
  return !broken_ && PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

absl::StatusOr<PgResult> PgSession::Await() {
  const auto deadline = std::chrono::steady_clock::now() + timeout_;
  bool poll_failed = false;
  while (PQisBusy(conn_)) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || poll_failed) {
      broken_ = true;
      PQfinish(conn_);
      conn_ = nullptr;
      return poll_failed ? absl::UnavailableError("postgresql: cannot wait for the server")
                         : absl::DeadlineExceededError("postgresql: the server did not answer in time");
    }
    pollfd fd{PQsocket(conn_), POLLIN, 0};
    int ready = poll(&fd, 1, static_cast<int>(std::min<long>(left.count(), 1000)));
    poll_failed = ready < 0 && errno != EINTR;
    if (ready > 0 && PQconsumeInput(conn_) == 0) break;  // connection lost: PQgetResult says so
  }
  PgResult last;
  while (pg_result* r = PQgetResult(conn_)) {
    PgResult current(r);
    // Keep the first error, else the last result.
    if (last == nullptr || PQresultStatus(last.get()) != PGRES_FATAL_ERROR) last = std::move(current);
  }
  if (absl::Status s = Check(last.get()); !s.ok()) return s;
  return last;
}

absl::Status PgSession::Check(const pg_result* result) const {
  ExecStatusType status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return absl::OkStatus();
  if (result == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    return absl::UnavailableError(
        core::StrCat("postgresql: connection lost: ", core::Trim(PQerrorMessage(conn_))));
  }
  const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  const char* sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  std::string_view state = sqlstate != nullptr ? sqlstate : "";
  return MapSqlState(state, core::StrCat("postgresql: ",
                                         ToCleanUtf8(primary != nullptr ? primary : "error",
                                                     kMaxServerMessageBytes),
                                         " (", ToCleanUtf8(state, 5), ")"));
}

absl::StatusOr<PgResult> PgSession::Query(std::string_view sql, const std::vector<PgParam>& params) {
  if (broken_) return absl::UnavailableError("postgresql: connection closed after a timeout");
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const PgParam& p : params) values.push_back(p ? p->c_str() : nullptr);
  std::string text(sql);
  if (PQsendQueryParams(conn_, text.c_str(), static_cast<int>(values.size()), nullptr,
                        values.data(), nullptr, nullptr, /*resultFormat=*/0) == 0) {
    return absl::UnavailableError(
        core::StrCat("postgresql: cannot send: ", core::Trim(PQerrorMessage(conn_))));
  }
  return Await();
}

absl::Status PgSession::Command(std::string_view sql) {
  if (broken_) return absl::UnavailableError("postgresql: connection closed after a timeout");
  std::string text(sql);
  if (PQsendQuery(conn_, text.c_str()) == 0) {
    return absl::UnavailableError(
        core::StrCat("postgresql: cannot send: ", core::Trim(PQerrorMessage(conn_))));
  }
  return Await().status();
}

}  // namespace ucf::connectors::postgres
