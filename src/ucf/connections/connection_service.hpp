#pragma once
// Connections of a tenant: upsert, list, read, update, delete, revoke, stored tokens and sync
// cursors. Every config write goes through the connector's ValidateConfig (config_write.hpp:
// unknown keys refused naming "config.<key>", declared secret fields stored only encrypted); an
// update follows config_change.hpp (an OAuth connection's config is the server's; a changed site
// drops or re-asks the credentials and makes the connection pending). Every change writes its
// audit entry in the same transaction as the change.
//
// Audit actions: connection.created, connection.updated, connection.deleted,
// credentials.changed, token.stored, token.read, sync_state.updated, item.created,
// comment.created. (Revocation, with the provider
// call, is revocation.hpp; deletion with the provider side, connection_removal.hpp.)

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/audit/actor.hpp"
#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/connectors/registry.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/storage/connection_store.hpp"
#include "ucf/storage/connector_settings_record.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::connections {

struct UpsertRequest {
  std::string connector_id;
  std::string name;
  // One of the connector's typed-in methods (api_key, basic, personal_token) or "none"; unset →
  // api_key with secrets, else none. oauth2 connections are made by the connect flow only.
  std::optional<std::string> auth_method;
  boost::json::object config;  // as sent by the client; secret fields are split out
};

struct UpdateRequest {
  std::optional<std::string> name;
  std::optional<boost::json::object> config;  // replaces the config (config_change.hpp)
  std::optional<boost::json::object> metadata;
};

class ConnectionService {
 public:
  // All references must outlive the service (the registry may be filled after construction).
  ConnectionService(storage::Database& db, const core::Clock& clock,
                    const connectors::ConnectorRegistry& registry,
                    const catalog::ProviderCatalog& catalog)
      : db_(db), clock_(clock), registry_(registry), catalog_(catalog) {}

  // InvalidArgument naming the field for a bad or unknown connector id, name, auth method or
  // config key (the connection is stored pending: credentials are checked by validate).
  absl::StatusOr<storage::ConnectionUpsertResult> Upsert(const audit::Actor& actor,
                                                         const UpsertRequest& request);
  absl::StatusOr<storage::Page<storage::ConnectionRecord>> List(
      std::string_view tenant_id, const storage::ConnectionFilter& filter, std::string_view cursor,
      int limit);
  // The same page as stored (unparsed JSON and timestamps), for answers that copy it out.
  absl::StatusOr<storage::Page<storage::StoredConnection>> ListStored(
      std::string_view tenant_id, const storage::ConnectionFilter& filter, std::string_view cursor,
      int limit);
  // Connections per (connector, status): what the connector catalog shows, in one query.
  absl::StatusOr<std::vector<storage::ConnectionCount>> CountByConnector(std::string_view tenant_id);
  // What the connector catalog shows of one tenant, read in ONE read transaction: its
  // connections counted per (connector, status) and its connector settings.
  struct CatalogState {
    std::vector<storage::ConnectionCount> counts;
    std::vector<storage::ConnectorSettingsRecord> settings;
  };
  absl::StatusOr<CatalogState> ReadCatalogState(std::string_view tenant_id);
  absl::StatusOr<storage::ConnectionRecord> Get(std::string_view tenant_id, std::string_view id);
  absl::StatusOr<storage::ConnectionRecord> Update(const audit::Actor& actor, std::string_view id,
                                                   const UpdateRequest& request);
  // Deletes the connection locally (its tokens, webhooks, … by cascade); `details` are added to
  // the connection.deleted audit entry (what happened at the provider, connection_removal.hpp).
  absl::Status Delete(const audit::Actor& actor, std::string_view id,
                      const boost::json::object& details = {});

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

  // Records that `actor` created an object at the provider through the connection (`action`
  // "item.created" or "comment.created", `object_id` the provider's id, `details` no secret).
  // The provider call cannot share a transaction with it, so this follows a successful call.
  absl::Status RecordProviderWrite(const audit::Actor& actor, std::string_view connection_id,
                                   std::string_view action, std::string_view object_id,
                                   boost::json::object details);

 private:
  absl::StatusOr<const connectors::Connector*> ConnectorOf(std::string_view connector_id) const;

  storage::Database& db_;
  const core::Clock& clock_;
  const connectors::ConnectorRegistry& registry_;
  const catalog::ProviderCatalog& catalog_;
};

// A connector id or connection name: 1-100 characters of letters, digits, '-', '_', '.', ' '.
bool IsValidName(std::string_view name);

}  // namespace ucf::connections
