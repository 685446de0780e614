#pragma once
// Revoking a connection: tell the provider (RFC 7009, when its catalog entry has a revokeUrl),
// then locally delete the stored token, wipe the secret config and set the status "revoked", with
// the audit entry "connection.revoked".
//
// Three steps, so no database lock is held while the provider is called:
//   1. one transaction under the connection's refresh lock: status "revoked", secret config
//      wiped; from then on the token refresher refuses the connection (it re-checks the status
//      under the same lock), so no refresh can store a new token behind the revocation. When a
//      refresh holds the token's lease (its provider call is in flight, see token_refresher.hpp),
//      this step first waits for it to end (polling, no transaction open; at most a refresh
//      lease, 4 × the endpoint timeout + 65 s), so the token revoked in step 2 is the one that
//      refresh stored;
//   2. the provider calls, outside any transaction;
//   3. one transaction under the lock: the token read in step 1 is deleted (unless the connection
//      was reconnected meanwhile) and the audit entry appended.
// When step 3 fails the connection stays revoked with its token still stored; revoking again
// finishes the job.
//
// The provider call is best effort: when it fails (or the provider has no endpoint) the local
// revocation still happens and the audit details say so:
//   details.providerRevocation = "revoked" | "failed" | "not_supported" | "no_token"
//   details.providerError      = the provider's (scrubbed) message when "failed"
// The refresh token is revoked first (token_type_hint=refresh_token; RFC 7009 §2.1 says the
// server should then drop the grant's access tokens too), then the access token.
//
// Thread-safe.

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/audit/actor.hpp"
#include "ucf/connections/lease_wait.hpp"
#include "ucf/auth/oauth/oauth_client.hpp"
#include "ucf/auth/oauth/token_endpoint.hpp"
#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/http/client/http_client.hpp"
#include "ucf/storage/connection_record.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/storage/token_record.hpp"

namespace ucf::connections {

struct RevocationResult {
  storage::ConnectionRecord connection;  // status "revoked"
  std::string provider_revocation;       // as details.providerRevocation above
  std::string provider_error;            // empty unless provider_revocation == "failed"
};

class Revoker {
 public:
  // All references must outlive the revoker.
  Revoker(storage::Database& db, http::HttpClient& http, const core::Clock& clock,
          const catalog::ProviderCatalog& catalog, auth::oauth::OAuthClientResolver resolver,
          std::chrono::milliseconds timeout = std::chrono::seconds(15));

  // Revokes connection `connection_id` of actor.tenant_id; `reason` (optional, ≤ 500 bytes kept)
  // goes into the audit details. Revoking a revoked connection is allowed (and audited again).
  // Errors: NotFound when the connection is not the tenant's; database errors. Provider failures
  // are never errors here.
  absl::StatusOr<RevocationResult> Revoke(const audit::Actor& actor, std::string_view connection_id,
                                          std::string_view reason);

 private:
  bool LeaseHeld(const storage::TokenRecord& token) const;

  storage::Database& db_;
  const core::Clock& clock_;
  const catalog::ProviderCatalog& catalog_;
  auth::oauth::OAuthClientResolver resolver_;
  auth::oauth::TokenEndpoint endpoint_;
  LeaseWaitOptions wait_;
};

}  // namespace ucf::connections
