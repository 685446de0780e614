#include "ucf/api/connectors_handler.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>

#include "boost/json/value_from.hpp"
#include "boost/json/array.hpp"
#include "boost/url/encode.hpp"
#include "boost/url/rfc/unreserved_chars.hpp"
#include "ucf/api/connection_json.hpp"
#include "ucf/api/request_support.hpp"
#include "ucf/connectors/resource_json.hpp"
#include "ucf/auth/oauth/authorization_flow.hpp"
#include "ucf/auth/oauth/revocation.hpp"
#include "ucf/auth/oauth/site_choice.hpp"
#include "ucf/connections/connection_service.hpp"
#include "ucf/connections/connector_manager.hpp"
#include "ucf/connections/connector_settings_service.hpp"
#include "ucf/connections/credential_onboarding.hpp"
#include "ucf/connectors/catalog/provider_catalog.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/json_fields.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/http/error_response.hpp"

namespace ucf::api {
namespace {

using Result = absl::StatusOr<boost::json::value>;

// This tenant's connections of each connector, counted by status name.
using StatusCounts = std::map<std::string, std::int64_t, std::less<>>;

absl::StatusOr<std::map<std::string, StatusCounts, std::less<>>> CountsByConnector(
    connections::ConnectionService& service, std::string_view tenant_id) {
  UCF_ASSIGN_OR_RETURN(auto counts, service.CountByConnector(tenant_id));
  std::map<std::string, StatusCounts, std::less<>> out;
  for (const auto& c : counts) {
    out[c.connector_id][std::string(storage::ConnectionStatusName(c.status))] += c.count;
  }
  return out;
}

// One word for a connector's state in this tenant: the best status any of its connections has.
std::string_view OverallStatus(const StatusCounts& counts) {
  for (std::string_view s : {"connected", "needs_reauth", "error", "pending", "revoked"}) {
    if (counts.find(s) != counts.end()) return s;
  }
  return "not_connected";
}

// The connector's (cached) description with this tenant's connection counts and settings.
boost::json::object ConnectorJson(const boost::json::object& description,
                                  const StatusCounts& counts,
                                  const storage::ConnectorSettingsRecord* settings) {
  boost::json::object o = description;
  boost::json::object by_status;
  std::int64_t total = 0;
  for (const auto& [status, n] : counts) {
    by_status[status] = n;
    total += n;
  }
  o["status"] = OverallStatus(counts);
  o["connectionCount"] = total;
  o["connectionsByStatus"] = std::move(by_status);
  bool extra_details = settings != nullptr && settings->extra_details;
  o["oauthConfigured"] = settings != nullptr && settings->oauth_client_id.has_value();
  o["extraDetails"] = extra_details;
  // The original's keys.
  o["extra_details"] = extra_details;
  o["meta"] = boost::json::object{};
  o["config"] = boost::json::object{};
  return o;
}

std::string EncodeQueryValue(std::string_view v) {
  return boost::urls::encode(v, boost::urls::unreserved_chars);
}

// Where the provider sends the browser back: PUBLIC_URL, else this request's own origin.
std::string DefaultRedirectUri(const ApiDeps& deps, const http::Request& request) {
  return core::StrCat(PublicBaseUrl(deps.config->public_url, request), "/oauth/callback");
}

absl::StatusOr<connectors::catalog::UrlParams> ParseUrlParams(const boost::json::object& body) {
  connectors::catalog::UrlParams params;
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

boost::json::object CompletedJson(const auth::oauth::CompletedAuthorization& done) {
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

ConnectorsHandler::ConnectorsHandler(const ApiDeps& deps) : deps_(deps) {
  // Descriptions never change while the server runs: render them once. (Route-table tests build
  // handlers without a manager and never call them.)
  if (deps_.manager == nullptr) return;
  for (const connectors::Connector* c : deps_.manager->registry().List()) {
    descriptions_.emplace(c->Describe().id, connectors::ConnectorDescriptionJson(c->Describe()));
  }
}

const boost::json::object& ConnectorsHandler::Description(const connectors::Connector& c) const {
  return descriptions_.find(c.Describe().id)->second;
}

http::Response ConnectorsHandler::List(http::Request& request) const {
  Result result = [&]() -> Result {
    const std::string& tenant = request.context.tenant_id;
    UCF_ASSIGN_OR_RETURN(auto counts, CountsByConnector(*deps_.connections, tenant));
    UCF_ASSIGN_OR_RETURN(auto settings, deps_.settings->List(tenant));
    boost::json::array out;
    for (const connectors::Connector* c : deps_.manager->registry().List()) {
      const std::string& id = c->Describe().id;
      auto it = std::find_if(settings.begin(), settings.end(),
                             [&](const auto& s) { return s.connector_id == id; });
      auto counted = counts.find(id);
      out.push_back(ConnectorJson(Description(*c),
                                  counted == counts.end() ? StatusCounts{} : counted->second,
                                  it == settings.end() ? nullptr : &*it));
    }
    return out;
  }();
  return http::EnvelopeResponse(result);
}

http::Response ConnectorsHandler::Get(http::Request& request) const {
  Result result = [&]() -> Result {
    UCF_ASSIGN_OR_RETURN(const connectors::Connector* c, deps_.manager->Find(request.PathParam("id")));
    const std::string& tenant = request.context.tenant_id;
    const std::string& id = c->Describe().id;
    UCF_ASSIGN_OR_RETURN(auto counts, CountsByConnector(*deps_.connections, tenant));
    UCF_ASSIGN_OR_RETURN(auto settings, deps_.settings->Get(tenant, id));
    auto counted = counts.find(id);
    boost::json::object o = ConnectorJson(
        Description(*c), counted == counts.end() ? StatusCounts{} : counted->second, &settings);
    // The first connections themselves (the full list is GET /api/connections?connectorId=…).
    storage::ConnectionFilter filter;
    filter.connector_id = id;
    UCF_ASSIGN_OR_RETURN(auto page, deps_.connections->List(tenant, filter, "", 50));
    boost::json::array list;
    for (const auto& conn : page.items) {
      list.push_back({{"id", conn.id},
                      {"name", conn.name},
                      {"status", storage::ConnectionStatusName(conn.status)},
                      {"authMethod", conn.auth_method}});
    }
    o["connections"] = std::move(list);
    if (const auto* spec = deps_.catalog->Find(id)) {
      boost::json::array params;
      for (const auto& p : spec->url_params) {
        params.push_back({{"name", p.name}, {"description", p.description}, {"example", p.example},
                          {"required", p.required}});
      }
      o["urlParams"] = std::move(params);
    }
    return o;
  }();
  return http::EnvelopeResponse(result);
}

http::Response ConnectorsHandler::Connect(http::Request& request) const {
  Result result = [&]() -> Result {
    UCF_ASSIGN_OR_RETURN(const connectors::Connector* c, deps_.manager->Find(request.PathParam("id")));
    UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
    UCF_ASSIGN_OR_RETURN(std::string method, core::RequireString(body, "method"));
    const auto& d = c->Describe();
    if (std::find(d.auth_methods.begin(), d.auth_methods.end(), method) == d.auth_methods.end()) {
      return core::InvalidField("method", core::StrCat("unsupported method for ", d.id, "; one of ",
                                                       core::Join(d.auth_methods, ", ")));
    }
    UCF_ASSIGN_OR_RETURN(auto name, core::OptionalString(body, "name"));
    if (method != "oauth2") {
      boost::json::object form = connectors::ConnectorDescriptionJson(d);
      return boost::json::object{{"method", method},
                                 {"status", "pending_credentials"},
                                 {"expectedHeader", "Authorization"},
                                 {"configFields", form["configFields"]},
                                 {"credentialFields", form["credentialFields"]},
                                 {"next", core::StrCat("POST ", deps_.config->api_prefix, "/connectors/", d.id,
                                                       "/connect/callback")}};
    }
    UCF_ASSIGN_OR_RETURN(const auto* spec, deps_.catalog->Get(d.id));
    UCF_ASSIGN_OR_RETURN(auto redirect, core::OptionalString(body, "redirectUri"));
    UCF_ASSIGN_OR_RETURN(auto scopes, core::OptionalStringArray(body, "scopes"));
    UCF_ASSIGN_OR_RETURN(auto url_params, ParseUrlParams(body));
    UCF_ASSIGN_OR_RETURN(auto client,
                         auth::oauth::LoadClientSettings(*deps_.db, *deps_.oauth_clients, request.context.tenant_id,
                                                         *spec, redirect.value_or(DefaultRedirectUri(deps_, request)),
                                                         std::move(scopes)));
    UCF_ASSIGN_OR_RETURN(auto start, deps_.oauth_flow->Start(ActorOf(request), *spec, client,
                                                             name.value_or(""), url_params));
    return boost::json::object{{"authUrl", start.auth_url},
                               {"state", start.state},
                               {"codeChallenge", start.code_challenge},
                               {"redirectUri", client.redirect_uri},
                               {"expiresAt", core::FormatRfc3339(start.expires_at)}};
  }();
  return http::EnvelopeResponse(result);
}

http::Response ConnectorsHandler::Callback(http::Request& request) const {
  Result result = [&]() -> Result {
    std::string connector_id(request.PathParam("id"));
    UCF_RETURN_IF_ERROR(deps_.manager->Find(connector_id).status());
    UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
    UCF_ASSIGN_OR_RETURN(auto code, core::OptionalString(body, "code"));
    UCF_ASSIGN_OR_RETURN(auto state, core::OptionalString(body, "state"));
    if (code || state) {
      UCF_ASSIGN_OR_RETURN(auto done, deps_.oauth_flow->Complete(ActorOf(request), connector_id,
                                                                 code.value_or(""), state.value_or("")));
      return CompletedJson(done);
    }
    connections::CredentialConnect connect;
    UCF_ASSIGN_OR_RETURN(auto api_key, core::OptionalString(body, "apiKey", core::kMaxCredentialBytes));
    if (!api_key) {
      return core::InvalidField("apiKey", "missing credentials: send {code, state} for oauth2 or {apiKey, …}");
    }
    connect.api_key = *api_key;
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
    UCF_ASSIGN_OR_RETURN(auto done, deps_.onboarding->Connect(ActorOf(request), connector_id, connect));
    return boost::json::object{{"connectionId", done.connection.id},
                               {"status", storage::ConnectionStatusName(done.connection.status)},
                               {"created", done.created},
                               {"account", connectors::AccountJson(done.account)},
                               {"connection", ConnectionJson(done.connection)}};
  }();
  return http::EnvelopeResponse(result);
}

http::Response ConnectorsHandler::OAuthRedirect(http::Request& request) const {
  auth::oauth::RedirectParams params;
  params.code = request.Query("code").value_or("");
  params.state = request.Query("state").value_or("");
  params.error = request.Query("error").value_or("");
  params.error_description = request.Query("error_description").value_or("");
  params.request_id = request.context.request_id;
  params.client_address = request.context.client_address;
  auto done = deps_.oauth_flow->CompleteRedirect(params);
  std::string base = PublicBaseUrl(deps_.config->public_url, request);
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

http::Response ConnectorsHandler::ChooseSite(http::Request& request) const {
  Result result = [&]() -> Result {
    UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
    UCF_ASSIGN_OR_RETURN(std::string site, core::RequireString(body, "site"));
    UCF_ASSIGN_OR_RETURN(auto updated, auth::oauth::ChooseSite(*deps_.db, *deps_.catalog, ActorOf(request),
                                                               request.PathParam("id"), site));
    return ConnectionJson(updated);
  }();
  return http::EnvelopeResponse(result);
}

http::Response ConnectorsHandler::ValidateConfig(http::Request& request) const {
  Result result = [&]() -> Result {
    UCF_ASSIGN_OR_RETURN(const connectors::Connector* c, deps_.manager->Find(request.PathParam("id")));
    UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request, /*allow_empty=*/true));
    UCF_ASSIGN_OR_RETURN(auto config, core::OptionalObject(body, "config"));
    UCF_RETURN_IF_ERROR(c->ValidateConfig(config));
    return boost::json::object{{"valid", true}};
  }();
  return http::EnvelopeResponse(result);
}

http::Response ConnectorsHandler::Probe(http::Request& request) const {
  Result result = [&]() -> Result {
    UCF_ASSIGN_OR_RETURN(const connectors::Connector* c, deps_.manager->Find(request.PathParam("id")));
    UCF_ASSIGN_OR_RETURN(auto config, ParseBody(request, /*allow_empty=*/true));
    config.erase("workspaceId");
    UCF_RETURN_IF_ERROR(c->ValidateConfig(config));
    boost::json::object out = connectors::ConnectorDescriptionJson(c->Describe());
    out["valid"] = true;
    return out;
  }();
  return http::EnvelopeResponse(result);
}

http::Response ConnectorsHandler::Revoke(http::Request& request) const {
  Result result = [&]() -> Result {
    std::string connector_id(request.PathParam("id"));
    UCF_RETURN_IF_ERROR(deps_.manager->Find(connector_id).status());
    UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
    UCF_ASSIGN_OR_RETURN(std::string connection_id, core::RequireString(body, "connectionId"));
    UCF_ASSIGN_OR_RETURN(auto reason, core::OptionalString(body, "reason"));
    UCF_ASSIGN_OR_RETURN(auto existing, deps_.connections->Get(request.context.tenant_id, connection_id));
    if (existing.connector_id != connector_id) {
      return absl::NotFoundError(core::StrCat("connection not found: ", connection_id));
    }
    UCF_ASSIGN_OR_RETURN(auto revoked, deps_.revoker->Revoke(ActorOf(request), connection_id, reason.value_or("")));
    boost::json::object out{{"revoked", true},
                            {"reason", reason.value_or("")},
                            {"connection", ConnectionJson(revoked.connection)},
                            {"providerRevocation", revoked.provider_revocation}};
    if (!revoked.provider_error.empty()) out["providerError"] = revoked.provider_error;
    return out;
  }();
  return http::EnvelopeResponse(result);
}

http::Response ConnectorsHandler::Validate(http::Request& request, std::string_view connection_id) const {
  Result result = [&]() -> Result {
    UCF_ASSIGN_OR_RETURN(auto outcome, deps_.onboarding->Validate(ActorOf(request), connection_id));
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
  }();
  return http::EnvelopeResponse(result);
}

http::Response ConnectorsHandler::ValidateConnection(http::Request& request) const {
  return Validate(request, request.PathParam("id"));
}

http::Response ConnectorsHandler::ValidateConnectionByBody(http::Request& request) const {
  auto body = ParseBody(request);
  if (!body.ok()) return http::ErrorFromStatus(body.status());
  auto id = core::RequireString(*body, "connectionId");
  if (!id.ok()) return http::ErrorFromStatus(id.status());
  return Validate(request, *id);
}

}  // namespace ucf::api
