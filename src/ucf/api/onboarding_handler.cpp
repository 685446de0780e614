#include "ucf/api/onboarding_handler.hpp"

#include <algorithm>

#include "boost/json/array.hpp"
#include "boost/json/value_from.hpp"
#include "boost/url/encode.hpp"
#include "boost/url/rfc/unreserved_chars.hpp"
#include "ucf/api/connection_json.hpp"
#include "ucf/api/request_support.hpp"
#include "ucf/auth/oauth/authorization_flow.hpp"
#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/connections/connection_service.hpp"
#include "ucf/connections/connector_manager.hpp"
#include "ucf/connections/credential_onboarding.hpp"
#include "ucf/connections/oauth_completion.hpp"
#include "ucf/connections/revocation.hpp"
#include "ucf/connections/site_choice.hpp"
#include "ucf/connectors/resource_json.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/json_fields.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/http/error_response.hpp"

namespace ucf::api {
namespace {

std::string EncodeQueryValue(std::string_view v) {
  return boost::urls::encode(v, boost::urls::unreserved_chars);
}

// Where the provider sends the browser back: UCF_PUBLIC_URL's /oauth/callback.
std::string DefaultRedirectUri(const std::string& public_url) {
  return core::StrCat(PublicBaseUrl(public_url), "/oauth/callback");
}

absl::StatusOr<catalog::UrlParams> ParseUrlParams(const boost::json::object& body) {
  catalog::UrlParams params;
  UCF_ASSIGN_OR_RETURN(boost::json::object given, core::OptionalObject(body, "urlParams"));
  for (const auto& [k, v] : given) {
    if (!v.is_string()) return core::InvalidField(core::StrCat("urlParams.", std::string(k)), "must be a string");
    params[std::string(k)] = std::string(v.get_string());
  }
  // Shorthands for the common parameters.
  for (const char* key : {"site", "myDomain"}) {
    UCF_ASSIGN_OR_RETURN(auto value, core::OptionalString(body, key));
    if (value) params[key] = *value;
  }
  return params;
}

boost::json::object CompletedJson(const connections::CompletedAuthorization& done) {
  boost::json::object o{{"connectionId", done.connection.id},
                        {"status", storage::ConnectionStatusName(done.connection.status)},
                        {"created", done.created},
                        {"scopes", boost::json::value_from(done.scopes)},
                        {"hasRefreshToken", done.has_refresh_token},
                        {"connection", ConnectionJson(done.connection)}};
  if (done.site_choice_required) {
    o["siteChoiceRequired"] = true;
    if (const auto* sites = done.connection.metadata.if_contains("sites")) o["sites"] = *sites;
    o["next"] = core::StrCat("POST /api/connections/", done.connection.id, "/site {site}");
  }
  o["expiresAt"] = done.token_expires_at ? boost::json::value(core::FormatRfc3339(*done.token_expires_at))
                                         : boost::json::value(nullptr);
  return o;
}

}  // namespace

ApiResult OnboardingHandler::Connect(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(const connectors::Connector* c, s_.manager->Find(request.PathParam("id")));
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
  UCF_ASSIGN_OR_RETURN(std::string method, core::RequireString(body, "method"));
  const auto& d = c->Describe();
  const auto& methods = s_.manager->AuthMethods(*c);
  if (std::find(methods.begin(), methods.end(), method) == methods.end()) {
    return core::InvalidField("method", core::StrCat("unsupported method for ", d.id, "; one of ",
                                                     core::Join(methods, ", ")));
  }
  UCF_ASSIGN_OR_RETURN(auto name, core::OptionalString(body, "name"));
  if (method != "oauth2") {
    boost::json::object form = connectors::ConnectorDescriptionJson(d, s_.manager->SpecOf(*c));
    return boost::json::object{{"method", method},
                               {"status", "pending_credentials"},
                               {"expectedHeader", "Authorization"},
                               {"configFields", form.at("configFields")},
                               {"credentialFields", form.at("credentialFields")},
                               {"next", core::StrCat("POST ", s_.api_prefix, "/connectors/", d.id,
                                                     "/connect/callback")}};
  }
  UCF_ASSIGN_OR_RETURN(const auto* spec, s_.catalog->Get(d.id));
  UCF_ASSIGN_OR_RETURN(auto redirect, core::OptionalString(body, "redirectUri"));
  UCF_ASSIGN_OR_RETURN(auto scopes, core::OptionalStringArray(body, "scopes"));
  UCF_ASSIGN_OR_RETURN(auto url_params, ParseUrlParams(body));
  UCF_ASSIGN_OR_RETURN(auto client,
                       auth::oauth::LoadClientSettings(*s_.db, *s_.oauth_clients, request.context.tenant_id,
                                                       *spec, redirect.value_or(DefaultRedirectUri(*s_.public_url)),
                                                       std::move(scopes)));
  UCF_ASSIGN_OR_RETURN(auto start, s_.oauth_flow->Start(ActorOf(request), *spec, client,
                                                           name.value_or(""), url_params));
  return boost::json::object{{"authUrl", start.auth_url},
                             {"state", start.state},
                             {"codeChallenge", start.code_challenge},
                             {"redirectUri", client.redirect_uri},
                             {"expiresAt", core::FormatRfc3339(start.expires_at)}};
}

ApiResult OnboardingHandler::Callback(http::Request& request) const {
  std::string connector_id(request.PathParam("id"));
  UCF_RETURN_IF_ERROR(s_.manager->Find(connector_id).status());
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
  UCF_ASSIGN_OR_RETURN(auto code, core::OptionalString(body, "code"));
  UCF_ASSIGN_OR_RETURN(auto state, core::OptionalString(body, "state"));
  if (code || state) {
    UCF_ASSIGN_OR_RETURN(auto done, s_.oauth_completion->Complete(ActorOf(request), connector_id,
                                                               code.value_or(""), state.value_or("")));
    return CompletedJson(done);
  }
  connections::CredentialConnect connect;
  UCF_ASSIGN_OR_RETURN(auto api_key, core::OptionalString(body, "apiKey", core::kMaxCredentialBytes));
  if (!api_key && !body.contains("config")) {
    return core::InvalidField("apiKey", "missing credentials: send {code, state} for oauth2 or {apiKey, …}");
  }
  connect.api_key = api_key.value_or("");
  UCF_ASSIGN_OR_RETURN(auto api_secret, core::OptionalString(body, "apiSecret", core::kMaxCredentialBytes));
  UCF_ASSIGN_OR_RETURN(auto email, core::OptionalString(body, "email"));
  UCF_ASSIGN_OR_RETURN(auto base_url, core::OptionalString(body, "baseUrl"));
  UCF_ASSIGN_OR_RETURN(auto method, core::OptionalString(body, "method"));
  UCF_ASSIGN_OR_RETURN(auto name, core::OptionalString(body, "name"));
  UCF_ASSIGN_OR_RETURN(auto label, core::OptionalString(body, "label"));
  UCF_ASSIGN_OR_RETURN(connect.config, core::OptionalObject(body, "config"));
  connect.api_secret = api_secret.value_or("");
  connect.email = email.value_or("");
  connect.base_url = base_url.value_or("");
  connect.auth_method = method.value_or("");
  connect.name = name.value_or(label.value_or(""));
  UCF_ASSIGN_OR_RETURN(auto done, s_.onboarding->Connect(ActorOf(request), connector_id, connect));
  return boost::json::object{{"connectionId", done.connection.id},
                             {"status", storage::ConnectionStatusName(done.connection.status)},
                             {"created", done.created},
                             {"account", connectors::AccountJson(done.account)},
                             {"connection", ConnectionJson(done.connection)}};
}

http::Response OnboardingHandler::OAuthRedirect(http::Request& request) const {
  auth::oauth::RedirectParams params;
  params.code = request.Query("code").value_or("");
  params.state = request.Query("state").value_or("");
  params.error = request.Query("error").value_or("");
  params.error_description = request.Query("error_description").value_or("");
  params.request_id = request.context.request_id;
  params.client_address = request.context.client_address;
  auto done = s_.oauth_completion->CompleteRedirect(params);
  std::string base = PublicBaseUrl(*s_.public_url);
  std::string location =
      done.ok() ? core::StrCat(base, "/ui/connections?connected=", EncodeQueryValue(done->connection.id))
                : core::StrCat(base, "/ui/connections?error=", EncodeQueryValue(core::ToStd(done.status().message())));
  http::Response response = http::Response::Text(
      302, done.ok() ? "Connected. Continue to the dashboard.\n" : "The connection failed; see the dashboard.\n",
      "text/plain; charset=utf-8");
  response.headers.Set("Location", location);
  response.headers.Set("Cache-Control", "no-store");
  return response;
}

ApiResult OnboardingHandler::ChooseSite(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
  UCF_ASSIGN_OR_RETURN(std::string site, core::RequireString(body, "site"));
  UCF_ASSIGN_OR_RETURN(auto updated, connections::ChooseSite(*s_.db, *s_.catalog, ActorOf(request),
                                                             request.PathParam("id"), site));
  return ConnectionJson(updated);
}

ApiResult OnboardingHandler::Revoke(http::Request& request) const {
  std::string connector_id(request.PathParam("id"));
  UCF_RETURN_IF_ERROR(s_.manager->Find(connector_id).status());
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
  UCF_ASSIGN_OR_RETURN(std::string connection_id, core::RequireString(body, "connectionId"));
  UCF_ASSIGN_OR_RETURN(auto reason, core::OptionalString(body, "reason"));
  UCF_ASSIGN_OR_RETURN(auto existing, s_.connections->Get(request.context.tenant_id, connection_id));
  if (existing.connector_id != connector_id) {
    return absl::NotFoundError(core::StrCat("connection not found: ", connection_id));
  }
  UCF_ASSIGN_OR_RETURN(auto revoked, s_.revoker->Revoke(ActorOf(request), connection_id, reason.value_or("")));
  boost::json::object out{{"revoked", true},
                          {"reason", reason.value_or("")},
                          {"connection", ConnectionJson(revoked.connection)},
                          {"providerRevocation", revoked.provider_revocation}};
  if (!revoked.provider_error.empty()) out["providerError"] = revoked.provider_error;
  return out;
}

ApiResult OnboardingHandler::Validate(http::Request& request, std::string_view connection_id) const {
  UCF_ASSIGN_OR_RETURN(auto outcome, s_.onboarding->Validate(ActorOf(request), connection_id));
  boost::json::object out{{"valid", outcome.valid}, {"connection", ConnectionJson(outcome.connection)}};
  if (outcome.valid) {
    out["account"] = connectors::AccountJson(outcome.account);
  } else {
    boost::json::object error{{"code", http::ErrorCodeFor(outcome.error.code())},
                              {"message", core::ToStd(outcome.error.message())}};
    if (auto details = core::GetDetails(outcome.error)) error["details"] = std::move(*details);
    out["error"] = std::move(error);
  }
  return out;
}

ApiResult OnboardingHandler::ValidateConnection(http::Request& request) const {
  return Validate(request, request.PathParam("id"));
}

ApiResult OnboardingHandler::ValidateConnectionByBody(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
  UCF_ASSIGN_OR_RETURN(std::string id, core::RequireString(body, "connectionId"));
  return Validate(request, id);
}
}  // namespace ucf::api
