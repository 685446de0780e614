#pragma once
// PgTarget: where and as whom to connect to a customer's PostgreSQL database.
//
// Built from a connection's form fields — host, port, database, user, password, sslmode — or from
// one `url` field (postgresql://user:password@host:port/database?sslmode=…; postgres:// too). Giving
// both is an error. Every error is InvalidArgument naming the form field (core::InvalidField).
// Bounds: url 2048 bytes, host 253, database/user 63 (NAMEDATALEN - 1), password 1024; all text
// must be NUL-free UTF-8. host is a DNS name or an IP literal (IPv6 in brackets inside a URL);
// unix-socket paths and multi-host lists are refused. port 1..65535 (default 5432); sslmode one of
// disable|allow|prefer|require|verify-ca|verify-full (default require, not libpq's prefer: prefer
// silently falls back to plaintext, so an on-path attacker could downgrade the connection and ask
// for the password in clear; verify-full is the one that also authenticates the server; disable
// is for databases reached over an already private link). URL parts are
// percent-decoded; the only URL query parameter accepted is sslmode.
//
// The password is a secret: it never appears in an error message, in ToString() or a log line.
//
// Address policy. Parse takes a HostCheck the caller uses to apply the same address policy as
// for HTTP upstreams: it is called with the host as given (a name or an IP literal) and any error
// it returns is passed through unchanged (the caller names the field in it, e.g. PermissionDenied
// "host is on a private network; set UCF_ALLOW_PRIVATE_DATABASES"). Customer databases usually
// sit on private networks, so allowing them must be an explicit setting of the caller. PgSession
// calls the same hook again with every address the name resolves to and connects to that checked
// address (libpq `hostaddr`), so DNS rebinding cannot slip past the check.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "boost/json/object.hpp"

namespace ucf::connectors::postgres {

using HostCheck = std::function<absl::Status(std::string_view host)>;

struct PgTarget {
  std::string host;
  int port = 5432;
  std::string database;
  std::string user;
  std::string password;  // SECRET
  std::string sslmode = "require";

  // "postgresql://user@host:port/database?sslmode=…" — never the password.
  std::string ToString() const;
};

// From form fields: "url" alone, or "host", "port" (integer or digit string), "database", "user",
// "password", "sslmode". `check_host` must be set (pass a function returning OK to allow all).
absl::StatusOr<PgTarget> ParsePgTarget(const boost::json::object& fields,
                                       const HostCheck& check_host);

// From one postgresql:// URL; errors name the field "url".
absl::StatusOr<PgTarget> ParsePgUrl(std::string_view url, const HostCheck& check_host);

}  // namespace ucf::connectors::postgres
