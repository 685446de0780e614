#include "ucf/connections/connection_service.hpp"

#include <algorithm>

#include "ucf/connections/status_transitions.hpp"

#include "boost/json/array.hpp"
#include "ucf/audit/audit_entry.hpp"
#include "ucf/connections/config_change.hpp"
#include "ucf/connections/config_write.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::connections {
namespace {

using storage::Session;
using storage::TxMode;

boost::json::array Keys(const boost::json::object& o) {
  boost::json::array out;
  for (const auto& [k, v] : o) out.emplace_back(k);
  return out;
}

absl::Status CheckConnectionExists(Session& s, std::string_view tenant, std::string_view id) {
  return s.connections().Get(tenant, id).status();
}

// Tenants store typed-in credentials here; OAuth connections come only from the connect flow.
absl::Status CheckTypedInMethod(std::string_view connector_id, const std::vector<std::string>& offered,
                                std::string_view method) {
  bool listed = std::find(offered.begin(), offered.end(), method) != offered.end();
  if (method == "none" || (listed && method != "oauth2")) return absl::OkStatus();
  std::vector<std::string> allowed{"none"};
  for (const std::string& m : offered) {
    if (m != "oauth2") allowed.push_back(m);
  }
  return core::InvalidField("authMethod",
                            core::StrCat("must be one of ", core::Join(allowed, ", "),
                                         " (OAuth connections are made with POST /api/connectors/",
                                         connector_id, "/connect)"));
}

}  // namespace

bool IsValidName(std::string_view name) {
  if (name.empty() || name.size() > 100) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == ' ';
    if (!ok) return false;
  }
  return true;
}

