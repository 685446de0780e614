#include "ucf/storage/sql/sql_connection_store.hpp"

#include <algorithm>
#include <vector>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/core/ids.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/storage/sql/ownership.hpp"
#include "ucf/storage/sql/paging.hpp"
#include "ucf/storage/sql/row_reader.hpp"
#include "ucf/storage/sql/secrets.hpp"

namespace ucf::storage::sql {
namespace {

constexpr std::string_view kConnectionTable = "connections";
constexpr std::string_view kConnectionColumns =
    "id, tenant_id, connector_id, name, auth_method, status, config, secret_config, metadata, "
    "created_at, updated_at, last_validated_at";

std::string StatusText(ConnectionStatus status) {
  return std::string(ConnectionStatusName(status));
}

}  // namespace

absl::StatusOr<ConnectionRecord> SqlConnectionStore::Read(const Row& row) const {
  RowReader r(row, kConnectionTable);
  ConnectionRecord c;
  c.id = r.Text();
  c.tenant_id = r.Text();
  c.connector_id = r.Text();
  c.name = r.Text();
  c.auth_method = r.Text();
  std::string status = r.Text();
  c.config = r.Object();
  c.secret_config = r.SecretObject(ctx_.cipher, "secret_config");
  c.metadata = r.Object();
  c.created_at = r.Time();
  c.updated_at = r.Time();
  c.last_validated_at = r.OptTime();
  UCF_RETURN_IF_ERROR(r.status());
  std::optional<ConnectionStatus> parsed = ParseConnectionStatus(status);
  if (!parsed.has_value()) return absl::DataLossError("unknown status in connections.status");
  c.status = *parsed;
  return c;
}

absl::StatusOr<std::optional<std::string>> SqlConnectionStore::SealConfig(
    const boost::json::object& secret_config) const {
  if (secret_config.empty()) return std::nullopt;
  return SealSecret(ctx_.cipher, boost::json::serialize(secret_config), kConnectionTable, "secret_config");
}

absl::StatusOr<std::optional<ConnectionRecord>> SqlConnectionStore::TryInsert(
    const ConnectionRecord& c) {
  UCF_RETURN_IF_ERROR(RequireTenant(ctx_.db, c.tenant_id));
  UCF_ASSIGN_OR_RETURN(std::optional<std::string> sealed, SealConfig(c.secret_config));
  static const std::string kSql =
      core::StrCat("INSERT INTO connections (", kConnectionColumns,
                   ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) "
                   "ON CONFLICT DO NOTHING RETURNING ",
                   kConnectionColumns);
  std::string id = c.id.empty() ? core::NewId("con") : c.id;
  UCF_ASSIGN_OR_RETURN(
      Rows rows,
      ctx_.db.Query(kSql, {id, c.tenant_id, c.connector_id, c.name, c.auth_method,
                           StatusText(c.status), Value::Json(c.config), sealed,
                           Value::Json(c.metadata), ctx_.clock.Now(), c.last_validated_at}));
  if (rows.empty()) return std::optional<ConnectionRecord>();
  UCF_ASSIGN_OR_RETURN(ConnectionRecord stored, Read(rows[0]));
  return std::optional<ConnectionRecord>(std::move(stored));
}

absl::StatusOr<ConnectionRecord> SqlConnectionStore::Create(const ConnectionRecord& connection) {
  UCF_ASSIGN_OR_RETURN(std::optional<ConnectionRecord> inserted, TryInsert(connection));
  if (!inserted.has_value()) {
    return absl::AlreadyExistsError("a connection with this connector and name already exists");
  }
  return *std::move(inserted);
}

absl::StatusOr<ConnectionUpsertResult> SqlConnectionStore::Upsert(const ConnectionRecord& c) {
  // Insert-or-nothing first: on PostgreSQL a racing uncommitted insert of the same key makes this
  // wait for it, and the UPDATE below (a new snapshot under READ COMMITTED) then sees its row.
  UCF_ASSIGN_OR_RETURN(std::optional<ConnectionRecord> inserted, TryInsert(c));
  if (inserted.has_value()) return ConnectionUpsertResult{*std::move(inserted), true};

  UCF_ASSIGN_OR_RETURN(std::optional<std::string> sealed, SealConfig(c.secret_config));
  static const std::string kSql = core::StrCat(
      "UPDATE connections SET auth_method = $4, status = $5, config = $6, secret_config = $7, "
      "metadata = $8, updated_at = $9 "
      "WHERE tenant_id = $1 AND connector_id = $2 AND name = $3 RETURNING ",
      kConnectionColumns);
  UCF_ASSIGN_OR_RETURN(Rows rows,
                       ctx_.db.Query(kSql, {c.tenant_id, c.connector_id, c.name, c.auth_method,
                                            StatusText(c.status), Value::Json(c.config), sealed,
                                            Value::Json(c.metadata), ctx_.clock.Now()}));
  // No row with that key, so the insert conflicted on the id alone.
  if (rows.empty()) return absl::AlreadyExistsError("connection id already exists");
  UCF_ASSIGN_OR_RETURN(ConnectionRecord updated, Read(rows[0]));
  return ConnectionUpsertResult{std::move(updated), false};
}

