#pragma once
// Provider webhooks of connections: register and remove them through the connector (Jira's REST
// dynamic webhooks), keep them alive before the provider expires them (Jira: 30 days), and accept
// inbound deliveries only with a valid signature (webhook_signature.hpp).
//
// Audit (in the transaction that stores the change): webhook.registered, webhook.unregistered,
// webhook.refreshed / webhook.refresh_failed (actor system for the keep-alive job), and
// webhook.received for every verified inbound delivery (details: event, issue key / page id,
// provider webhook ids — never the payload). Thread-safe.

#include <chrono>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/audit/actor.hpp"
#include "ucf/auth/oauth/oauth_client.hpp"
#include "ucf/connections/connection_removal.hpp"
#include "ucf/webhooks/webhook_replay_cache.hpp"
#include "ucf/connections/connector_manager.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/http/headers.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/storage/webhook_record.hpp"

namespace ucf::webhooks {

struct WebhookRegistrationRequest {
  std::string connection_id;
  std::string callback_url;          // where the provider posts (absolute http(s) URL)
  std::vector<std::string> events;   // empty → the connector's default
  std::string filter;                // Jira JQL filter; empty → the connector's default
};

struct InboundDelivery {
  std::string connector_id;
  std::string connection_id;
  std::string method;  // the inbound request's method and raw target ("/webhooks/…?…"): the
  std::string target;  // JWT's qsh is checked against them
  http::Headers headers;
  std::string body;
  std::string request_id;
  std::string client_address;
};

struct InboundResult {
  std::string tenant_id;
  std::string event;   // e.g. "jira:issue_created"
  std::string scheme;  // "jwt" or "hub-signature"
};

class WebhookService : public connections::WebhookUnregistrar {
 public:
  // All references must outlive the service.
  WebhookService(storage::Database& db, const connections::ConnectorManager& manager,
                 const catalog::ProviderCatalog& catalog,
                 auth::oauth::OAuthClientResolver oauth_clients, const core::Clock& clock,
                 connections::CallLimits refresh_limits = {});

  // NotFound when the connection is not this tenant's or not of `connector_id`; the connector's
  // errors (Unimplemented when it has no webhooks, PermissionDenied for missing scopes, …).
  absl::StatusOr<storage::WebhookRecord> Register(const audit::Actor& actor, std::string_view connector_id,
                                                  const WebhookRegistrationRequest& request);
  absl::Status Unregister(const audit::Actor& actor, std::string_view connector_id,
                          std::string_view webhook_id) override;
  absl::StatusOr<std::vector<storage::WebhookRecord>> List(std::string_view tenant_id,
                                                           std::string_view connector_id);

  // Extends the webhooks (all tenants) expiring within `horizon` (WebhookStore::ListDue: not
  // backing off, connection not revoked), in bounded batches ordered by next attempt; returns how
  // many were refreshed. Failures are audited per webhook, back it off (15 min doubling to a day,
  // reset by a success) and do not stop the others. Provider calls run under `refresh_limits`.
  absl::StatusOr<int> RefreshDue(std::chrono::hours horizon);
  // Extends the tenant's webhooks of `connector_id` now, whatever their expiry; stops at the first
  // provider failure (audited) and returns it.
  absl::StatusOr<std::vector<storage::WebhookRecord>> RefreshAll(const audit::Actor& actor,
                                                                 std::string_view connector_id);

  // NotFound when no webhook is registered for the connection; Unauthenticated when no scheme
  // verifies the delivery (nothing recorded). A JWT must be signed with the OAuth app's client
  // secret, carry exp and iat (60 s clock skew, at most one hour of validity), name the app's
  // client id as `iss`, match this request's qsh when it has one (webhook_signature.hpp), and be
  // new: a token seen before within its validity is refused as replayed (webhook_replay_cache.hpp:
  // in memory, per process).
  absl::StatusOr<InboundResult> Receive(const InboundDelivery& delivery);

 private:
  // Refreshes one webhook and audits the outcome; returns the provider's error when it failed.
  absl::Status RefreshOne(const audit::Actor& actor, const storage::WebhookRecord& webhook);

  storage::Database& db_;
  const connections::ConnectorManager& manager_;
  const catalog::ProviderCatalog& catalog_;
  auth::oauth::OAuthClientResolver oauth_clients_;
  const core::Clock& clock_;
  const connections::CallLimits refresh_limits_;
  WebhookReplayCache replayed_;
};

}  // namespace ucf::webhooks
