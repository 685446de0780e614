#include "ucf/auth/oauth/oauth_client.hpp"

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::auth::oauth {

absl::StatusOr<OAuthClient> ClientFromConnectorSettings(
    storage::Session& session, std::string_view tenant_id,
    const catalog::ProviderSpec& spec) {
  absl::StatusOr<storage::ConnectorSettingsRecord> settings =
      session.connector_settings().Get(tenant_id, spec.id);
  if (!settings.ok() && !absl::IsNotFound(settings.status())) return settings.status();
  if (!settings.ok() || !settings->oauth_client_id || settings->oauth_client_id->empty()) {
    return absl::FailedPreconditionError(
        core::StrCat("connector ", spec.id,
                     " has no OAuth client configured for this tenant; set oauthClientId and "
                     "oauthClientSecret with PATCH /api/connectors/",
                     spec.id));
  }
  return OAuthClient{*settings->oauth_client_id, settings->oauth_client_secret.value_or("")};
}

absl::StatusOr<OAuthClientSettings> LoadClientSettings(
    storage::Database& db, const OAuthClientResolver& resolver, std::string_view tenant_id,
    const catalog::ProviderSpec& spec, std::string redirect_uri,
    std::vector<std::string> requested_scopes) {
  OAuthClientSettings out;
  out.redirect_uri = std::move(redirect_uri);
  UCF_RETURN_IF_ERROR(db.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(OAuthClient client, resolver(s, tenant_id, spec));
    out.client_id = std::move(client.client_id);
    out.client_secret = std::move(client.client_secret);
    if (requested_scopes.empty()) {
      absl::StatusOr<storage::ConnectorSettingsRecord> settings =
          s.connector_settings().Get(tenant_id, spec.id);
      if (settings.ok()) {
        requested_scopes = settings->scopes;
      } else if (!absl::IsNotFound(settings.status())) {
        return settings.status();
      }
    }
    return absl::OkStatus();
  }));
  out.scopes = !requested_scopes.empty() ? std::move(requested_scopes)
               : spec.oauth.has_value()  ? spec.oauth->default_scopes
                                         : std::vector<std::string>{};
  return out;
}

}  // namespace ucf::auth::oauth
