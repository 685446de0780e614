#pragma once
// The SQL the browser sends for the rows of one relation, and reading the answer back.
//
// Select list layout: each column in order — a variable-length column as
//   CASE WHEN octet_length(col::text) > $cap THEN NULL ELSE col END, octet_length(col::text)
// so a value over the cap is never transferred (ReadRow reports it in `omitted`) — followed by the
// key texts (primary-key columns ::text, or ctid::text) the row id and the cursor are made of.
// Identifiers are quoted (QuoteIdent) catalog names; values only ever go through PgParams.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "boost/json/object.hpp"
#include "ucf/connectors/postgres/pg_relation.hpp"
#include "ucf/connectors/postgres/pg_session.hpp"

namespace ucf::connectors::postgres {

struct PgRow {
  std::string id;                    // empty for kOffset rows
  boost::json::object values;        // column name -> JSON (pg_value_json.hpp)
  std::vector<std::string> omitted;  // columns whose value exceeded the byte cap (value null)
};

// Collects bound parameters and hands out their placeholders ($1, $2, …).
class PgParams {
 public:
  std::string Add(std::string value);
  const std::vector<PgParam>& values() const { return values_; }

 private:
  std::vector<PgParam> values_;
};

// "schema"."name", both quoted.
std::string QualifiedName(const PgRelation& rel);
// The select list above; values over `cell_cap` bytes are not fetched.
std::string SelectList(const PgRelation& rel, PgParams& params, std::size_t cell_cap);
// " ORDER BY …" for the relation's key mode.
std::string OrderBy(const PgRelation& rel);
// Key = values (kPrimaryKey: every key column; kCtid: the ctid).
std::string KeyEquals(const PgRelation& rel, const std::vector<std::string>& values, PgParams& params);
// (key) > (values).
std::string KeyAfter(const PgRelation& rel, const std::vector<std::string>& values, PgParams& params);
// `q` with \, % and _ escaped for LIKE … ESCAPE '\'.
std::string EscapeLike(std::string_view q);

// Index of the first key text in the select list.
int KeyColumnStart(const PgRelation& rel);
// The row's key texts (starting at column `first`).
std::vector<std::string> KeyTexts(const PgRelation& rel, const pg_result* r, int row, int first);
// The item id for key texts: the text for one key column, a JSON array of texts for several.
std::string RowId(const PgRelation& rel, const std::vector<std::string>& key);
// One row; cells over `cell_cap`, or that would take the row past `row_cap`, are omitted.
// `bytes` receives the value text counted against the caps.
PgRow ReadRow(const PgRelation& rel, const pg_result* r, int row, std::size_t cell_cap,
              std::size_t row_cap, std::size_t& bytes);

}  // namespace ucf::connectors::postgres
