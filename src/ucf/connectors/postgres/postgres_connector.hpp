#pragma once
// The PostgreSQL connector: read-only browsing of a customer database through a SqlSession
// (connectors/sql_session.hpp) with the PgBrowser engine.
//
// Form: host, port (integer 1..65535, default 5432), database, user, password (secret), sslmode
// (enum, default require) — or one url (secret: it carries the password)
// postgresql://user:password@host:port/database?sslmode=…; updatedAtColumn (optional) names the
// column whose value becomes each row's meta.updated (and the synced record's updated_at).
// ValidateConfig adds PgTarget's rules (pg_target.hpp) to the declared-field checks.
//
// Operations: CheckCredentials = connect + one read-only round trip (PgBrowser::Probe);
// containers = tables and views (PgBrowser); items = rows of `containerId` with keyset paging and
// `q`; item = one row by its unified id (pg_item_id.hpp); comments, create and webhooks are
// Unsupported (501). Sync models: "tables" (level 0) and "rows" (level 1: every row of every
// table, a full keyset scan each run; unchanged rows are not new records).
//
// The database connection is opened on first use and kept in the session (one request or one
// sync run). Every error is the browser's (pg_browser.hpp) or the session's (pg_session.hpp);
// none carries the password. Thread-safe (no state of its own beyond options).

#include <chrono>
#include <memory>

#include "ucf/connectors/connector.hpp"
#include "ucf/connectors/postgres/pg_browser.hpp"

namespace ucf::connectors::postgres {

struct PostgresConnectorOptions {
  BrowseLimits limits;
  // Connection set-up and every client-side round trip; longer than limits.statement_timeout.
  std::chrono::milliseconds timeout{10'000};
};

std::unique_ptr<Connector> MakePostgresConnector(PostgresConnectorOptions options = {});

}  // namespace ucf::connectors::postgres
