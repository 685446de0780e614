#pragma once
// Connections of a tenant: upsert, list, read, update, delete, revoke, stored tokens and sync
// cursors. Secrets in configs are split out and stored only encrypted; every change writes its
// audit entry in the same transaction as the change.
//
// Audit actions: connection.created, connection.updated, connection.deleted,
// credentials.changed, token.stored, token.read, sync_state.updated. (Revocation, with the provider call, is
// auth/oauth/revocation.hpp.)

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "ucf/audit/actor.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::connections {

struct UpsertRequest {
  std::string connector_id;
  std::string name;
  std::optional<std::string> auth_method;
  boost::json::object config;  // as sent by the client; secret fields are split out
};

struct UpdateRequest {
  std::optional<std::string> name;
  std::optional<boost::json::object> config;  // replaces config and secrets
  std::optional<boost::json::object> metadata;
};

class ConnectionService {
 public:
  ConnectionService(storage::Database& db, const core::Clock& clock) : db_(db), clock_(clock) {}

  // InvalidArgument naming the field for a bad connector id or name.
  absl::StatusOr<storage::ConnectionUpsertResult> Upsert(const audit::Actor& actor,
                                                         const UpsertRequest& request);
  absl::StatusOr<storage::Page<storage::ConnectionRecord>> List(
      std::string_view tenant_id, const storage::ConnectionFilter& filter, std::string_view cursor,
      int limit);
  // Connections per (connector, status): what the connector catalog shows, in one query.
  absl::StatusOr<std::vector<storage::ConnectionCount>> CountByConnector(std::string_view tenant_id);
  absl::StatusOr<storage::ConnectionRecord> Get(std::string_view tenant_id, std::string_view id);
  absl::StatusOr<storage::ConnectionRecord> Update(const audit::Actor& actor, std::string_view id,
                                                   const UpdateRequest& request);
  absl::Status Delete(const audit::Actor& actor, std::string_view id);

  // Stores `token` and, for an OAuth connection, its `refresh_token` (both encrypted), replacing
  // the current token; audited "token.stored". InvalidArgument naming the field: an empty or
  // oversized token ("token", "refreshToken"), a refresh token for a connection that is not
  // OAuth ("refreshToken").
  absl::StatusOr<storage::TokenRecord> StoreToken(const audit::Actor& actor,
                                                  std::string_view connection_id,
                                                  std::string_view token,
                                                  std::optional<std::string_view> refresh_token,
                                                  std::optional<core::TimePoint> expires_at);
  // The connection's current token, for the admin reading it back: appends "token.read" (token
  // id and version, never a secret) in the same transaction as the read. NotFound when the
  // connection does not exist or has no token (then nothing is audited).
  absl::StatusOr<storage::TokenRecord> ReadToken(const audit::Actor& actor,
                                                 std::string_view connection_id);

  // The cursor of (connection, model); nullopt when none was stored. NotFound for an unknown
  // connection.
  absl::StatusOr<std::optional<std::string>> SyncCursor(std::string_view tenant_id,
                                                        std::string_view connection_id,
                                                        std::string_view model);
  absl::Status PutSyncCursor(const audit::Actor& actor, std::string_view connection_id,
                             std::string_view model, std::optional<std::string> cursor);

 private:
  storage::Database& db_;
  const core::Clock& clock_;
};

// A connector id or connection name: 1-100 characters of letters, digits, '-', '_', '.', ' '.
bool IsValidName(std::string_view name);

}  // namespace ucf::connections
