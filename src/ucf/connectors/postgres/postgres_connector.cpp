#include "ucf/connectors/postgres/postgres_connector.hpp"

#include <optional>

#include "ucf/connectors/config_fields.hpp"
#include "ucf/connectors/postgres/pg_item_id.hpp"
#include "ucf/connectors/postgres/pg_resources.hpp"
#include "ucf/connectors/postgres/pg_target.hpp"
#include "ucf/connectors/sql_session.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::connectors::postgres {
namespace {

constexpr const char* kUpdatedAtColumn = "updatedAtColumn";

FieldSpec Field(std::string name, std::string label, std::string type, std::string description,
                std::string example = "") {
  FieldSpec f{std::move(name), std::move(label), std::move(type), false, std::move(description), std::move(example)};
  return f;
}

ConnectorDescription Description() {
  ConnectorDescription d;
  d.id = "postgres";
  d.name = "PostgreSQL";
  d.group = "db";
  d.session = SessionKind::kSql;
  d.description =
      "PostgreSQL database, read only: tables and views, rows with keyset paging, one row by key, "
      "text search over text columns. Every query runs in a read-only transaction with a statement "
      "timeout and a row/byte cap per page. Sync models tables, rows (incrementally by the "
      "updatedAtColumn when one is named, else a full scan).";
  FieldSpec port = Field("port", "Port", "integer", "TCP port (default 5432)", "5432");
  port.min = 1;
  port.max = 65535;
  FieldSpec sslmode = Field("sslmode", "TLS mode", "enum",
                            "require (default), verify-ca, verify-full (also checks the server's name); "
                            "disable only over an already private link",
                            "require");
  sslmode.allowed = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"};
  d.config_fields = {Field("host", "Host", "string", "Database host name or IP address", "db.example.com"),
                     port,
                     Field("database", "Database", "string", "Database name", "app"),
                     Field("user", "User", "string", "A read-only role", "ucf_reader"),
                     sslmode,
                     Field(kUpdatedAtColumn, "Updated-at column", "string",
                           "Column holding each row's last change time (optional)", "updated_at")};
  // Where (and how: sslmode) the password goes; a change drops it until it is given again.
  for (FieldSpec& f : d.config_fields) f.destination = f.name != kUpdatedAtColumn;
  d.credential_fields = {
      Field("password", "Password", "secret", "The role's password"),
      Field("url", "Connection URL", "secret",
            "Instead of the separate fields: postgresql://user:password@host:5432/database?sslmode=require",
            "postgresql://ucf_reader:…@db.example.com:5432/app?sslmode=require")};
  d.resources = {"containers", "items", "item"};
  d.sync_models = {"tables", "rows"};
  // Incremental rows: by the connection's updatedAtColumn (timestamptz, timestamp or date); a
  // connection without one re-reads every row on each sync.
  d.change_markers = {{"rows", kUpdatedAtColumn}};
  return d;
}

class PgHandle final : public SqlHandle {
 public:
  explicit PgHandle(std::unique_ptr<PgSession> session) : session(std::move(session)) {}
  std::unique_ptr<PgSession> session;
};

class PostgresConnector final : public Connector {
 public:
  explicit PostgresConnector(PostgresConnectorOptions options)
      : description_(Description()), options_(options) {}

  const ConnectorDescription& Describe() const override { return description_; }

  absl::Status ValidateConfig(const boost::json::object& config) const override {
    UCF_RETURN_IF_ERROR(CheckConfigFields(description_, config));
    std::string column = FieldValue(description_, kUpdatedAtColumn, config);
    if (column.size() > kMaxIdentifierBytes) {
      return core::InvalidField(kUpdatedAtColumn, "must be at most 63 bytes");
    }
    bool is_target = config.contains("url") || config.contains("host");
    if (!is_target) return absl::OkStatus();
    // The form's own rules; the address policy is applied when connecting.
    return ParsePgTarget(config, [](std::string_view) { return absl::OkStatus(); }).status();
  }

