#pragma once
// PgRelation: what the browser knows about one table or view, read from the catalog — its
// columns with their (domain-resolved) types, its primary key, and the key mode paging uses.
// Loaded inside the browser's read-only transaction; a relation the user may not SELECT, or one
// in pg_* / information_schema, is NotFound.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/connectors/postgres/pg_ident.hpp"
#include "ucf/connectors/postgres/pg_session.hpp"
#include "ucf/connectors/postgres/pg_value_json.hpp"

namespace ucf::connectors::postgres {

// How rows of a relation are ordered, paged and addressed (pg_browser.hpp explains each).
enum class PgKeyMode { kPrimaryKey, kCtid, kOffset };
std::string_view KeyModeName(PgKeyMode mode);  // "primary_key", "ctid", "offset"

struct PgColumn {
  std::string name;       // as in the catalog: used (quoted) in SQL
  std::string json_name;  // the JSON key: `name` repaired to clean UTF-8
  PgType type;
  bool varlena = false;    // variable length: its size is checked before it is fetched
  bool text_like = false;  // searched by q
  int key_position = 0;    // 1-based position in the primary key, 0 when not a key column
};

struct PgRelation {
  RelationName name;
  char relkind = 'r';
  std::vector<PgColumn> columns;
  std::vector<std::string> key;  // primary-key columns in key order
  PgKeyMode mode = PgKeyMode::kPrimaryKey;
};

// "table", "partitioned_table", "view" or "materialized_view" for a pg_class.relkind.
std::string_view KindName(char relkind);

absl::StatusOr<PgRelation> LoadRelation(PgSession& session, const RelationName& name);

}  // namespace ucf::connectors::postgres
