#pragma once
// ConnectorManager: from a tenant's connection to a ready-to-call connector — the Connector of its
// connector id plus the connection's Session (connectors/session.hpp), of the kind the connector
// declares (ConnectorDescription::session):
//   HTTP  an ApiClient carrying the connection's base URL and credentials (OAuth access tokens
//         come fresh from the AccessTokenProvider on each call);
//   SQL   a SqlSession holding the connection's config with its sealed fields opened and the
//         database address policy (database_host_check.hpp; private networks only when
//         `allow_private_databases`, UCF_ALLOW_PRIVATE_DATABASES).
//
// Base URL: CredentialDestination (credential_destination.hpp) — for oauth2 the catalog template
// with the values stored at connect time, for typed-in credentials the site they were given for.
// Credentials: oauth2 → bearer from the provider; otherwise the connector's first declared secret
// field in secret_config (apiKey or an alias), sent as Basic email:secret when its declared email
// field is set in config, else as Bearer secret.
//
// Errors: NotFound (unknown connection in this tenant, or a connector id with no connector);
// FailedPrecondition with details.reason "revoked" / "needs_reauth" / "not_connected" when the
// connection cannot be used, naming what to do; FailedPrecondition "misconfigured" when the base URL
// or secret is missing. Thread-safe.

#include <memory>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/connections/access_token_provider.hpp"
#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/connections/connection_api_client.hpp"
#include "ucf/connections/connection_cache.hpp"
#include "ucf/connectors/connector.hpp"
#include "ucf/connectors/registry.hpp"
#include "ucf/http/client/concurrency_limiter.hpp"
#include "ucf/http/client/http_client.hpp"
#include "ucf/storage/connection_record.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::connections {

struct ResolvedConnection {
  storage::ConnectionRecord connection;  // holds secrets in secret_config: never render it
  const connectors::Connector* connector = nullptr;
  std::unique_ptr<connectors::Session> session;
};

// What a call that bypasses the connector needs (the passthrough proxy): where credentials may go
// and how to make them, and one unit of the connection's quota.
struct DirectTarget {
  std::string connector_id;
  ApiTarget target;             // base_url: the only origin the call may reach
  CredentialHeader credentials;
  // One of the connection's in-flight permits (the quota browse and sync share: key
  // "connection:<id>"), held until the caller drops it; null without a limiter.
  std::shared_ptr<http::ConcurrencyLimiter::Permit> permit;
};

class ConnectorManager {
 public:
  // All references must outlive the manager. `limiter` (optional) caps each connection's
  // in-flight provider calls at `max_in_flight`. `cache` (optional) serves the rows Resolve and
  // ResolveDirect read (connection_cache.hpp: a change made by another instance takes effect
  // within its ttl); without it every call reads storage. ResolveForCheck always reads storage.
  ConnectorManager(storage::Database& db, const connectors::ConnectorRegistry& registry,
                   const catalog::ProviderCatalog& catalog, http::HttpClient& http,
                   AccessTokenProvider& tokens, http::ConcurrencyLimiter* limiter = nullptr,
                   int max_in_flight = 8, bool allow_private_databases = false,
                   ConnectionCache* cache = nullptr);

  // NotFound "unknown connector: <id>".
  absl::StatusOr<const connectors::Connector*> Find(std::string_view connector_id) const;

  // `limits` apply to every call of the returned client (CallLimits in connection_api_client.hpp).
  absl::StatusOr<ResolvedConnection> Resolve(std::string_view tenant_id, std::string_view connection_id,
                                             const CallLimits& limits = {}) const;
  // Like Resolve, but a pending connection with typed-in credentials (given again after a site
  // change, or stored by POST /api/connections) resolves too: for the provider check that makes
  // it usable (CredentialOnboarding::Validate), never for anything else.
  absl::StatusOr<ResolvedConnection> ResolveForCheck(std::string_view tenant_id,
                                                     std::string_view connection_id,
                                                     const CallLimits& limits = {}) const;

  // The Session for `connection` as it is (also for a record not saved yet, to check
  // credentials before storing them). Status checks are the caller's.
  absl::StatusOr<std::unique_ptr<connectors::Session>> SessionFor(
      const connectors::Connector& connector, const storage::ConnectionRecord& connection,
      const CallLimits& limits = {}) const;

  // A usable connection's destination, credentials and a quota permit (ResourceExhausted, 429,
  // when the connection is at its limit). Errors as Resolve.
  absl::StatusOr<DirectTarget> ResolveDirect(std::string_view tenant_id, std::string_view connection_id) const;
  // True when ResolveDirect would answer from memory: the connection's row is in the cache with at
  // least 100 ms of its ttl left, and its credentials are static (not OAuth tokens, whose refresh
  // may wait). Never touches storage or the network: safe on a network thread.
  bool DirectInMemory(std::string_view tenant_id, std::string_view connection_id) const;

  // The provider's display name (catalog, else the connector's).
  std::string ProviderName(const connectors::Connector& connector) const;

  // The connector's provider catalog entry (auth methods, OAuth facts), null when the catalog has
  // none.
  const catalog::ProviderSpec* SpecOf(const connectors::Connector& connector) const;

  // The auth methods the catalog allows for `connector` (empty when it has no catalog entry).
  const std::vector<std::string>& AuthMethods(const connectors::Connector& connector) const;

  const connectors::ConnectorRegistry& registry() const { return registry_; }

 private:
  absl::StatusOr<std::pair<ApiTarget, ApiCredentials>> TargetFor(
      const connectors::Connector& connector, const storage::ConnectionRecord& connection) const;
  // The connection's row: the cache's, or one read transaction.
  absl::StatusOr<ConnectionCache::Row> ReadRow(std::string_view tenant_id, std::string_view connection_id) const;
  absl::StatusOr<DirectTarget> DirectFrom(const storage::ConnectionRecord& connection) const;
  absl::StatusOr<ResolvedConnection> ResolveIn(std::string_view tenant_id, std::string_view connection_id,
                                               bool for_check, const CallLimits& limits) const;

  storage::Database& db_;
  const connectors::ConnectorRegistry& registry_;
  const catalog::ProviderCatalog& catalog_;
  http::HttpClient& http_;
  AccessTokenProvider& tokens_;
  http::ConcurrencyLimiter* limiter_;
  int max_in_flight_;
  bool allow_private_databases_;
  ConnectionCache* cache_;
};

}  // namespace ucf::connections
