#include "ucf/connectors/postgres/pg_relation.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <utility>

#include "ucf/connectors/postgres/pg_text.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::postgres {

std::string_view KeyModeName(PgKeyMode mode) {
  switch (mode) {
    case PgKeyMode::kPrimaryKey:
      return "primary_key";
    case PgKeyMode::kCtid:
      return "ctid";
    case PgKeyMode::kOffset:
      return "offset";
  }
  return "";
}

std::string_view KindName(char relkind) {
  switch (relkind) {
    case 'p':
      return "partitioned_table";
    case 'v':
      return "view";
    case 'm':
      return "materialized_view";
    default:
      return "table";
  }
}

absl::StatusOr<PgRelation> LoadRelation(PgSession& session, const RelationName& name) {
  UCF_ASSIGN_OR_RETURN(
      PgResult found,
      session.Query("SELECT c.oid::text, c.relkind::text FROM pg_catalog.pg_class c "
                    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r','p','v','m') "
                    "AND left(n.nspname, 3) <> 'pg_' AND n.nspname <> 'information_schema' "
                    "AND has_schema_privilege(n.oid, 'USAGE') "
                    "AND has_table_privilege(c.oid, 'SELECT')",
                    {name.schema, name.name}));
  if (PQntuples(found.get()) != 1) {
    return absl::NotFoundError("postgresql: no such table or view (or no SELECT privilege)");
  }
  PgRelation out;
  out.name = name;
  std::string oid(PgValue(found.get(), 0, 0));
  out.relkind = PgValue(found.get(), 0, 1).empty() ? 'r' : PgValue(found.get(), 0, 1)[0];
  UCF_ASSIGN_OR_RETURN(
      PgResult cols,
      session.Query(
          "SELECT a.attname, bt.oid::text, "
          "CASE WHEN bt.typcategory = 'A' THEN bt.typelem ELSE 0 END::text, "
          "(bt.typlen < 0)::text, (bt.typcategory = 'S')::text, "
          "COALESCE((SELECT k.ord FROM pg_catalog.pg_index i, "
          "          unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) "
          "          WHERE i.indrelid = a.attrelid AND i.indisprimary AND k.attnum = a.attnum), "
          "         0)::text "
          "FROM pg_catalog.pg_attribute a "
          "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
          "JOIN pg_catalog.pg_type bt ON bt.oid = "
          "  CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END "
          "WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
          {oid}));
  const int n = PQntuples(cols.get());
  std::vector<std::pair<int, std::string>> key;
  for (int r = 0; r < n; ++r) {
    PgColumn c;
    c.name = std::string(PgValue(cols.get(), r, 0));
    c.json_name = ToCleanUtf8(c.name);
    c.type.oid = static_cast<std::uint32_t>(core::ParseInt64(PgValue(cols.get(), r, 1)).value_or(0));
    c.type.element = static_cast<std::uint32_t>(core::ParseInt64(PgValue(cols.get(), r, 2)).value_or(0));
    c.varlena = PgValue(cols.get(), r, 3) == "true";
    c.text_like = PgValue(cols.get(), r, 4) == "true";
    c.key_position = static_cast<int>(core::ParseInt64(PgValue(cols.get(), r, 5)).value_or(0));
    if (c.key_position > 0) key.emplace_back(c.key_position, c.name);
    out.columns.push_back(std::move(c));
  }
  std::sort(key.begin(), key.end());
  for (auto& [position, column] : key) out.key.push_back(column);
  if (!out.key.empty()) {
    out.mode = PgKeyMode::kPrimaryKey;
  } else if (out.relkind == 'r' || out.relkind == 'm') {
    out.mode = PgKeyMode::kCtid;
  } else {
    out.mode = PgKeyMode::kOffset;
  }
  return out;
}

}  // namespace ucf::connectors::postgres
