#include "ucf/connections/connection_writer.hpp"

#include "boost/json/value_from.hpp"

#include "ucf/audit/audit_entry.hpp"
#include "ucf/connections/status_events.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::connections {

std::string RefreshLockKey(std::string_view connection_id) {
  return core::StrCat("refresh:", connection_id);
}

absl::StatusOr<StoredConnection> StoreAuthorizedConnection(storage::Session& session,
                                                           const audit::Actor& actor,
                                                           const AuthorizedConnection& authorized) {
  storage::ConnectionRecord record;
  record.tenant_id = actor.tenant_id;
  record.connector_id = authorized.connector_id;
  record.name = authorized.connection_name;
  record.auth_method = authorized.auth_method;
  record.status = authorized.status;
  record.config = authorized.config;
  record.metadata = authorized.metadata;
  UCF_ASSIGN_OR_RETURN(std::optional<storage::ConnectionStatus> before,
                       StatusBeforeUpsert(session, record.tenant_id, record.connector_id, record.name));
  UCF_ASSIGN_OR_RETURN(storage::ConnectionUpsertResult upserted,
                       session.connections().Upsert(record));
  if (before) {
    UCF_RETURN_IF_ERROR(RecordStatusChange(session, record.tenant_id, upserted.connection.id, *before,
                                           upserted.connection.status, "", upserted.connection.updated_at));
  }
  StoredConnection out;
  out.connection = std::move(upserted.connection);
  out.created = upserted.created;
  UCF_RETURN_IF_ERROR(session.LockKey(RefreshLockKey(out.connection.id)));

  storage::TokenRecord token = authorized.token;
  token.id.clear();
  token.tenant_id = actor.tenant_id;
  token.connection_id = out.connection.id;
  UCF_ASSIGN_OR_RETURN(out.token, session.tokens().Put(token));

  boost::json::object connection_details{{"connector", out.connection.connector_id},
                                         {"name", out.connection.name},
                                         {"authMethod", out.connection.auth_method},
                                         {"status", std::string(storage::ConnectionStatusName(authorized.status))}};
  if (!out.created) connection_details["reconnected"] = true;
  UCF_RETURN_IF_ERROR(
      session.audit_logs()
          .Append(audit::Entry(actor, out.created ? "connection.created" : "connection.updated",
                               "connection", out.connection.id, std::move(connection_details)))
          .status());
  boost::json::object token_details{{"version", out.token.version},
                                    {"tokenType", out.token.token_type},
                                    {"scopes", boost::json::value_from(out.token.scopes)},
                                    {"hasRefreshToken", out.token.refresh_token.has_value()}};
  token_details["expiresAt"] = out.token.expires_at
                                   ? boost::json::value(core::FormatRfc3339(*out.token.expires_at))
                                   : boost::json::value(nullptr);
  UCF_RETURN_IF_ERROR(session.audit_logs()
                          .Append(audit::Entry(actor, "token.stored", "connection",
                                               out.connection.id, std::move(token_details)))
                          .status());
  return out;
}

}  // namespace ucf::connections