absl::StatusOr<ConnectionRecord> SqlConnectionStore::Get(std::string_view tenant_id,
                                                         std::string_view id) {
  static const std::string kSql =
      core::StrCat("SELECT ", kConnectionColumns, " FROM connections WHERE tenant_id = $1 AND id = $2");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id, id}));
  if (rows.empty()) return absl::NotFoundError("connection not found");
  return Read(rows[0]);
}

absl::StatusOr<ConnectionRecord> SqlConnectionStore::GetByName(std::string_view tenant_id,
                                                               std::string_view connector_id,
                                                               std::string_view name) {
  static const std::string kSql =
      core::StrCat("SELECT ", kConnectionColumns,
                   " FROM connections WHERE tenant_id = $1 AND connector_id = $2 AND name = $3");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id, connector_id, name}));
  if (rows.empty()) return absl::NotFoundError("connection not found");
  return Read(rows[0]);
}

absl::StatusOr<Rows> SqlConnectionStore::QueryPage(std::string_view tenant_id,
                                                   const ConnectionFilter& filter,
                                                   std::string_view cursor, int limit) {
  std::string sql = core::StrCat("SELECT ", kConnectionColumns, " FROM connections WHERE tenant_id = $1");
  std::vector<Value> params = {tenant_id};
  auto add = [&](std::string_view condition, Value value) {
    params.push_back(std::move(value));
    core::StrAppend(&sql, " AND ", condition, " $", params.size());
  };
  if (filter.connector_id.has_value()) add("connector_id =", *filter.connector_id);
  if (filter.status.has_value()) add("status =", StatusText(*filter.status));
  if (!cursor.empty()) UCF_RETURN_IF_ERROR(AppendCreatedAtAfter(cursor, ">", sql, params));
  params.push_back(limit + 1);
  core::StrAppend(&sql, " ORDER BY created_at, id LIMIT $", params.size());
  return ctx_.db.Query(sql, params);
}

absl::StatusOr<Page<ConnectionRecord>> SqlConnectionStore::List(std::string_view tenant_id,
                                                                const ConnectionFilter& filter,
                                                                std::string_view cursor,
                                                                int limit) {
  limit = ClampLimit(limit);
  UCF_ASSIGN_OR_RETURN(Rows rows, QueryPage(tenant_id, filter, cursor, limit));
  Page<ConnectionRecord> page;
  for (const Row& row : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      const ConnectionRecord& last = page.items.back();
      page.next = CreatedAtCursor(last.created_at, last.id);
      break;
    }
    UCF_ASSIGN_OR_RETURN(ConnectionRecord c, Read(row));
    page.items.push_back(std::move(c));
  }
  return page;
}

absl::StatusOr<StoredConnection> SqlConnectionStore::ReadStored(Row& row) const {
  if (row.size() != 12) return absl::DataLossError("connections: unexpected column count");
  // Columns in kConnectionColumns order; NULL is allowed only in secret_config and last_validated_at.
  for (std::size_t i : {0, 1, 2, 3, 4, 5, 6, 8, 9, 10}) {
    if (!row[i].has_value()) {
      return absl::DataLossError(core::StrCat("bad value in connections column #", i + 1,
                                              ": unexpected NULL"));
    }
  }
  StoredConnection c;
  std::optional<ConnectionStatus> status = ParseConnectionStatus(*row[5]);
  if (!status.has_value()) return absl::DataLossError("unknown status in connections.status");
  c.status = *status;
  c.id = std::move(*row[0]);
  c.tenant_id = std::move(*row[1]);
  c.connector_id = std::move(*row[2]);
  c.name = std::move(*row[3]);
  c.auth_method = std::move(*row[4]);
  c.config_json = std::move(*row[6]);
  if (row[7].has_value()) {
    // Opened only for the names of its fields; the values go no further.
    UCF_ASSIGN_OR_RETURN(std::string plain,
                         OpenSecret(ctx_.cipher, *row[7], kConnectionTable, "secret_config"));
    boost::system::error_code ec;
    boost::json::value secret = boost::json::parse(plain, ec);
    if (ec || !secret.is_object()) {
      return absl::DataLossError("bad value in connections.secret_config: not a JSON object");
    }
    c.secret_fields.reserve(secret.as_object().size());
    for (const auto& field : secret.as_object()) c.secret_fields.emplace_back(field.key());
  }
  c.metadata_json = std::move(*row[8]);
  c.created_at = std::move(*row[9]);
  c.updated_at = std::move(*row[10]);
  c.last_validated_at = std::move(row[11]);
  return c;
}

