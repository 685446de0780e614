#pragma once
// TokenRefresher: hands out a connection's access token, refreshing it first when it expires
// within the margin (or after the provider rejected it), exactly once per expiry even when many
// threads and several UCF instances race.
//
// How "exactly once" holds:
//   1. in this process, a SingleFlight per connection: one refresh runs, concurrent callers wait
//      for its result;
//   2. across instances, the refresh runs inside one write transaction that first takes
//      Session::LockKey("refresh:<connection>") (PostgreSQL advisory lock; SQLite serialises
//      write transactions anyway), then RE-READS the token: when another instance already
//      refreshed it, that token is returned without calling the provider;
//   3. the new token replaces the old one with CompareAndSwap on the version read under the lock,
//      and a rotated refresh token is persisted in the same transaction, with the audit entry
//      "token.refreshed".
// The provider call happens while the lock is held (bounded by the token endpoint timeout), so
// a second instance waits instead of presenting an already-rotated refresh token.
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

#include "absl/status/statusor.h"
#include "ucf/auth/oauth/oauth_client.hpp"
#include "ucf/core/single_flight.hpp"
#include "ucf/auth/oauth/token_endpoint.hpp"
#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/http/client/http_client.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::connections {

struct TokenRefresherOptions {
  // Refresh when the token expires within this margin.
  std::chrono::seconds refresh_margin{120};
  std::chrono::milliseconds token_timeout{15'000};
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
  absl::StatusOr<AccessToken> RefreshUnderLock(std::string_view tenant_id,
                                               std::string_view connection_id, Mode mode,
                                               std::string_view rejected_access_token);
  bool Expiring(const storage::TokenRecord& token) const;

  storage::Database& db_;
  const core::Clock& clock_;
  const catalog::ProviderCatalog& catalog_;
  auth::oauth::OAuthClientResolver resolver_;
  TokenRefresherOptions options_;
  auth::oauth::TokenEndpoint endpoint_;
  core::SingleFlight<absl::StatusOr<AccessToken>> flights_;
};

}  // namespace ucf::connections
