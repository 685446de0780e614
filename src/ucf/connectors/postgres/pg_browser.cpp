#include "ucf/connectors/postgres/pg_browser.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <utility>

#include "boost/json/array.hpp"
#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/connectors/postgres/pg_cursor.hpp"
#include "ucf/connectors/postgres/pg_value_json.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::postgres {
namespace {

constexpr std::size_t kMaxItemIdBytes = 8 * 1024;
constexpr std::size_t kMaxQueryBytes = 512;
// Per-cell overhead counted against the byte caps (name, quotes, separators).
constexpr std::size_t kCellOverhead = 4;

struct Column {
  std::string name;       // as in the catalog: used (quoted) in SQL
  std::string json_name;  // the JSON key: `name` repaired to clean UTF-8
  PgType type;
  bool varlena = false;    // variable length: its size is checked before it is fetched
  bool text_like = false;  // searched by q
  int key_position = 0;    // 1-based position in the primary key, 0 when not a key column
};

struct Relation {
  RelationName name;
  char relkind = 'r';
  std::vector<Column> columns;
  std::vector<std::string> key;  // primary-key columns in key order
  PgKeyMode mode = PgKeyMode::kPrimaryKey;
};

std::string_view Text(const pg_result* r, int row, int col) {
  return {PQgetvalue(r, row, col), static_cast<std::size_t>(PQgetlength(r, row, col))};
}

// InvalidArgument from the server (a value the client sent that does not fit the column's type)
// re-labelled with the client field it came from.
absl::Status Refield(absl::Status status, std::string_view field) {
  if (status.code() != absl::StatusCode::kInvalidArgument) return status;
  return core::InvalidField(field, core::ToStd(status.message()));
}

// Runs `body` inside BEGIN … READ ONLY with the statement and lock timeouts; rolls back on error.
template <typename T, typename Body>
absl::StatusOr<T> ReadOnly(PgSession& session, const BrowseLimits& limits, Body body) {
  if (!session.Idle()) (void)session.Command("ROLLBACK");
  UCF_RETURN_IF_ERROR(session.Command("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  long ms = std::max<long>(1, limits.statement_timeout.count());
  absl::Status setup = session.Command(core::StrCat("SET LOCAL statement_timeout = ", ms));
  if (setup.ok()) setup = session.Command(core::StrCat("SET LOCAL lock_timeout = ", ms));
  if (!setup.ok()) {
    (void)session.Command("ROLLBACK");
    return setup;
  }
  absl::StatusOr<T> out = body();
  if (!out.ok()) {
    (void)session.Command("ROLLBACK");
    return out;
  }
  UCF_RETURN_IF_ERROR(session.Command("COMMIT"));
  return out;
}

// Collects bound parameters and hands out their placeholders.
class Params {
 public:
  std::string Add(std::string value) {
    values_.emplace_back(std::move(value));
    return core::StrCat("$", values_.size());
  }
  const std::vector<PgParam>& values() const { return values_; }

 private:
  std::vector<PgParam> values_;
};

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

absl::StatusOr<Relation> LoadRelation(PgSession& session, const RelationName& name) {
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
  Relation out;
  out.name = name;
  std::string oid(Text(found.get(), 0, 0));
  out.relkind = Text(found.get(), 0, 1).empty() ? 'r' : Text(found.get(), 0, 1)[0];
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
    Column c;
    c.name = std::string(Text(cols.get(), r, 0));
    c.json_name = ToCleanUtf8(c.name);
    c.type.oid = static_cast<std::uint32_t>(core::ParseInt64(Text(cols.get(), r, 1)).value_or(0));
    c.type.element = static_cast<std::uint32_t>(core::ParseInt64(Text(cols.get(), r, 2)).value_or(0));
    c.varlena = Text(cols.get(), r, 3) == "true";
    c.text_like = Text(cols.get(), r, 4) == "true";
    c.key_position = static_cast<int>(core::ParseInt64(Text(cols.get(), r, 5)).value_or(0));
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

std::string QualifiedName(const Relation& rel) {
  return core::StrCat(QuoteIdent(rel.name.schema), ".", QuoteIdent(rel.name.name));
}

// The select list: each column (a varlena one as CASE … END plus its text size), then the key
// texts the cursor and the item id are made of.
std::string SelectList(const Relation& rel, Params& params, std::size_t cell_cap) {
  std::string cap;  // bound only when used: an unused parameter has no type
  std::vector<std::string> parts;
  for (const Column& c : rel.columns) {
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

std::string OrderBy(const Relation& rel) {
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
std::string KeyEquals(const Relation& rel, const std::vector<std::string>& values, Params& params) {
  if (rel.mode == PgKeyMode::kCtid) return core::StrCat("t.ctid = ", params.Add(values[0]), "::tid");
  std::vector<std::string> terms;
  for (std::size_t i = 0; i < rel.key.size(); ++i) {
    terms.push_back(core::StrCat("t.", QuoteIdent(rel.key[i]), " = ", params.Add(values[i])));
  }
  return core::Join(terms, " AND ");
}

// WHERE (key) > (values).
std::string KeyAfter(const Relation& rel, const std::vector<std::string>& values, Params& params) {
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
std::vector<std::string> KeyTexts(const Relation& rel, const pg_result* r, int row, int first) {
  std::vector<std::string> out;
  int count = rel.mode == PgKeyMode::kPrimaryKey ? static_cast<int>(rel.key.size())
                                                 : (rel.mode == PgKeyMode::kCtid ? 1 : 0);
  for (int i = 0; i < count; ++i) out.emplace_back(Text(r, row, first + i));
  return out;
}

std::string RowId(const Relation& rel, const std::vector<std::string>& key) {
  if (rel.mode == PgKeyMode::kOffset) return "";
  if (key.size() == 1) return ToCleanUtf8(key[0]);
  boost::json::array a;
  for (const std::string& k : key) a.emplace_back(ToCleanUtf8(k));
  return std::string(core::ToStd(boost::json::serialize(a)));
}

// Builds one row; `bytes` receives the value text counted against the caps.
PgRow ReadRow(const Relation& rel, const pg_result* r, int row, std::size_t cell_cap,
              std::size_t row_cap, std::size_t& bytes) {
  PgRow out;
  bytes = 0;
  int col = 0;
  for (const Column& c : rel.columns) {
    const int value_col = col++;
    std::optional<std::int64_t> size;
    if (c.varlena) {
      if (!PQgetisnull(r, row, col)) size = core::ParseInt64(Text(r, row, col));
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
      out.values[key] = PgTextToJson(c.type, Text(r, row, value_col));
    }
  }
  out.id = RowId(rel, KeyTexts(rel, r, row, col));
  return out;
}

int KeyColumnStart(const Relation& rel) {
  int n = 0;
  for (const Column& c : rel.columns) n += c.varlena ? 2 : 1;
  return n;
}

absl::Status CheckLimit(int limit, const BrowseLimits& limits) {
  if (limit < 1 || limit > limits.max_rows) {
    return core::InvalidField("limit", core::StrCat("limit must be 1..", limits.max_rows));
  }
  return absl::OkStatus();
}

// "(block,offset)" exactly as PostgreSQL prints a ctid (tidin itself ignores trailing junk).
bool IsCtid(std::string_view s) {
  if (s.size() < 5 || s.size() > 20 || s.front() != '(' || s.back() != ')') return false;
  std::size_t comma = s.find(',');
  if (comma == std::string_view::npos) return false;
  std::string_view block = s.substr(1, comma - 1), offset = s.substr(comma + 1, s.size() - comma - 2);
  auto digits = [](std::string_view d, std::size_t max) {
    return !d.empty() && d.size() <= max && d.find_first_not_of("0123456789") == std::string_view::npos;
  };
  return digits(block, 10) && digits(offset, 5);
}

// The key values an item id names, checked against the relation.
absl::StatusOr<std::vector<std::string>> ParseItemId(const Relation& rel, std::string_view id) {
  if (rel.mode == PgKeyMode::kOffset) {
    return absl::FailedPreconditionError(
        "postgresql: rows of a view or keyless partitioned table cannot be read by id");
  }
  if (rel.mode == PgKeyMode::kCtid) {
    if (!IsCtid(id)) return core::InvalidField("itemId", "expected a row address like (0,1)");
    return std::vector<std::string>{std::string(id)};
  }
  if (rel.key.size() == 1) return std::vector<std::string>{std::string(id)};
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(id, ec);
  if (ec || !v.is_array() || v.get_array().size() != rel.key.size()) {
    return core::InvalidField("itemId", core::StrCat("expected a JSON array of ", rel.key.size(),
                                                     " key values"));
  }
  std::vector<std::string> out;
  for (const boost::json::value& e : v.get_array()) {
    if (!e.is_string()) return core::InvalidField("itemId", "key values must be strings");
    std::string s(e.get_string().data(), e.get_string().size());
    if (!IsCleanUtf8(s)) return core::InvalidField("itemId", "not valid UTF-8 text");
    out.push_back(std::move(s));
  }
  return out;
}

absl::Status CheckCursorFits(const Relation& rel, const PgCursor& cursor) {
  bool ok = false;
  switch (rel.mode) {
    case PgKeyMode::kPrimaryKey:
      ok = cursor.mode == "pk" && cursor.columns == rel.key && cursor.key.size() == rel.key.size();
      break;
    case PgKeyMode::kCtid:
      ok = cursor.mode == "ctid" && cursor.key.size() == 1 && IsCtid(cursor.key[0]);
      break;
    case PgKeyMode::kOffset:
      ok = cursor.mode == "off" && cursor.key.empty();
      break;
  }
  return ok ? absl::OkStatus()
            : core::InvalidField("cursor", "cursor does not belong to this table's listing");
}

}  // namespace

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

absl::StatusOr<PgServerInfo> PgBrowser::Probe() {
  return ReadOnly<PgServerInfo>(session_, limits_, [&]() -> absl::StatusOr<PgServerInfo> {
    UCF_ASSIGN_OR_RETURN(
        PgResult r,
        session_.Query("SELECT current_user::text, current_database()::text, "
                       "current_setting('server_version')",
                       {}));
    if (PQntuples(r.get()) != 1) return absl::InternalError("postgresql: empty probe answer");
    return PgServerInfo{std::string(Text(r.get(), 0, 0)), std::string(Text(r.get(), 0, 1)),
                        std::string(Text(r.get(), 0, 2))};
  });
}

absl::StatusOr<PgContainerPage> PgBrowser::ListContainers(std::string_view cursor_text, int limit) {
  UCF_RETURN_IF_ERROR(CheckLimit(limit, limits_));
  PgCursor cursor;
  if (!cursor_text.empty()) {
    UCF_ASSIGN_OR_RETURN(cursor, DecodePgCursor(cursor_text));
    if (cursor.mode != "rel" || cursor.key.size() != 2) {
      return core::InvalidField("cursor", "cursor does not belong to the container listing");
    }
  }
  return ReadOnly<PgContainerPage>(session_, limits_, [&]() -> absl::StatusOr<PgContainerPage> {
    Params params;
    std::string after = "true";
    if (!cursor.key.empty()) {
      std::string s = params.Add(cursor.key[0]);
      std::string n = params.Add(cursor.key[1]);
      after = core::StrCat("(n.nspname, c.relname) > (", s, "::name, ", n, "::name)");
    }
    std::string lim = params.Add(std::to_string(limit + 1));
    std::string sql = core::StrCat(
        "SELECT n.nspname, c.relname, c.relkind::text, c.reltuples::bigint::text "
        "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r','p','v','m') AND NOT c.relispartition "
        "AND left(n.nspname, 3) <> 'pg_' AND n.nspname <> 'information_schema' "
        "AND has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT') AND ",
        after, " ORDER BY n.nspname, c.relname LIMIT ", lim, "::int");
    auto result = session_.Query(sql, params.values());
    if (!result.ok()) return Refield(result.status(), "cursor");
    const pg_result* r = result->get();
    PgContainerPage page;
    const int n = PQntuples(r);
    for (int i = 0; i < std::min(n, limit); ++i) {
      PgContainer c;
      c.relation = {ToCleanUtf8(Text(r, i, 0)), ToCleanUtf8(Text(r, i, 1))};
      c.id = FormatContainerId(c.relation);
      std::string_view kind = Text(r, i, 2);
      c.kind = std::string(KindName(kind.empty() ? 'r' : kind[0]));
      auto estimate = core::ParseInt64(Text(r, i, 3));
      if (estimate && *estimate >= 0) c.estimated_rows = *estimate;
      page.containers.push_back(std::move(c));
    }
    if (n > limit) {
      const RelationName& last = page.containers.back().relation;
      page.next = EncodePgCursor({.mode = "rel", .key = {last.schema, last.name}});
    }
    return page;
  });
}

absl::StatusOr<PgRowPage> PgBrowser::ListRows(std::string_view container_id, std::string_view q,
                                              std::string_view cursor_text, int limit) {
  UCF_ASSIGN_OR_RETURN(RelationName name, ParseContainerId(container_id, "containerId"));
  UCF_RETURN_IF_ERROR(CheckLimit(limit, limits_));
  if (q.size() > kMaxQueryBytes) return core::InvalidField("q", "search text is too long");
  if (!IsCleanUtf8(q)) return core::InvalidField("q", "search text must be NUL-free UTF-8");
  PgCursor cursor;
  if (!cursor_text.empty()) {
    UCF_ASSIGN_OR_RETURN(cursor, DecodePgCursor(cursor_text));
  }

  return ReadOnly<PgRowPage>(session_, limits_, [&]() -> absl::StatusOr<PgRowPage> {
    auto loaded = LoadRelation(session_, name);
    if (!loaded.ok()) return Refield(loaded.status(), "containerId");
    const Relation& rel = *loaded;
    if (!cursor_text.empty()) UCF_RETURN_IF_ERROR(CheckCursorFits(rel, cursor));

    Params params;
    std::string sql = core::StrCat("SELECT ", SelectList(rel, params, limits_.max_cell_bytes),
                                   " FROM ", QualifiedName(rel), " AS t WHERE true");
    if (!cursor_text.empty() && rel.mode != PgKeyMode::kOffset) {
      core::StrAppend(&sql, " AND ", KeyAfter(rel, cursor.key, params));
    }
    if (!q.empty()) {
      std::string pattern = params.Add(core::StrCat("%", EscapeLike(q), "%"));
      std::vector<std::string> terms;
      for (const Column& c : rel.columns) {
        if (!c.text_like) continue;
        terms.push_back(core::StrCat("(t.", QuoteIdent(c.name), ")::text ILIKE ", pattern,
                                     "::text ESCAPE E'\\\\'"));
      }
      if (terms.empty()) return core::InvalidField("q", "this table has no text columns to search");
      core::StrAppend(&sql, " AND (", core::Join(terms, " OR "), ")");
    }
    core::StrAppend(&sql, OrderBy(rel), " LIMIT ", params.Add(std::to_string(limit + 1)), "::int");
    if (rel.mode == PgKeyMode::kOffset) {
      core::StrAppend(&sql, " OFFSET ", params.Add(std::to_string(cursor.offset)), "::bigint");
    }
    auto result = session_.Query(sql, params.values());
    if (!result.ok()) return Refield(result.status(), "cursor");
    const pg_result* r = result->get();

    PgRowPage page;
    page.key_mode = rel.mode;
    page.key_columns = rel.key;
    const int n = PQntuples(r);
    const int key_start = KeyColumnStart(rel);
    std::size_t total = 0;
    bool more = n > limit;
    std::vector<std::string> last_key;
    for (int i = 0; i < std::min(n, limit); ++i) {
      std::size_t bytes = 0;
      PgRow row = ReadRow(rel, r, i, limits_.max_cell_bytes, limits_.max_page_bytes, bytes);
      if (!page.rows.empty() && total + bytes > limits_.max_page_bytes) {
        more = true;
        break;
      }
      total += bytes;
      last_key = KeyTexts(rel, r, i, key_start);
      page.rows.push_back(std::move(row));
    }
    if (more && !page.rows.empty()) {
      switch (rel.mode) {
        case PgKeyMode::kPrimaryKey:
          page.next = EncodePgCursor({.mode = "pk", .key = last_key, .columns = rel.key});
          break;
        case PgKeyMode::kCtid:
          page.next = EncodePgCursor({.mode = "ctid", .key = last_key});
          break;
        case PgKeyMode::kOffset:
          page.next = EncodePgCursor(
              {.mode = "off", .offset = cursor.offset + static_cast<std::int64_t>(page.rows.size())});
          break;
      }
    }
    return page;
  });
}

absl::StatusOr<PgRow> PgBrowser::GetRow(std::string_view container_id, std::string_view item_id) {
  UCF_ASSIGN_OR_RETURN(RelationName name, ParseContainerId(container_id, "containerId"));
  if (item_id.empty()) return core::InvalidField("itemId", "required");
  if (item_id.size() > kMaxItemIdBytes) return core::InvalidField("itemId", "item id is too long");
  if (!IsCleanUtf8(item_id)) return core::InvalidField("itemId", "item id must be NUL-free UTF-8");

  return ReadOnly<PgRow>(session_, limits_, [&]() -> absl::StatusOr<PgRow> {
    auto loaded = LoadRelation(session_, name);
    if (!loaded.ok()) return Refield(loaded.status(), "containerId");
    const Relation& rel = *loaded;
    UCF_ASSIGN_OR_RETURN(std::vector<std::string> key, ParseItemId(rel, item_id));
    Params params;
    std::string sql = core::StrCat("SELECT ", SelectList(rel, params, limits_.max_item_bytes),
                                   " FROM ", QualifiedName(rel), " AS t WHERE ",
                                   KeyEquals(rel, key, params), " LIMIT 1");
    auto result = session_.Query(sql, params.values());
    if (!result.ok()) return Refield(result.status(), "itemId");
    if (PQntuples(result->get()) == 0) return absl::NotFoundError("postgresql: no row with this id");
    std::size_t bytes = 0;
    return ReadRow(rel, result->get(), 0, limits_.max_item_bytes, limits_.max_item_bytes, bytes);
  });
}

}  // namespace ucf::connectors::postgres
