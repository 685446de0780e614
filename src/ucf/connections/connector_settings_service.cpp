#include "ucf/connections/connector_settings_service.hpp"

#include "boost/json/array.hpp"
#include "ucf/audit/audit_entry.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/url_credentials.hpp"
#include "ucf/observability/redact.hpp"

namespace ucf::connections {
namespace {

absl::StatusOr<storage::ConnectorSettingsRecord> GetOrDefault(storage::Session& s,
                                                             std::string_view tenant_id,
                                                             std::string_view connector_id) {
  auto existing = s.connector_settings().Get(tenant_id, connector_id);
  if (existing.ok() || existing.status().code() != absl::StatusCode::kNotFound) return existing;
  storage::ConnectorSettingsRecord fresh;
  fresh.tenant_id = std::string(tenant_id);
  fresh.connector_id = std::string(connector_id);
  return fresh;
}

// `extra` is stored and returned in plain text: no secret-like key and no URL with user info, at
// any depth (bounded). `path` names the field ("extra.a.b").
absl::Status CheckPlainSettings(const boost::json::value& v, const std::string& path, int depth) {
  if (depth > 8) return core::InvalidField(path, "is nested too deeply (at most 8 levels)");
  if (v.is_string() && core::HasUrlUserInfo(std::string_view(v.get_string()))) {
    return core::InvalidField(path, "must not hold credentials in a URL (user:password@): extra is stored "
                                    "and returned in plain text");
  }
  if (v.is_array()) {
    for (const auto& item : v.get_array()) UCF_RETURN_IF_ERROR(CheckPlainSettings(item, path, depth + 1));
  }
  if (v.is_object()) {
    for (const auto& [key, item] : v.get_object()) {
      std::string field = core::StrCat(path, ".", std::string_view(key));
      if (observability::IsSecretKey(key)) {
        return core::InvalidField(field, "looks like a credential: extra is stored and returned in plain "
                                         "text (the OAuth client secret goes in oauthClientSecret)");
      }
      UCF_RETURN_IF_ERROR(CheckPlainSettings(item, field, depth + 1));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<storage::ConnectorSettingsRecord> ConnectorSettingsService::Get(
    std::string_view tenant_id, std::string_view connector_id) {
  storage::ConnectorSettingsRecord out;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(out, GetOrDefault(s, tenant_id, connector_id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<storage::ConnectorSettingsRecord>> ConnectorSettingsService::List(
    std::string_view tenant_id) {
  std::vector<storage::ConnectorSettingsRecord> out;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(out, s.connector_settings().List(tenant_id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<storage::ConnectorSettingsRecord> ConnectorSettingsService::Update(
    const audit::Actor& actor, std::string_view connector_id, const SettingsPatch& patch) {
  if (patch.empty()) {
    return core::InvalidField("body",
                              "name at least one of extraDetails, oauthClientId, "
                              "oauthClientSecret, scopes, extra");
  }
  if (patch.extra) UCF_RETURN_IF_ERROR(CheckPlainSettings(*patch.extra, "extra", 0));
  storage::ConnectorSettingsRecord saved;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(storage::ConnectorSettingsRecord row,
                         GetOrDefault(s, actor.tenant_id, connector_id));
    boost::json::array fields;
    if (patch.extra_details) {
      row.extra_details = *patch.extra_details;
      fields.emplace_back("extraDetails");
    }
    if (patch.oauth_client_id) {
      row.oauth_client_id = *patch.oauth_client_id;
      fields.emplace_back("oauthClientId");
    }
    if (patch.oauth_client_secret) {
      row.oauth_client_secret = *patch.oauth_client_secret;
      fields.emplace_back("oauthClientSecret");
    }
    if (patch.scopes) {
      row.scopes = *patch.scopes;
      fields.emplace_back("scopes");
    }
    if (patch.extra) {
      row.extra = *patch.extra;
      fields.emplace_back("extra");
    }
    UCF_ASSIGN_OR_RETURN(saved, s.connector_settings().Upsert(row));
    return s.audit_logs()
        .Append(audit::Entry(actor, "connector_settings.changed", "connector",
                             std::string(connector_id), {{"fields", std::move(fields)}}))
        .status();
  }));
  return saved;
}

}  // namespace ucf::connections
