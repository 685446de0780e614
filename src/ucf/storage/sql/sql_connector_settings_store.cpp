#include "ucf/storage/sql/sql_connector_settings_store.hpp"

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/ownership.hpp"
#include "ucf/storage/sql/row_reader.hpp"
#include "ucf/storage/sql/secrets.hpp"

namespace ucf::storage::sql {
namespace {

constexpr std::string_view kConnectorSettingsTable = "connector_settings";
constexpr std::string_view kConnectorSettingsColumns =
    "tenant_id, connector_id, extra_details, oauth_client_id, oauth_client_secret, scopes, extra, "
    "updated_at";

}  // namespace

absl::StatusOr<ConnectorSettingsRecord> SqlConnectorSettingsStore::Read(const Row& row) const {
  RowReader r(row, kConnectorSettingsTable);
  ConnectorSettingsRecord s;
  s.tenant_id = r.Text();
  s.connector_id = r.Text();
  s.extra_details = r.Bool();
  s.oauth_client_id = r.OptText();
  s.oauth_client_secret = r.OptSecret(ctx_.cipher, "oauth_client_secret");
  s.scopes = r.StringArray();
  s.extra = r.Object();
  s.updated_at = r.Time();
  UCF_RETURN_IF_ERROR(r.status());
  return s;
}

absl::StatusOr<ConnectorSettingsRecord> SqlConnectorSettingsStore::Get(
    std::string_view tenant_id, std::string_view connector_id) {
  static const std::string kSql = core::StrCat(
      "SELECT ", kConnectorSettingsColumns, " FROM connector_settings WHERE tenant_id = $1 AND connector_id = $2");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id, connector_id}));
  if (rows.empty()) return absl::NotFoundError("connector settings not found");
  return Read(rows[0]);
}

absl::StatusOr<std::vector<ConnectorSettingsRecord>> SqlConnectorSettingsStore::List(
    std::string_view tenant_id) {
  static const std::string kSql = core::StrCat(
      "SELECT ", kConnectorSettingsColumns, " FROM connector_settings WHERE tenant_id = $1 ORDER BY connector_id");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id}));
  std::vector<ConnectorSettingsRecord> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    UCF_ASSIGN_OR_RETURN(ConnectorSettingsRecord s, Read(row));
    out.push_back(std::move(s));
  }
  return out;
}

absl::StatusOr<ConnectorSettingsRecord> SqlConnectorSettingsStore::Upsert(
    const ConnectorSettingsRecord& settings) {
  UCF_RETURN_IF_ERROR(RequireTenant(ctx_.db, settings.tenant_id));
  std::optional<std::string> sealed;
  if (settings.oauth_client_secret.has_value()) {
    UCF_ASSIGN_OR_RETURN(sealed, SealSecret(ctx_.cipher, *settings.oauth_client_secret, kConnectorSettingsTable,
                                            "oauth_client_secret"));
  }
  static const std::string kSql = core::StrCat(
      "INSERT INTO connector_settings (", kConnectorSettingsColumns,
      ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
      "ON CONFLICT (tenant_id, connector_id) DO UPDATE SET extra_details = excluded.extra_details, "
      "oauth_client_id = excluded.oauth_client_id, "
      "oauth_client_secret = excluded.oauth_client_secret, scopes = excluded.scopes, "
      "extra = excluded.extra, updated_at = excluded.updated_at RETURNING ",
      kConnectorSettingsColumns);
  UCF_ASSIGN_OR_RETURN(
      Rows rows,
      ctx_.db.Query(kSql, {settings.tenant_id, settings.connector_id, settings.extra_details,
                           settings.oauth_client_id, sealed, Value::StringArray(settings.scopes),
                           Value::Json(settings.extra), ctx_.clock.Now()}));
  if (rows.empty()) return absl::InternalError("connector_settings upsert returned no row");
  return Read(rows[0]);
}

}  // namespace ucf::storage::sql
