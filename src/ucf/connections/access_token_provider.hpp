#pragma once
// AccessTokenProvider: the seam between connector calls and OAuth token refresh. The real one
// wraps TokenRefresher (refresher_token_provider.hpp); tests use a fake.
// Implementations are thread-safe. Errors as TokenRefresher documents them (FailedPrecondition
// with details.reason "needs_reauth" when the connection must be reconnected).

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace ucf::connections {

class AccessTokenProvider {
 public:
  virtual ~AccessTokenProvider() = default;
  // SECRET result: the access token to use now (refreshed first when it is about to expire).
  virtual absl::StatusOr<std::string> Current(std::string_view tenant_id,
                                              std::string_view connection_id) = 0;
  // SECRET result: a new token after the provider answered 401 to `rejected`.
  virtual absl::StatusOr<std::string> AfterRejected(std::string_view tenant_id,
                                                    std::string_view connection_id,
                                                    std::string_view rejected) = 0;
};

}  // namespace ucf::connections
