#include "ucf/connections/oauth_completion.hpp"

#include "boost/json/value_from.hpp"
#include "ucf/catalog/url_template.hpp"
#include "ucf/connections/connection_writer.hpp"
#include "ucf/connections/status_transitions.hpp"
#include "ucf/core/status_macros.hpp"

namespace ucf::connections {
namespace {

// Values for the apiBaseUrl template: URL parameters, then post-connect outputs and kept extras.
catalog::UrlParams TemplateValues(const catalog::UrlParams& url_params,
                                  const boost::json::object& outputs,
                                  const boost::json::object& extras) {
  catalog::UrlParams values = url_params;
  for (const boost::json::object* source : {&outputs, &extras}) {
    for (const auto& field : *source) {
      if (field.value().is_string()) {
        values[std::string(field.key())] = std::string(field.value().as_string());
      }
    }
  }
  return values;
}

}  // namespace

absl::StatusOr<CompletedAuthorization> OAuthCompletion::Complete(const audit::Actor& actor,
                                                                 std::string_view connector_id,
                                                                 std::string_view code,
                                                                 std::string_view state) {
  UCF_ASSIGN_OR_RETURN(auth::oauth::AuthorizationGrant grant,
                       flow_.Redeem(actor, connector_id, code, state));
  return Save(grant);
}

absl::StatusOr<CompletedAuthorization> OAuthCompletion::CompleteRedirect(
    const auth::oauth::RedirectParams& params) {
  UCF_ASSIGN_OR_RETURN(auth::oauth::AuthorizationGrant grant, flow_.RedeemRedirect(params));
  return Save(grant);
}

absl::StatusOr<CompletedAuthorization> OAuthCompletion::Save(
    const auth::oauth::AuthorizationGrant& grant) {
  const catalog::ProviderSpec& spec = *grant.spec;
  const auth::oauth::TokenResponse& tokens = grant.tokens;
  AuthorizedConnection authorized;
  authorized.connector_id = spec.id;
  authorized.connection_name = grant.connection_name;
  authorized.config["urlParams"] = auth::oauth::UrlParamsToJson(grant.url_params);
  for (const auto& field : grant.post.outputs) authorized.config[field.key()] = field.value();
  for (const auto& field : tokens.extras) authorized.config[field.key()] = field.value();
  // A new row or a reconnect: either way the redeemed code decides (pending rows have no "from").
  authorized.status = StatusAfter(storage::ConnectionStatus::kPending,
                                  grant.post.site_choice_required
                                      ? ConnectionEvent::kSiteChoiceRequired
                                      : ConnectionEvent::kAuthorized);
  if (grant.post.site_choice_required) {
    // apiBaseUrl stays unset until a site is chosen (site_choice.hpp).
  } else if (!spec.api_base_url.empty()) {
    UCF_ASSIGN_OR_RETURN(std::string base,
                         catalog::ExpandUrlTemplate(spec.api_base_url,
                                                    TemplateValues(grant.url_params,
                                                                   grant.post.outputs,
                                                                   tokens.extras)));
    authorized.config["apiBaseUrl"] = base;
  }
  std::vector<std::string> granted = tokens.scopes.value_or(grant.requested_scopes);
  authorized.metadata = grant.post.metadata;
  authorized.metadata["oauth"] = boost::json::object{
      {"grantedScopes", boost::json::value_from(granted)},
      {"requestedScopes", boost::json::value_from(grant.requested_scopes)}};
  authorized.token.access_token = tokens.access_token;
  authorized.token.refresh_token = tokens.refresh_token;
  authorized.token.token_type = tokens.token_type;
  authorized.token.scopes = granted;
  authorized.token.expires_at = tokens.expires_at;

  StoredConnection stored;
  UCF_RETURN_IF_ERROR(
      db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
        UCF_ASSIGN_OR_RETURN(stored, StoreAuthorizedConnection(s, grant.actor, authorized));
        return absl::OkStatus();
      }));
  CompletedAuthorization out;
  out.connection = std::move(stored.connection);
  out.created = stored.created;
  out.token_version = stored.token.version;
  out.token_expires_at = stored.token.expires_at;
  out.scopes = stored.token.scopes;
  out.has_refresh_token = stored.token.refresh_token.has_value();
  out.site_choice_required = grant.post.site_choice_required;
  return out;
}

}  // namespace ucf::connections
