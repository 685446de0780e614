#pragma once
// Deleting a connection without leaving anything alive at the provider (DELETE
// /api/connections/{id}). In order, each provider step best effort:
//   1. its provider webhooks are unregistered (WebhookUnregistrar, i.e. WebhookService::Unregister: provider call, then
//      webhook.unregistered, whose details.provider says whether the provider was reached — a
//      revoked connection cannot reach it); one the provider refused to remove counts as failed;
//   2. when it holds a token, the token is revoked (revocation.hpp: RFC 7009 at the
//      provider when the catalog has a revokeUrl, connection.revoked audited with
//      providerRevocation);
//   3. the connection is deleted locally with everything that hangs on it, and connection.deleted
//      records what happened: details.providerRevocation ("revoked" | "failed" | "not_supported" |
//      "no_token") and details.webhooks {removed, failed}.
// Provider failures never stop the local deletion. Errors: NotFound for a connection that is not
// the tenant's (nothing is called); database errors. Thread-safe; calls providers, so it runs on
// the upstream pool.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/audit/actor.hpp"
#include "ucf/connections/revocation.hpp"
#include "ucf/connections/connection_service.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::connections {

// Removing one provider webhook of a connection, at the provider and then locally (audited
// webhook.unregistered). webhooks::WebhookService implements it; the seam keeps connections/ below
// webhooks/.
class WebhookUnregistrar {
 public:
  virtual ~WebhookUnregistrar() = default;
  virtual absl::Status Unregister(const audit::Actor& actor, std::string_view connector_id,
                                  std::string_view webhook_id) = 0;
};

struct RemovalResult {
  std::string connection_id;
  std::string provider_revocation;  // as details.providerRevocation above
  int webhooks_removed = 0;
  int webhooks_failed = 0;
};

class ConnectionRemoval {
 public:
  // All references must outlive the object.
  ConnectionRemoval(storage::Database& db, ConnectionService& connections, WebhookUnregistrar& webhooks,
                    Revoker& revoker)
      : db_(db), connections_(connections), webhooks_(webhooks), revoker_(revoker) {}

  absl::StatusOr<RemovalResult> Remove(const audit::Actor& actor, std::string_view connection_id);

 private:
  storage::Database& db_;
  ConnectionService& connections_;
  WebhookUnregistrar& webhooks_;
  Revoker& revoker_;
};

}  // namespace ucf::connections