absl::StatusOr<storage::ConnectionUpsertResult> ConnectionService::Upsert(
    const audit::Actor& actor, const UpsertRequest& request) {
  if (!IsValidName(request.connector_id)) {
    return core::InvalidField("connectorId", "must be 1-100 letters, digits, '-', '_' or '.'");
  }
  if (!IsValidName(request.name)) {
    return core::InvalidField("name", "must be 1-100 letters, digits, spaces, '-', '_' or '.'");
  }
  UCF_ASSIGN_OR_RETURN(const connectors::Connector* connector, ConnectorOf(request.connector_id));
  if (request.auth_method) {
    const catalog::ProviderSpec* spec = catalog_.Find(request.connector_id);
    UCF_RETURN_IF_ERROR(CheckTypedInMethod(request.connector_id, spec ? spec->auth_methods : std::vector<std::string>{},
                                           *request.auth_method));
  }
  UCF_ASSIGN_OR_RETURN(SplitConfig split, CheckConfigWrite(*connector, request.config, "config."));
  storage::ConnectionRecord record;
  record.tenant_id = actor.tenant_id;
  record.connector_id = request.connector_id;
  record.name = request.name;
  record.auth_method = request.auth_method.value_or(
      split.secret.empty() ? std::string("none") : std::string("api_key"));
  record.status = StatusAfter(storage::ConnectionStatus::kPending, ConnectionEvent::kCreated);
  record.config = std::move(split.plain);
  record.secret_config = std::move(split.secret);
  storage::ConnectionUpsertResult result;
  UCF_RETURN_IF_ERROR(db_.Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(result, s.connections().Upsert(record));
    const auto& c = result.connection;
    boost::json::object details{{"connectorId", c.connector_id},
                                {"name", c.name},
                                {"secretFields", Keys(c.secret_config)}};
    UCF_RETURN_IF_ERROR(s.audit_logs()
                            .Append(audit::Entry(actor,
                                                 result.created ? "connection.created"
                                                                : "connection.updated",
                                                 "connection", c.id, details))
                            .status());
    if (!c.secret_config.empty()) {
      UCF_RETURN_IF_ERROR(s.audit_logs()
                              .Append(audit::Entry(actor, "credentials.changed", "connection", c.id,
                                                   {{"secretFields", Keys(c.secret_config)}}))
                              .status());
    }
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<storage::Page<storage::ConnectionRecord>> ConnectionService::List(
    std::string_view tenant_id, const storage::ConnectionFilter& filter, std::string_view cursor,
    int limit) {
  storage::Page<storage::ConnectionRecord> page;
  UCF_RETURN_IF_ERROR(db_.Transact(TxMode::kRead, [&](Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(page, s.connections().List(tenant_id, filter, cursor, limit));
    return absl::OkStatus();
  }));
  return page;
}

absl::StatusOr<storage::Page<storage::StoredConnection>> ConnectionService::ListStored(
    std::string_view tenant_id, const storage::ConnectionFilter& filter, std::string_view cursor,
    int limit) {
  storage::Page<storage::StoredConnection> page;
  UCF_RETURN_IF_ERROR(db_.Transact(TxMode::kRead, [&](Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(page, s.connections().ListStored(tenant_id, filter, cursor, limit));
    return absl::OkStatus();
  }));
  return page;
}

absl::StatusOr<ConnectionService::CatalogState> ConnectionService::ReadCatalogState(
    std::string_view tenant_id) {
  CatalogState state;
  UCF_RETURN_IF_ERROR(db_.Transact(TxMode::kRead, [&](Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(state.counts, s.connections().CountByConnector(tenant_id));
    UCF_ASSIGN_OR_RETURN(state.settings, s.connector_settings().List(tenant_id));
    return absl::OkStatus();
  }));
  return state;
}

absl::StatusOr<std::vector<storage::ConnectionCount>> ConnectionService::CountByConnector(
    std::string_view tenant_id) {
  std::vector<storage::ConnectionCount> counts;
  UCF_RETURN_IF_ERROR(db_.Transact(TxMode::kRead, [&](Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(counts, s.connections().CountByConnector(tenant_id));
    return absl::OkStatus();
  }));
  return counts;
}

absl::StatusOr<storage::ConnectionRecord> ConnectionService::Get(std::string_view tenant_id,
                                                                 std::string_view id) {
  storage::ConnectionRecord record;
  UCF_RETURN_IF_ERROR(db_.Transact(TxMode::kRead, [&](Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(record, s.connections().Get(tenant_id, id));
    return absl::OkStatus();
  }));
  return record;
}

absl::StatusOr<const connectors::Connector*> ConnectionService::ConnectorOf(
    std::string_view connector_id) const {
  const connectors::Connector* connector = registry_.Find(connector_id);
  if (connector == nullptr) return core::InvalidField("connectorId", "names no connector of this server");
  return connector;
}

absl::StatusOr<storage::ConnectionRecord> ConnectionService::Update(const audit::Actor& actor,
                                                                    std::string_view id,
                                                                    const UpdateRequest& request) {
  if (request.name && !IsValidName(*request.name)) {
    return core::InvalidField("name", "must be 1-100 letters, digits, spaces, '-', '_' or '.'");
  }
  storage::ConnectionRecord updated;
  UCF_RETURN_IF_ERROR(db_.Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
    storage::ConnectionUpdate update;
    update.name = request.name;
    update.metadata = request.metadata;
    // The change is planned against the row as it is in this transaction.
    std::optional<ConfigChange> change;
    if (request.config) {
      UCF_ASSIGN_OR_RETURN(storage::ConnectionRecord current, s.connections().Get(actor.tenant_id, id));
      UCF_ASSIGN_OR_RETURN(const connectors::Connector* connector, ConnectorOf(current.connector_id));
      UCF_ASSIGN_OR_RETURN(change, PlanConfigChange(*connector, catalog_.Find(current.connector_id),
                                                    current, *request.config));
      update.config = change->config;
      update.secret_config = change->secret_config;
      if (change->needs_check) update.status = StatusAfter(current.status, ConnectionEvent::kSiteChanged);
    }
    UCF_ASSIGN_OR_RETURN(updated, s.connections().Update(actor.tenant_id, id, update));
    boost::json::array fields;
    if (request.name) fields.emplace_back("name");
    if (request.config) fields.emplace_back("config");
    if (request.metadata) fields.emplace_back("metadata");
    boost::json::object details{{"fields", fields}};
    if (change && change->destination_changed) details["destinationChanged"] = true;
    if (change && change->needs_check) details["status"] = storage::ConnectionStatusName(updated.status);
    UCF_RETURN_IF_ERROR(s.audit_logs()
                            .Append(audit::Entry(actor, "connection.updated", "connection",
                                                 updated.id, details))
                            .status());
    if (change && (change->credentials_given || change->credentials_dropped)) {
      boost::json::object changed{{"secretFields", Keys(updated.secret_config)}};
      if (change->credentials_dropped) changed["dropped"] = "the site changed; give the credentials again";
      UCF_RETURN_IF_ERROR(s.audit_logs()
                              .Append(audit::Entry(actor, "credentials.changed", "connection",
                                                   updated.id, std::move(changed)))
                              .status());
    }
    return absl::OkStatus();
  }));
  return updated;
}

absl::Status ConnectionService::Delete(const audit::Actor& actor, std::string_view id,
                                       const boost::json::object& details) {
  return db_.Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(auto existing, s.connections().Get(actor.tenant_id, id));
    UCF_RETURN_IF_ERROR(s.connections().Delete(actor.tenant_id, id));
    boost::json::object entry = details;
    entry["connectorId"] = existing.connector_id;
    entry["name"] = existing.name;
    return s.audit_logs()
        .Append(audit::Entry(actor, "connection.deleted", "connection", existing.id, std::move(entry)))
        .status();
  });
}

