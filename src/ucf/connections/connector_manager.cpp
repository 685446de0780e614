#include "ucf/connections/connector_manager.hpp"

#include "ucf/connections/status_transitions.hpp"

#include "ucf/connections/connection_api_client.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connections {
namespace {

using storage::ConnectionStatus;

// The first non-empty string among `keys` (camelCase as the API documents, snake_case as the
// original's clients send through POST /api/connections).
std::string StringField(const boost::json::object& o, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    const boost::json::value* v = o.if_contains(key);
    if (v && v->is_string() && !v->get_string().empty()) return std::string(v->get_string());
  }
  return "";
}

absl::Status Unusable(const storage::ConnectionRecord& c, std::string_view reason, std::string_view what) {
  return core::WithDetails(
      absl::FailedPreconditionError(core::StrCat("connection ", c.id, " ", what)),
      {{"reason", std::string(reason)}, {"connectionId", c.id}});
}

}  // namespace

ConnectorManager::ConnectorManager(storage::Database& db, const connectors::ConnectorRegistry& registry,
                                   const catalog::ProviderCatalog& catalog,
                                   http::HttpClient& http, AccessTokenProvider& tokens,
                                   http::ConcurrencyLimiter* limiter, int max_in_flight)
    : db_(db),
      registry_(registry),
      catalog_(catalog),
      http_(http),
      tokens_(tokens),
      limiter_(limiter),
      max_in_flight_(max_in_flight) {}

absl::StatusOr<const connectors::Connector*> ConnectorManager::Find(std::string_view connector_id) const {
  const connectors::Connector* c = registry_.Find(connector_id);
  if (c == nullptr) return absl::NotFoundError(core::StrCat("unknown connector: ", connector_id));
  return c;
}

std::string ConnectorManager::ProviderName(const connectors::Connector& connector) const {
  const auto* spec = catalog_.Find(connector.Describe().id);
  return spec && !spec->display_name.empty() ? spec->display_name : connector.Describe().name;
}

absl::StatusOr<ResolvedConnection> ConnectorManager::Resolve(std::string_view tenant_id,
                                                             std::string_view connection_id,
                                                             const CallLimits& limits) const {
  ResolvedConnection out;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(out.connection, s.connections().Get(tenant_id, connection_id));
    return absl::OkStatus();
  }));
  UCF_RETURN_IF_ERROR(CheckUsable(out.connection));
  UCF_ASSIGN_OR_RETURN(out.connector, Find(out.connection.connector_id));
  UCF_ASSIGN_OR_RETURN(out.api, ClientFor(*out.connector, out.connection, limits));
  return out;
}

absl::StatusOr<std::unique_ptr<connectors::ApiClient>> ConnectorManager::ClientFor(
    const connectors::Connector& connector, const storage::ConnectionRecord& connection,
    const CallLimits& limits) const {
  ApiTarget target{ProviderName(connector), "", connection.tenant_id, connection.id};
  ApiCredentials credentials;
  if (connection.auth_method == "oauth2") {
    target.base_url = StringField(connection.config, {"apiBaseUrl"});
    credentials.kind = ApiCredentials::Kind::kBearerFromProvider;
  } else {
    target.base_url = StringField(connection.config, {"baseUrl", "base_url", "siteUrl", "site_url"});
    credentials.secret = StringField(connection.secret_config, {"apiKey", "api_key", "apiToken", "api_token",
                                                                "token", "password", "apiSecret"});
    if (credentials.secret.empty()) {
      return Unusable(connection, "misconfigured", "has no stored credentials (apiKey); connect it again");
    }
    credentials.user = StringField(connection.config, {"email", "api_email", "username"});
    credentials.kind = credentials.user.empty() ? ApiCredentials::Kind::kBearerStatic
                                                : ApiCredentials::Kind::kBasic;
  }
  if (target.base_url.empty()) {
    const auto* spec = catalog_.Find(connector.Describe().id);
    if (spec && spec->api_base_url.find('{') == std::string::npos) target.base_url = spec->api_base_url;
  }
  if (UrlOrigin(target.base_url).empty()) {
    return Unusable(connection, "misconfigured",
                    "has no API base URL (config.baseUrl, an absolute http(s) URL); update it");
  }
  return std::make_unique<ConnectionApiClient>(http_, &tokens_, std::move(target), std::move(credentials),
                                               limiter_, max_in_flight_, limits);
}

const catalog::ProviderSpec* ConnectorManager::SpecOf(const connectors::Connector& connector) const {
  return catalog_.Find(connector.Describe().id);
}

const std::vector<std::string>& ConnectorManager::AuthMethods(
    const connectors::Connector& connector) const {
  static const std::vector<std::string> kNone;
  const catalog::ProviderSpec* spec = SpecOf(connector);
  return spec ? spec->auth_methods : kNone;
}

}  // namespace ucf::connections
