#include "ucf/connections/connector_manager.hpp"

#include "ucf/connections/status_transitions.hpp"

#include "ucf/connections/connection_api_client.hpp"
#include "ucf/connections/credential_destination.hpp"
#include "ucf/connections/database_host_check.hpp"
#include "ucf/connectors/sql_session.hpp"
#include "ucf/connectors/config_fields.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connections {
namespace {

using storage::ConnectionStatus;

absl::Status Unusable(const storage::ConnectionRecord& c, std::string_view reason, std::string_view what) {
  return core::WithDetails(
      absl::FailedPreconditionError(core::StrCat("connection ", c.id, " ", what)),
      {{"reason", std::string(reason)}, {"connectionId", c.id}});
}

}  // namespace

ConnectorManager::ConnectorManager(storage::Database& db, const connectors::ConnectorRegistry& registry,
                                   const catalog::ProviderCatalog& catalog,
                                   http::HttpClient& http, AccessTokenProvider& tokens,
                                   http::ConcurrencyLimiter* limiter, int max_in_flight,
                                   bool allow_private_databases, ConnectionCache* cache)
    : db_(db),
      registry_(registry),
      catalog_(catalog),
      http_(http),
      tokens_(tokens),
      limiter_(limiter),
      max_in_flight_(max_in_flight),
      allow_private_databases_(allow_private_databases),
      cache_(cache) {}

absl::StatusOr<ConnectionCache::Row> ConnectorManager::ReadRow(std::string_view tenant_id,
                                                           std::string_view connection_id) const {
  if (cache_ != nullptr) return cache_->Get(tenant_id, connection_id);
  auto row = std::make_shared<storage::ConnectionRecord>();
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(*row, s.connections().Get(tenant_id, connection_id));
    return absl::OkStatus();
  }));
  return ConnectionCache::Row(std::move(row));
}

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
  return ResolveIn(tenant_id, connection_id, /*for_check=*/false, limits);
}

absl::StatusOr<ResolvedConnection> ConnectorManager::ResolveForCheck(std::string_view tenant_id,
                                                                     std::string_view connection_id,
                                                                     const CallLimits& limits) const {
  return ResolveIn(tenant_id, connection_id, /*for_check=*/true, limits);
}

absl::StatusOr<ResolvedConnection> ConnectorManager::ResolveIn(std::string_view tenant_id,
                                                               std::string_view connection_id,
                                                               bool for_check,
                                                               const CallLimits& limits) const {
  ResolvedConnection out;
  if (for_check) {  // a pending connection's fresh credentials: never a cached row
    UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
      UCF_ASSIGN_OR_RETURN(out.connection, s.connections().Get(tenant_id, connection_id));
      return absl::OkStatus();
    }));
  } else {
    UCF_ASSIGN_OR_RETURN(ConnectionCache::Row row, ReadRow(tenant_id, connection_id));
    out.connection = *row;
  }
  // Typed-in credentials given (again) but not yet checked: the check is the one call they may be
  // used for.
  bool checking = for_check && out.connection.status == ConnectionStatus::kPending &&
                  out.connection.auth_method != "oauth2";
  if (!checking) UCF_RETURN_IF_ERROR(CheckUsable(out.connection));
  UCF_ASSIGN_OR_RETURN(out.connector, Find(out.connection.connector_id));
  UCF_ASSIGN_OR_RETURN(out.session, SessionFor(*out.connector, out.connection, limits));
  return out;
}

absl::StatusOr<std::unique_ptr<connectors::Session>> ConnectorManager::SessionFor(
    const connectors::Connector& connector, const storage::ConnectionRecord& connection,
    const CallLimits& limits) const {
  const connectors::ConnectorDescription& d = connector.Describe();
  if (d.session == connectors::SessionKind::kSql) {
    boost::json::object fields = connection.config;
    for (const auto& [k, v] : connection.secret_config) fields[k] = v;
    return std::make_unique<connectors::SqlSession>(connection.id, std::move(fields),
                                                    DatabaseHostCheck(allow_private_databases_));
  }
  UCF_ASSIGN_OR_RETURN(auto target, TargetFor(connector, connection));
  return std::make_unique<ConnectionApiClient>(http_, &tokens_, std::move(target.first),
                                               std::move(target.second), limiter_, max_in_flight_, limits);
}

