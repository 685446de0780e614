#pragma once
// The current OAuth / API token of each connection.

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"
#include "ucf/storage/token_record.hpp"

namespace ucf::storage {

// Bound to one transaction (see Session); not thread-safe. A connection of another tenant behaves
// exactly like a missing one (NotFound).
class TokenStore {
 public:
  virtual ~TokenStore() = default;

  // Makes `token` the connection's current token, replacing any earlier one: version becomes the
  // old version + 1 (1 for the first), created_at is stamped, rotated_at is stamped when a token
  // was replaced, an empty id gets a new "tok_…" id. NotFound when the connection does not exist in
  // this tenant. Returns the stored row.
  virtual absl::StatusOr<TokenRecord> Put(const TokenRecord& token) = 0;
  // NotFound when the connection has no token (or does not exist in this tenant).
  virtual absl::StatusOr<TokenRecord> GetCurrent(std::string_view tenant_id,
                                                 std::string_view connection_id) = 0;
  // Like Put, but only when the current token's version is still `expected_version` — the
  // single-flight refresh primitive. Aborted when another writer moved the version; NotFound when
  // there is no current token. Put and CompareAndSwap both end any refresh lease.
  virtual absl::StatusOr<TokenRecord> CompareAndSwap(std::string_view tenant_id,
                                                     std::string_view connection_id,
                                                     std::int64_t expected_version,
                                                     const TokenRecord& next) = 0;
  // The refresh lease: the right to call the provider for this token, outside any transaction,
  // while others wait. Claimed (true) when the current token's version is still
  // `expected_version` and no lease is held, or the held one is `owner`'s or ran out
  // (refresh_lease_until <= now); then it lasts until `until`. false when another owner holds an
  // unexpired lease or the version moved; NotFound when there is no current token.
  virtual absl::StatusOr<bool> ClaimRefreshLease(std::string_view tenant_id,
                                                 std::string_view connection_id,
                                                 std::int64_t expected_version,
                                                 std::string_view owner, core::TimePoint now,
                                                 core::TimePoint until) = 0;
  // Ends `owner`'s lease if it still holds it (a replacement already ended it); never an error
  // when it does not.
  virtual absl::Status ReleaseRefreshLease(std::string_view tenant_id,
                                           std::string_view connection_id,
                                           std::string_view owner) = 0;
  // Deletes the connection's token. NotFound when it has none.
  virtual absl::Status Delete(std::string_view tenant_id, std::string_view connection_id) = 0;
};

}  // namespace ucf::storage
