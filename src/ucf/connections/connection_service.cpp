#include "ucf/connections/connection_service.hpp"

#include "boost/json/array.hpp"
#include "ucf/audit/audit_entry.hpp"
#include "ucf/connections/secret_split.hpp"
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
  SplitConfig split = SplitSecrets(request.config);
  storage::ConnectionRecord record;
  record.tenant_id = actor.tenant_id;
  record.connector_id = request.connector_id;
  record.name = request.name;
  record.auth_method = request.auth_method.value_or(
      split.secret.empty() ? std::string("none") : std::string("api_key"));
  record.status = storage::ConnectionStatus::kPending;
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

absl::StatusOr<storage::ConnectionRecord> ConnectionService::Update(const audit::Actor& actor,
                                                                    std::string_view id,
                                                                    const UpdateRequest& request) {
  if (request.name && !IsValidName(*request.name)) {
    return core::InvalidField("name", "must be 1-100 letters, digits, spaces, '-', '_' or '.'");
  }
  storage::ConnectionUpdate update;
  update.name = request.name;
  update.metadata = request.metadata;
  bool credentials_changed = false;
  if (request.config) {
    SplitConfig split = SplitSecrets(*request.config);
    update.config = std::move(split.plain);
    credentials_changed = !split.secret.empty();
    if (credentials_changed) update.secret_config = std::move(split.secret);
  }
  storage::ConnectionRecord updated;
  UCF_RETURN_IF_ERROR(db_.Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(updated, s.connections().Update(actor.tenant_id, id, update));
    boost::json::array fields;
    if (request.name) fields.emplace_back("name");
    if (request.config) fields.emplace_back("config");
    if (request.metadata) fields.emplace_back("metadata");
    UCF_RETURN_IF_ERROR(s.audit_logs()
                            .Append(audit::Entry(actor, "connection.updated", "connection",
                                                 updated.id, {{"fields", fields}}))
                            .status());
    if (credentials_changed) {
      UCF_RETURN_IF_ERROR(s.audit_logs()
                              .Append(audit::Entry(actor, "credentials.changed", "connection",
                                                   updated.id,
                                                   {{"secretFields", Keys(updated.secret_config)}}))
                              .status());
    }
    return absl::OkStatus();
  }));
  return updated;
}

absl::Status ConnectionService::Delete(const audit::Actor& actor, std::string_view id) {
  return db_.Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(auto existing, s.connections().Get(actor.tenant_id, id));
    UCF_RETURN_IF_ERROR(s.connections().Delete(actor.tenant_id, id));
    return s.audit_logs()
        .Append(audit::Entry(actor, "connection.deleted", "connection", existing.id,
                             {{"connectorId", existing.connector_id}, {"name", existing.name}}))
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

}  // namespace ucf::connections