absl::StatusOr<DirectTarget> ConnectorManager::ResolveDirect(std::string_view tenant_id,
                                                             std::string_view connection_id) const {
  UCF_ASSIGN_OR_RETURN(ConnectionCache::Row row, ReadRow(tenant_id, connection_id));
  return DirectFrom(*row);
}

bool ConnectorManager::DirectInMemory(std::string_view tenant_id, std::string_view connection_id) const {
  if (cache_ == nullptr) return false;
  ConnectionCache::Row row = cache_->Peek(tenant_id, connection_id, std::chrono::milliseconds(100));
  return row != nullptr && row->auth_method != "oauth2";
}

absl::StatusOr<DirectTarget> ConnectorManager::DirectFrom(const storage::ConnectionRecord& connection) const {
  UCF_RETURN_IF_ERROR(CheckUsable(connection));
  UCF_ASSIGN_OR_RETURN(const connectors::Connector* connector, Find(connection.connector_id));
  UCF_ASSIGN_OR_RETURN(auto target, TargetFor(*connector, connection));
  std::shared_ptr<http::ConcurrencyLimiter::Permit> permit;
  if (limiter_ != nullptr) {
    UCF_ASSIGN_OR_RETURN(http::ConcurrencyLimiter::Permit taken,
                         limiter_->Acquire(core::StrCat("connection:", connection.id), max_in_flight_));
    permit = std::make_shared<http::ConcurrencyLimiter::Permit>(std::move(taken));
  }
  CredentialHeader credentials(&tokens_, connection.tenant_id, connection.id, std::move(target.second));
  return DirectTarget{connection.connector_id, std::move(target.first), std::move(credentials),
                      std::move(permit)};
}

absl::StatusOr<std::pair<ApiTarget, ApiCredentials>> ConnectorManager::TargetFor(
    const connectors::Connector& connector, const storage::ConnectionRecord& connection) const {
  const connectors::ConnectorDescription& d = connector.Describe();
  if (d.session == connectors::SessionKind::kSql) {
    return absl::FailedPreconditionError(
        core::StrCat(d.id, " connections have no HTTP API (they are reached through a SQL session)"));
  }
  ApiTarget target{ProviderName(connector), "", connection.tenant_id, connection.id, d.id};
  target.base_url = CredentialDestination(d, catalog_.Find(d.id), connection);
  ApiCredentials credentials;
  if (connection.auth_method == "oauth2") {
    credentials.kind = ApiCredentials::Kind::kBearerFromProvider;
  } else {
    for (const connectors::FieldSpec& field : d.credential_fields) {
      if (field.secret() && credentials.secret.empty()) {
        credentials.secret = connectors::FieldValue(field, connection.secret_config);
      } else if (field.type == "email" && credentials.user.empty()) {
        credentials.user = connectors::FieldValue(field, connection.config);
      }
    }
    if (credentials.secret.empty()) {
      return Unusable(connection, "misconfigured", "has no stored credentials (apiKey); connect it again");
    }
    credentials.kind = credentials.user.empty() ? ApiCredentials::Kind::kBearerStatic
                                                : ApiCredentials::Kind::kBasic;
  }
  if (UrlOrigin(target.base_url).empty()) {
    return Unusable(connection, "misconfigured",
                    connection.auth_method == "oauth2"
                        ? "has no API base URL from its connect flow; connect it again"
                        : "has no API base URL (config.baseUrl, an absolute http(s) URL); update it");
  }
  return std::make_pair(std::move(target), std::move(credentials));
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