  absl::StatusOr<AccountInfo> CheckCredentials(Session& session) const override {
    UCF_ASSIGN_OR_RETURN(PgBrowser browser, Browser(session));
    UCF_ASSIGN_OR_RETURN(PgServerInfo info, browser.Probe());
    AccountInfo account;
    account.account_id = info.user;
    account.display_name = info.user + "@" + info.database;
    account.extra = {{"database", info.database}, {"serverVersion", info.server_version}};
    return account;
  }

  absl::StatusOr<Page<Container>> ListContainers(Session& session, const PageRequest& page) const override {
    UCF_ASSIGN_OR_RETURN(PgBrowser browser, Browser(session));
    UCF_ASSIGN_OR_RETURN(PgContainerPage got, browser.ListContainers(page.cursor, page.limit));
    Page<Container> out;
    for (const PgContainer& c : got.containers) out.items.push_back(ToContainer(c));
    out.next = got.next;
    return out;
  }

  absl::StatusOr<Page<Item>> ListItems(Session& session, const ItemQuery& query) const override {
    if (query.container_id.empty()) return core::InvalidField("containerId", "is required (schema.table)");
    UCF_ASSIGN_OR_RETURN(PgBrowser browser, Browser(session));
    UCF_ASSIGN_OR_RETURN(SqlSession * sql, SqlOf(session));
    // A sync with a marker: rows changed since it, when the connection names an updated-at
    // column; without one, every row (a full scan, as the description says).
    std::optional<PgChange> change;
    if (query.changed_since) {
      std::string column = FieldValue(description_, kUpdatedAtColumn, sql->fields());
      if (!column.empty()) change = PgChange{std::move(column), core::FormatRfc3339(*query.changed_since)};
    }
    UCF_ASSIGN_OR_RETURN(PgRowPage got,
                         browser.ListRows(query.container_id, query.changed_since ? "" : query.q,
                                          query.page.cursor, query.page.limit, change ? &*change : nullptr));
    Page<Item> out;
    for (const PgRow& row : got.rows) out.items.push_back(ToUnifiedItem(*sql, row, query.container_id));
    out.next = got.next;
    return out;
  }

  absl::StatusOr<Item> GetItem(Session& session, std::string_view item_id) const override {
    UCF_ASSIGN_OR_RETURN(ItemIdParts id, SplitItemId(item_id));
    UCF_ASSIGN_OR_RETURN(PgBrowser browser, Browser(session));
    UCF_ASSIGN_OR_RETURN(PgRow row, browser.GetRow(id.container_id, id.row_id));
    UCF_ASSIGN_OR_RETURN(SqlSession * sql, SqlOf(session));
    return ToUnifiedItem(*sql, row, id.container_id);
  }

 private:
  // The session's open database connection, opened (and address-checked) on first use.
  absl::StatusOr<PgBrowser> Browser(Session& session) const {
    UCF_ASSIGN_OR_RETURN(SqlSession * sql, SqlOf(session));
    auto* handle = dynamic_cast<PgHandle*>(sql->handle());
    if (handle == nullptr || !handle->session->Idle()) {
      UCF_ASSIGN_OR_RETURN(PgTarget target, ParsePgTarget(sql->fields(), sql->check_host()));
      UCF_ASSIGN_OR_RETURN(std::unique_ptr<PgSession> opened,
                           PgSession::Connect(target, sql->check_host(), options_.timeout));
      auto fresh = std::make_unique<PgHandle>(std::move(opened));
      handle = fresh.get();
      sql->set_handle(std::move(fresh));
    }
    return PgBrowser(*handle->session, options_.limits);
  }

  Item ToUnifiedItem(const SqlSession& sql, const PgRow& row, std::string_view container_id) const {
    Item item = ToItem(row, container_id);
    if (!row.id.empty()) item.id = ItemId(container_id, row.id);
    std::string column = FieldValue(description_, kUpdatedAtColumn, sql.fields());
    if (!column.empty()) {
      if (const boost::json::value* v = row.values.if_contains(column); v != nullptr && v->is_string()) {
        item.meta.updated = std::string(v->get_string());
      }
    }
    return item;
  }

  ConnectorDescription description_;
  PostgresConnectorOptions options_;
};

}  // namespace

std::unique_ptr<Connector> MakePostgresConnector(PostgresConnectorOptions options) {
  return std::make_unique<PostgresConnector>(options);
}

}  // namespace ucf::connectors::postgres