absl::StatusOr<storage::TokenRecord> ConnectionService::StoreToken(
    const audit::Actor& actor, std::string_view connection_id, std::string_view token,
    std::optional<std::string_view> refresh_token, std::optional<core::TimePoint> expires_at) {
  constexpr std::size_t kMaxTokenBytes = 16 * 1024;
  if (token.empty()) return core::InvalidField("token", "must not be empty");
  if (token.size() > kMaxTokenBytes) {
    return core::InvalidField("token", core::StrCat("must be at most ", kMaxTokenBytes, " bytes"));
  }
  if (refresh_token && refresh_token->empty()) {
    return core::InvalidField("refreshToken", "must not be empty when given");
  }
  if (refresh_token && refresh_token->size() > kMaxTokenBytes) {
    return core::InvalidField("refreshToken",
                              core::StrCat("must be at most ", kMaxTokenBytes, " bytes"));
  }
  storage::TokenRecord stored;
  UCF_RETURN_IF_ERROR(db_.Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(storage::ConnectionRecord connection,
                         s.connections().Get(actor.tenant_id, connection_id));
    if (refresh_token && connection.auth_method != "oauth2") {
      return core::InvalidField("refreshToken",
                                core::StrCat("only OAuth connections take a refresh token; this "
                                             "one uses ",
                                             connection.auth_method));
    }
    storage::TokenRecord record;
    record.tenant_id = actor.tenant_id;
    record.connection_id = std::string(connection_id);
    record.access_token = std::string(token);
    if (refresh_token) record.refresh_token = std::string(*refresh_token);
    record.expires_at = expires_at;
    UCF_ASSIGN_OR_RETURN(stored, s.tokens().Put(record));
    boost::json::object details{{"tokenId", stored.id},
                                {"version", stored.version},
                                {"hasRefreshToken", refresh_token.has_value()}};
    if (expires_at) details["expiresAt"] = core::FormatRfc3339(*expires_at);
    return s.audit_logs()
        .Append(audit::Entry(actor, "token.stored", "connection", std::string(connection_id),
                             details))
        .status();
  }));
  return stored;
}

absl::StatusOr<storage::TokenRecord> ConnectionService::ReadToken(const audit::Actor& actor,
                                                                  std::string_view connection_id) {
  storage::TokenRecord token;
  UCF_RETURN_IF_ERROR(db_.Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
    UCF_RETURN_IF_ERROR(CheckConnectionExists(s, actor.tenant_id, connection_id));
    UCF_ASSIGN_OR_RETURN(token, s.tokens().GetCurrent(actor.tenant_id, connection_id));
    return s.audit_logs()
        .Append(audit::Entry(actor, "token.read", "connection", std::string(connection_id),
                             {{"tokenId", token.id}, {"version", token.version}}))
        .status();
  }));
  return token;
}

absl::StatusOr<std::optional<std::string>> ConnectionService::SyncCursor(
    std::string_view tenant_id, std::string_view connection_id, std::string_view model) {
  std::optional<std::string> cursor;
  UCF_RETURN_IF_ERROR(db_.Transact(TxMode::kRead, [&](Session& s) -> absl::Status {
    UCF_RETURN_IF_ERROR(CheckConnectionExists(s, tenant_id, connection_id));
    auto state = s.sync_states().Get(tenant_id, connection_id, model);
    if (state.ok()) cursor = state->cursor;
    if (!state.ok() && state.status().code() != absl::StatusCode::kNotFound) return state.status();
    return absl::OkStatus();
  }));
  return cursor;
}

absl::Status ConnectionService::PutSyncCursor(const audit::Actor& actor,
                                              std::string_view connection_id,
                                              std::string_view model,
                                              std::optional<std::string> cursor) {
  return db_.Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
    storage::SyncStateRecord state;
    state.tenant_id = actor.tenant_id;
    state.connection_id = std::string(connection_id);
    state.model = std::string(model);
    state.cursor = cursor;
    UCF_RETURN_IF_ERROR(s.sync_states().Put(state).status());
    return s.audit_logs()
        .Append(audit::Entry(actor, "sync_state.updated", "connection", std::string(connection_id),
                             {{"model", std::string(model)}}))
        .status();
  });
}

absl::Status ConnectionService::RecordProviderWrite(const audit::Actor& actor,
                                                   std::string_view connection_id,
                                                   std::string_view action,
                                                   std::string_view object_id,
                                                   boost::json::object details) {
  details["objectId"] = std::string(object_id);
  return db_.Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
    return s.audit_logs()
        .Append(audit::Entry(actor, action, "connection", std::string(connection_id), details))
        .status();
  });
}

}  // namespace ucf::connections
