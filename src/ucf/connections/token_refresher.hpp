#pragma once
// TokenRefresher: hands out a connection's access token, refreshing it first when it expires
// within the margin (or after the provider rejected it), exactly once per expiry even when many
// threads and several UCF instances race.
//
// When a token counts as expiring: it expires within min(refresh_margin, lifetime / 2), where
// lifetime = expires_at - created_at (when it was obtained). A provider issuing 30 s tokens is
// therefore refreshed 15 s before expiry, once, instead of on every call (issue 9, hole 3).
//
// How "exactly once" holds, with no database connection held while the provider is called
// (issue 9, hole 4: a stalled token endpoint must not stall other tenants' writes):
//   1. in this process, a SingleFlight per connection: one refresh runs, concurrent callers wait
//      for its result (on a future, holding no connection);
//   2. across instances, a refresh lease on the token row: a short write transaction, under
//      Session::LockKey(RefreshLockKey(connection)), re-reads the connection and token, returns
//      the token when someone already refreshed it, and otherwise claims the lease
//      (TokenStore::ClaimRefreshLease, for `lease` time); the provider is called after that
//      transaction committed; an instance that finds the lease held by another polls the row with
//      backoff (WaitWhileLeased) until the token changes or the lease ends, then re-checks;
//   3. the result is stored in a second short transaction with CompareAndSwap on the version read
//      in step 2 (which also ends the lease), with a rotated refresh token, changed extras and the
//      audit entry "token.refreshed". A failed call releases the lease.
// The lease outlasts the provider call (token_timeout) by a wide margin, so a second instance
// never presents a refresh token the first one already had rotated.
//
// A refresh token the provider rejects with invalid_grant (or a dead token without a refresh
// token) sets the connection to needs_reauth and appends "token.refresh_failed" (committed), and
// callers get FailedPrecondition "connection <id> needs to be reconnected: …; reconnect it"
// (details {"reason": "needs_reauth", "connectionId"}). Transient failures (provider down,
// timeout, 5xx) change nothing and are returned as they are (Unavailable, DeadlineExceeded, …).
//
// Thread-safe.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ucf/observability/metrics.hpp"
#include "absl/status/statusor.h"
#include "ucf/connections/lease_wait.hpp"
#include "ucf/auth/oauth/oauth_client.hpp"
#include "ucf/core/single_flight.hpp"
#include "ucf/auth/oauth/token_endpoint.hpp"
#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/http/client/http_client.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::connections {

struct TokenRefresherOptions {
  // Refresh when the token expires within this margin (at most half the token's lifetime).
  std::chrono::seconds refresh_margin{120};
  std::chrono::milliseconds token_timeout{15'000};
  // How long a refresh lease lasts: longer than the provider call can take, retries included
  // (the retrying client repeats a token request after 429/503 up to 4 times, with at most 30 s
  // of waits), plus time to store the result. 0 means 4 × token_timeout + 60 s.
  std::chrono::milliseconds lease{0};
  // How callers of another instance wait for a lease to end (polling the row, no connection held).
  LeaseWaitOptions wait;
  // When set: ucf_token_refreshes_total{outcome: ok | failed} per call to the token endpoint.
  observability::MetricsRegistry* metrics = nullptr;
};

// A usable access token. Holds a secret: never log or render it.
struct AccessToken {
  std::string access_token;  // SECRET
  std::string token_type = "Bearer";
  std::optional<core::TimePoint> expires_at;
  std::int64_t version = 0;  // the token row's version
  bool refreshed = false;    // this call (or the refresh it waited for) replaced the token
};

class TokenRefresher {
 public:
  // All references must outlive the refresher.
  TokenRefresher(storage::Database& db, http::HttpClient& http, const core::Clock& clock,
                 const catalog::ProviderCatalog& catalog, auth::oauth::OAuthClientResolver resolver,
                 TokenRefresherOptions options = {});

  // The current access token, refreshed first when it expires within the margin. A token
  // without expiry is returned as it is. Errors:
  //   NotFound            the connection does not exist in this tenant, or has no token
  //   FailedPrecondition  the connection is needs_reauth or revoked, or becomes needs_reauth now
  //                       (see above); no OAuth client configured
  //   InvalidArgument     the provider rejected the refresh for another OAuth reason
  //   Unavailable, DeadlineExceeded, ResourceExhausted, Aborted  transient; retry later
  absl::StatusOr<AccessToken> GetFreshAccessToken(std::string_view tenant_id,
                                                  std::string_view connection_id);

  // After the provider answered 401 to `rejected_access_token`: refreshes unless the stored token
  // already differs from it (someone refreshed meanwhile; that token is returned). Same errors.
  absl::StatusOr<AccessToken> ForceRefresh(std::string_view tenant_id,
                                           std::string_view connection_id,
                                           std::string_view rejected_access_token);

 private:
  enum class Mode { kIfExpiring, kForce };
  struct Claim;
  absl::StatusOr<AccessToken> Refresh(std::string_view tenant_id, std::string_view connection_id,
                                      Mode mode, std::string_view rejected_access_token);
  absl::StatusOr<Claim> ClaimOrDecide(std::string_view tenant_id, std::string_view connection_id,
                                      Mode mode, std::string_view rejected_access_token);
  absl::Status WaitForOtherInstance(std::string_view tenant_id, std::string_view connection_id,
                                    std::int64_t version);
  absl::StatusOr<std::optional<AccessToken>> CallProviderAndStore(const Claim& claim, Mode mode);
  bool Expiring(const storage::TokenRecord& token) const;

  storage::Database& db_;
  const core::Clock& clock_;
  const catalog::ProviderCatalog& catalog_;
  auth::oauth::OAuthClientResolver resolver_;
  TokenRefresherOptions options_;
  std::chrono::milliseconds lease_;
  auth::oauth::TokenEndpoint endpoint_;
  core::SingleFlight<absl::StatusOr<AccessToken>> flights_;
  observability::CounterFamily* refreshes_ = nullptr;
};

}  // namespace ucf::connections
