#include "ucf/connectors/postgres/pg_rows.hpp"

#include <libpq-fe.h>

#include "boost/json/array.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/connectors/postgres/pg_text.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::postgres {
namespace {

// Per-cell overhead counted against the byte caps (name, quotes, separators).
constexpr std::size_t kCellOverhead = 4;

}  // namespace

std::string PgParams::Add(std::string value) {
  values_.emplace_back(std::move(value));
  return core::StrCat("$", values_.size());
}

std::string QualifiedName(const PgRelation& rel) {
  return core::StrCat(QuoteIdent(rel.name.schema), ".", QuoteIdent(rel.name.name));
}

// The select list: each column (a varlena one as CASE … END plus its text size), then the key
// texts the cursor and the item id are made of.
std::string SelectList(const PgRelation& rel, PgParams& params, std::size_t cell_cap) {
  std::string cap;  // bound only when used: an unused parameter has no type
  std::vector<std::string> parts;
  for (const PgColumn& c : rel.columns) {
    std::string col = core::StrCat("t.", QuoteIdent(c.name));
    if (c.varlena) {
      if (cap.empty()) cap = params.Add(std::to_string(cell_cap));
      std::string size = core::StrCat("octet_length((", col, ")::text)");
      parts.push_back(core::StrCat("CASE WHEN ", size, " > ", cap, "::int THEN NULL ELSE ", col,
                                   " END"));
      parts.push_back(size);
    } else {
      parts.push_back(col);
    }
  }
  if (rel.mode == PgKeyMode::kPrimaryKey) {
    for (const std::string& k : rel.key) parts.push_back(core::StrCat("(t.", QuoteIdent(k), ")::text"));
  } else if (rel.mode == PgKeyMode::kCtid) {
    parts.push_back("t.ctid::text");
  }
  if (parts.empty()) parts.push_back("NULL");  // a relation without columns
  return core::Join(parts, ", ");
}

std::string OrderBy(const PgRelation& rel) {
  switch (rel.mode) {
    case PgKeyMode::kPrimaryKey: {
      std::vector<std::string> keys;
      for (const std::string& k : rel.key) keys.push_back(core::StrCat("t.", QuoteIdent(k)));
      return core::StrCat(" ORDER BY ", core::Join(keys, ", "));
    }
    case PgKeyMode::kCtid:
      return " ORDER BY t.ctid";
    case PgKeyMode::kOffset:
      return " ORDER BY ROW(t.*)::text";
  }
  return "";
}

// WHERE key = the given values (kPrimaryKey: every key column; kCtid: the ctid).
std::string KeyEquals(const PgRelation& rel, const std::vector<std::string>& values, PgParams& params) {
  if (rel.mode == PgKeyMode::kCtid) return core::StrCat("t.ctid = ", params.Add(values[0]), "::tid");
  std::vector<std::string> terms;
  for (std::size_t i = 0; i < rel.key.size(); ++i) {
    terms.push_back(core::StrCat("t.", QuoteIdent(rel.key[i]), " = ", params.Add(values[i])));
  }
  return core::Join(terms, " AND ");
}

// WHERE (key) > (values).
std::string KeyAfter(const PgRelation& rel, const std::vector<std::string>& values, PgParams& params) {
  if (rel.mode == PgKeyMode::kCtid) return core::StrCat("t.ctid > ", params.Add(values[0]), "::tid");
  std::vector<std::string> cols, binds;
  for (std::size_t i = 0; i < rel.key.size(); ++i) {
    cols.push_back(core::StrCat("t.", QuoteIdent(rel.key[i])));
    binds.push_back(params.Add(values[i]));
  }
  return core::StrCat("(", core::Join(cols, ", "), ") > (", core::Join(binds, ", "), ")");
}

std::string EscapeLike(std::string_view q) {
  std::string out;
  for (char c : q) {
    if (c == '\\' || c == '%' || c == '_') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// The row's key texts as read from the select list's tail.
std::vector<std::string> KeyTexts(const PgRelation& rel, const pg_result* r, int row, int first) {
  std::vector<std::string> out;
  int count = rel.mode == PgKeyMode::kPrimaryKey ? static_cast<int>(rel.key.size())
                                                 : (rel.mode == PgKeyMode::kCtid ? 1 : 0);
  for (int i = 0; i < count; ++i) out.emplace_back(PgValue(r, row, first + i));
  return out;
}

std::string RowId(const PgRelation& rel, const std::vector<std::string>& key) {
  if (rel.mode == PgKeyMode::kOffset) return "";
  if (key.size() == 1) return ToCleanUtf8(key[0]);
  boost::json::array a;
  for (const std::string& k : key) a.emplace_back(ToCleanUtf8(k));
  return std::string(core::ToStd(boost::json::serialize(a)));
}

// Builds one row; `bytes` receives the value text counted against the caps.
PgRow ReadRow(const PgRelation& rel, const pg_result* r, int row, std::size_t cell_cap,
              std::size_t row_cap, std::size_t& bytes) {
  PgRow out;
  bytes = 0;
  int col = 0;
  for (const PgColumn& c : rel.columns) {
    const int value_col = col++;
    std::optional<std::int64_t> size;
    if (c.varlena) {
      if (!PQgetisnull(r, row, col)) size = core::ParseInt64(PgValue(r, row, col));
      ++col;
    }
    const std::string_view key = c.json_name;
    bool over_cap = size && static_cast<std::size_t>(*size) > cell_cap;
    std::size_t cell = (PQgetisnull(r, row, value_col) ? 0 : PQgetlength(r, row, value_col)) +
                       c.name.size() + kCellOverhead;
    if (over_cap || (bytes + cell > row_cap && PQgetisnull(r, row, value_col) == 0)) {
      out.values[key] = nullptr;
      out.omitted.push_back(c.json_name);
      bytes += c.name.size() + kCellOverhead;
      continue;
    }
    bytes += cell;
    if (PQgetisnull(r, row, value_col)) {
      out.values[key] = nullptr;
    } else {
      out.values[key] = PgTextToJson(c.type, PgValue(r, row, value_col));
    }
  }
  out.id = RowId(rel, KeyTexts(rel, r, row, col));
  return out;
}

int KeyColumnStart(const PgRelation& rel) {
  int n = 0;
  for (const PgColumn& c : rel.columns) n += c.varlena ? 2 : 1;
  return n;
}

}  // namespace ucf::connectors::postgres