absl::StatusOr<Page<StoredConnection>> SqlConnectionStore::ListStored(
    std::string_view tenant_id, const ConnectionFilter& filter, std::string_view cursor,
    int limit) {
  limit = ClampLimit(limit);
  UCF_ASSIGN_OR_RETURN(Rows rows, QueryPage(tenant_id, filter, cursor, limit));
  Page<StoredConnection> page;
  page.items.reserve(std::min<std::size_t>(rows.size(), limit));
  for (Row& row : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      const StoredConnection& last = page.items.back();
      absl::StatusOr<core::TimePoint> created_at = core::ParseRfc3339(last.created_at);
      if (!created_at.ok()) return absl::DataLossError("bad value in connections.created_at");
      page.next = CreatedAtCursor(*created_at, last.id);
      break;
    }
    UCF_ASSIGN_OR_RETURN(StoredConnection c, ReadStored(row));
    page.items.push_back(std::move(c));
  }
  return page;
}

absl::StatusOr<std::vector<ConnectionCount>> SqlConnectionStore::CountByConnector(
    std::string_view tenant_id) {
  static const std::string kSql =
      "SELECT connector_id, status, COUNT(*) FROM connections WHERE tenant_id = $1 "
      "GROUP BY connector_id, status ORDER BY connector_id, status";
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id}));
  std::vector<ConnectionCount> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    RowReader r(row, kConnectionTable);
    ConnectionCount c;
    c.connector_id = r.Text();
    std::string status = r.Text();
    c.count = r.Int();
    UCF_RETURN_IF_ERROR(r.status());
    std::optional<ConnectionStatus> parsed = ParseConnectionStatus(status);
    if (!parsed.has_value()) return absl::DataLossError("unknown status in connections.status");
    c.status = *parsed;
    out.push_back(std::move(c));
  }
  return out;
}

absl::StatusOr<ConnectionRecord> SqlConnectionStore::Update(std::string_view tenant_id,
                                                            std::string_view id,
                                                            const ConnectionUpdate& update) {
  if (update.name.has_value()) {
    // Checked first so a rename collision is a clean AlreadyExists rather than a unique-index
    // error (which would poison the transaction); the index still guards against races.
    UCF_ASSIGN_OR_RETURN(
        Rows taken,
        ctx_.db.Query("SELECT 1 FROM connections c JOIN connections o "
                      "ON o.tenant_id = c.tenant_id AND o.connector_id = c.connector_id "
                      "WHERE c.tenant_id = $1 AND c.id = $2 AND o.name = $3 AND o.id <> c.id",
                      {tenant_id, id, *update.name}));
    if (!taken.empty()) {
      return absl::AlreadyExistsError("a connection with this connector and name already exists");
    }
  }
  std::vector<Value> params = {tenant_id, id, ctx_.clock.Now()};
  std::string sets = "updated_at = $3";
  auto set = [&](std::string_view column, Value value) {
    params.push_back(std::move(value));
    core::StrAppend(&sets, ", ", column, " = $", params.size());
  };
  if (update.name.has_value()) set("name", *update.name);
  if (update.auth_method.has_value()) set("auth_method", *update.auth_method);
  if (update.status.has_value()) set("status", StatusText(*update.status));
  if (update.config.has_value()) set("config", Value::Json(*update.config));
  if (update.secret_config.has_value()) {
    UCF_ASSIGN_OR_RETURN(std::optional<std::string> sealed, SealConfig(*update.secret_config));
    set("secret_config", sealed);
  }
  if (update.metadata.has_value()) set("metadata", Value::Json(*update.metadata));
  if (update.last_validated_at.has_value()) set("last_validated_at", *update.last_validated_at);
  std::string sql = core::StrCat("UPDATE connections SET ", sets,
                                 " WHERE tenant_id = $1 AND id = $2 RETURNING ", kConnectionColumns);
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(sql, params));
  if (rows.empty()) return absl::NotFoundError("connection not found");
  return Read(rows[0]);
}

absl::Status SqlConnectionStore::Delete(std::string_view tenant_id, std::string_view id) {
  UCF_ASSIGN_OR_RETURN(
      std::int64_t changed,
      ctx_.db.Exec("DELETE FROM connections WHERE tenant_id = $1 AND id = $2", {tenant_id, id}));
  if (changed == 0) return absl::NotFoundError("connection not found");
  return absl::OkStatus();
}

}  // namespace ucf::storage::sql
