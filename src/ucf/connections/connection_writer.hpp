#pragma once
// Saving an authorized connection: the connection row (created or updated, status connected),
// its current token and the audit entries, all inside the caller's transaction so they commit
// together or not at all.

#include <string>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/audit/actor.hpp"
#include "ucf/storage/connection_record.hpp"
#include "ucf/storage/session.hpp"
#include "ucf/storage/token_record.hpp"

namespace ucf::connections {

struct AuthorizedConnection {
  std::string connector_id;
  std::string connection_name;
  std::string auth_method = "oauth2";
  // connected, or pending while the user still has to choose a site (post_connect.hpp).
  storage::ConnectionStatus status = storage::ConnectionStatus::kConnected;
  boost::json::object config;    // non-secret settings (urlParams, apiBaseUrl, cloudId, …)
  boost::json::object metadata;  // informational
  // The token to store; tenant_id and connection_id are filled in by the writer.
  storage::TokenRecord token;
};

struct StoredConnection {
  storage::ConnectionRecord connection;
  storage::TokenRecord token;  // holds secrets: never render it
  bool created = false;        // false: an existing (tenant, connector, name) row was reconnected
};

// Upserts the connection of (actor.tenant_id, connector_id, connection_name) with
// authorized.status (a reconnect replaces its auth method, config, secret config and metadata), takes
// the connection's refresh lock (the token refresher's, see token_refresher.hpp), stores the
// token as its current one, and appends the audit entries "connection.created" (or
// "connection.updated" with details.reconnected) and "token.stored" (details without secrets).
// Errors of the stores as they are.
absl::StatusOr<StoredConnection> StoreAuthorizedConnection(storage::Session& session,
                                                           const audit::Actor& actor,
                                                           const AuthorizedConnection& authorized);

// The lock key that serialises token writes of one connection across instances.
std::string RefreshLockKey(std::string_view connection_id);

}  // namespace ucf::connections
