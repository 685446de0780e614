#include "ucf/connectors/postgres/pg_browser.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <utility>

#include "boost/json/parse.hpp"
#include "ucf/connectors/postgres/pg_cursor.hpp"
#include "ucf/connectors/postgres/pg_relation.hpp"
#include "ucf/connectors/postgres/pg_rows.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::postgres {
namespace {

constexpr std::size_t kMaxRowKeyBytes = 8 * 1024;
constexpr std::size_t kMaxQueryBytes = 512;
constexpr std::uint32_t kDateOid = 1082;

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
absl::StatusOr<std::vector<std::string>> ParseItemId(const PgRelation& rel, std::string_view id) {
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

// The relation's column `change` names when it is a date or time column a changed-rows listing
// can filter and order by; nullptr otherwise (the relation is then listed in full).
const PgColumn* ChangeColumn(const PgRelation& rel, const PgChange* change) {
  if (change == nullptr) return nullptr;
  for (const PgColumn& c : rel.columns) {
    if (c.name != change->column || c.type.element != 0) continue;
    bool timely = c.type.oid == pg_oid::kTimestamptz || c.type.oid == pg_oid::kTimestamp ||
                  c.type.oid == kDateOid;
    return timely ? &c : nullptr;
  }
  return nullptr;
}

absl::Status CheckCursorFits(const PgRelation& rel, const PgCursor& cursor, bool changed_listing) {
  if (rel.mode != PgKeyMode::kOffset && cursor.changed.empty() == changed_listing) {
    return core::InvalidField("cursor", "cursor does not belong to this table's listing");
  }
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

absl::StatusOr<PgServerInfo> PgBrowser::Probe() {
  return ReadOnly<PgServerInfo>(session_, limits_, [&]() -> absl::StatusOr<PgServerInfo> {
    UCF_ASSIGN_OR_RETURN(
        PgResult r,
        session_.Query("SELECT current_user::text, current_database()::text, "
                       "current_setting('server_version')",
                       {}));
    if (PQntuples(r.get()) != 1) return absl::InternalError("postgresql: empty probe answer");
    return PgServerInfo{std::string(PgValue(r.get(), 0, 0)), std::string(PgValue(r.get(), 0, 1)),
                        std::string(PgValue(r.get(), 0, 2))};
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
    PgParams params;
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
      c.relation = {ToCleanUtf8(PgValue(r, i, 0)), ToCleanUtf8(PgValue(r, i, 1))};
      c.id = FormatContainerId(c.relation);
      std::string_view kind = PgValue(r, i, 2);
      c.kind = std::string(KindName(kind.empty() ? 'r' : kind[0]));
      auto estimate = core::ParseInt64(PgValue(r, i, 3));
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
                                              std::string_view cursor_text, int limit,
                                              const PgChange* change) {
  if (change != nullptr && !q.empty()) return core::InvalidField("q", "a changed-rows listing has no search");
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
    const PgRelation& rel = *loaded;
    const PgColumn* changed = ChangeColumn(rel, change);
    if (!cursor_text.empty()) UCF_RETURN_IF_ERROR(CheckCursorFits(rel, cursor, changed != nullptr));

    PgParams params;
    std::string sql = core::StrCat("SELECT ", SelectList(rel, params, limits_.max_cell_bytes));
    std::string changed_col = changed ? core::StrCat("t.", QuoteIdent(changed->name)) : "";
    if (changed) core::StrAppend(&sql, ", (", changed_col, ")::timestamptz::text");
    core::StrAppend(&sql, " FROM ", QualifiedName(rel), " AS t WHERE true");
    if (changed) {
      core::StrAppend(&sql, " AND ", changed_col, " >= ", params.Add(change->since), "::timestamptz");
    }
    if (!cursor_text.empty() && rel.mode != PgKeyMode::kOffset) {
      if (changed) {
        // (change, key) > (last change, last key): the change column leads the keyset.
        std::string after = KeyAfter(rel, cursor.key, params);
        std::string last = params.Add(cursor.changed);
        core::StrAppend(&sql, " AND (", changed_col, " > ", last, "::timestamptz OR (", changed_col, " = ",
                        last, "::timestamptz AND ", after, "))");
      } else {
        core::StrAppend(&sql, " AND ", KeyAfter(rel, cursor.key, params));
      }
    }
    if (!q.empty()) {
      std::string pattern = params.Add(core::StrCat("%", EscapeLike(q), "%"));
      std::vector<std::string> terms;
      for (const PgColumn& c : rel.columns) {
        if (!c.text_like) continue;
        terms.push_back(core::StrCat("(t.", QuoteIdent(c.name), ")::text ILIKE ", pattern,
                                     "::text ESCAPE E'\\\\'"));
      }
      if (terms.empty()) return core::InvalidField("q", "this table has no text columns to search");
      core::StrAppend(&sql, " AND (", core::Join(terms, " OR "), ")");
    }
    std::string order = OrderBy(rel);
    if (changed) order = core::StrCat(" ORDER BY ", changed_col, ", ", order.substr(std::string_view(" ORDER BY ").size()));
    core::StrAppend(&sql, order, " LIMIT ", params.Add(std::to_string(limit + 1)), "::int");
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
    const int changed_at = key_start + static_cast<int>(rel.mode == PgKeyMode::kPrimaryKey ? rel.key.size()
                                                          : rel.mode == PgKeyMode::kCtid ? 1 : 0);
    std::vector<std::string> last_key;
    std::string last_changed;
    for (int i = 0; i < std::min(n, limit); ++i) {
      std::size_t bytes = 0;
      PgRow row = ReadRow(rel, r, i, limits_.max_cell_bytes, limits_.max_page_bytes, bytes);
      if (!page.rows.empty() && total + bytes > limits_.max_page_bytes) {
        more = true;
        break;
      }
      total += bytes;
      last_key = KeyTexts(rel, r, i, key_start);
      if (changed) last_changed = std::string(PgValue(r, i, changed_at));
      page.rows.push_back(std::move(row));
    }
    if (more && !page.rows.empty()) {
      switch (rel.mode) {
        case PgKeyMode::kPrimaryKey:
          page.next = EncodePgCursor({.mode = "pk", .key = last_key, .columns = rel.key, .changed = last_changed});
          break;
        case PgKeyMode::kCtid:
          page.next = EncodePgCursor({.mode = "ctid", .key = last_key, .changed = last_changed});
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
  if (item_id.size() > kMaxRowKeyBytes) return core::InvalidField("itemId", "item id is too long");
  if (!IsCleanUtf8(item_id)) return core::InvalidField("itemId", "item id must be NUL-free UTF-8");

  return ReadOnly<PgRow>(session_, limits_, [&]() -> absl::StatusOr<PgRow> {
    auto loaded = LoadRelation(session_, name);
    if (!loaded.ok()) return Refield(loaded.status(), "containerId");
    const PgRelation& rel = *loaded;
    UCF_ASSIGN_OR_RETURN(std::vector<std::string> key, ParseItemId(rel, item_id));
    PgParams params;
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
