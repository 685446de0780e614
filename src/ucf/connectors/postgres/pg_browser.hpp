#pragma once
// PgBrowser: read-only browsing of one customer database over a PgSession.
//
//   containers  tables, partitioned tables, views and materialized views the user may SELECT, in
//               every schema except pg_* and information_schema (partitions are listed through
//               their parent), ordered by schema then name; id = container id (pg_ident.hpp),
//               estimated rows from pg_class.reltuples (nullopt when never analysed).
//   rows        rows of one container, one page at a time, in a stable order chosen by the
//               relation's key (PgKeyMode):
//                 kPrimaryKey  tables with a primary key: keyset paging on the key columns
//                              (ORDER BY key, WHERE (key) > (last key)); item id = the key's text,
//                              or a JSON array of the texts for a composite key.
//                 kCtid        tables and materialized views without a primary key: keyset
//                              paging on the physical row address (ctid); item id = "(page,tuple)".
//                              A ctid is stable while the row is not updated; an UPDATE or
//                              VACUUM FULL moves it, so such ids are a best effort (the page says
//                              key_mode "ctid").
//                 kOffset      views and partitioned tables without a primary key: OFFSET paging
//                              ordered by the whole row's text; concurrent changes can shift
//                              rows between pages. Rows have no id and cannot be read by key.
//               `q` searches the text-like columns (string category: text, varchar, char, name,
//               citext …) case-insensitively as a substring: ILIKE with %, _ and \ escaped, the
//               pattern a bound parameter. A relation without such columns refuses `q`.
//               Changed rows (a sync with a marker, PgChange): only rows whose updated-at column
//               is at or after `since` (WHERE col >= $since::timestamptz, the value a bound
//               parameter, the column quoted), ordered by that column then the key, oldest change
//               first; keyset paging continues from (last change, last key). A relation without
//               that column, or whose column is not a date/timestamp/timestamptz, is listed in full
//               in its usual order (the caller's marker then does not advance for it).
//   row         one row by item id (kPrimaryKey, kCtid).
//
// Safety: each call runs in its own BEGIN … READ ONLY transaction with SET LOCAL
// statement_timeout and lock_timeout. Every identifier in SQL comes from the catalog and is quoted
// (QuoteIdent); every client value (names, ids, search text, cursor keys, limits) is a bound
// parameter. Client strings are bounded and must be NUL-free UTF-8 before any use. The
// database's search_path is left alone (its own view functions may rely on it): relations are
// always schema-qualified, and the functions and casts the browser calls take built-in types,
// which pg_catalog — always searched first — resolves exactly.
// Caps: a page holds at most `limit` (1..max_rows) rows and stops early once the values' text
// reaches max_page_bytes (the first row always fits). A value longer than max_cell_bytes is not
// fetched at all: its cell is null and its column is named in the row's `omitted` list, so a
// client can tell an omitted value from NULL. GetRow uses max_item_bytes for both.
//
// Cursors (`next`) are opaque strings for the caller to sign and bind to the connection and the
// listing (connectors::CursorCodec); the browser still checks every cursor strictly (shape,
// key mode and key columns of the relation now) and refuses a bad one with InvalidArgument naming
// "cursor".
//
// Errors: InvalidArgument naming containerId / itemId / q / cursor / limit; NotFound (no such
// relation the user can read, no such row); FailedPrecondition (row by key on a keyless
// relation); DeadlineExceeded (statement timeout); Unavailable (connection lost);
// PermissionDenied; Internal only for states this code does not expect.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/connectors/postgres/pg_ident.hpp"
#include "ucf/connectors/postgres/pg_relation.hpp"
#include "ucf/connectors/postgres/pg_rows.hpp"
#include "ucf/connectors/postgres/pg_session.hpp"

namespace ucf::connectors::postgres {

struct BrowseLimits {
  std::chrono::milliseconds statement_timeout{5'000};
  int max_rows = 200;
  std::size_t max_page_bytes = 1 << 20;   // 1 MiB of value text per page
  std::size_t max_cell_bytes = 256 << 10; // larger values are omitted from listings
  std::size_t max_item_bytes = 16 << 20;  // one row by key
};

struct PgContainer {
  std::string id;    // container id, e.g. public.users
  RelationName relation;
  std::string kind;  // "table", "partitioned_table", "view", "materialized_view"
  std::optional<std::int64_t> estimated_rows;
};

struct PgContainerPage {
  std::vector<PgContainer> containers;
  std::optional<std::string> next;
};

// A changed-rows listing: `column` (a catalog name, from the connection's updatedAtColumn) at or
// after `since` (RFC 3339 text, sent as a parameter).
struct PgChange {
  std::string column;
  std::string since;
};

struct PgRowPage {
  std::vector<PgRow> rows;
  std::optional<std::string> next;
  PgKeyMode key_mode = PgKeyMode::kPrimaryKey;
  std::vector<std::string> key_columns;  // primary-key columns (kPrimaryKey)
};

// What the connection check learned (non-secret).
struct PgServerInfo {
  std::string user;            // current_user
  std::string database;        // current_database()
  std::string server_version;  // server_version, e.g. "15.8 (Debian 15.8-0+deb12u1)"
};

class PgBrowser {
 public:
  // `session` must outlive the browser.
  PgBrowser(PgSession& session, BrowseLimits limits) : session_(session), limits_(limits) {}

  // The connection check: a real round trip (one read-only query).
  absl::StatusOr<PgServerInfo> Probe();
  absl::StatusOr<PgContainerPage> ListContainers(std::string_view cursor, int limit);
  // `change` set: the changed-rows listing (q must be empty).
  absl::StatusOr<PgRowPage> ListRows(std::string_view container_id, std::string_view q,
                                     std::string_view cursor, int limit,
                                     const PgChange* change = nullptr);
  absl::StatusOr<PgRow> GetRow(std::string_view container_id, std::string_view item_id);

 private:
  PgSession& session_;
  BrowseLimits limits_;
};

}  // namespace ucf::connectors::postgres
