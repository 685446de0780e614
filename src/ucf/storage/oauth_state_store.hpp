#pragma once
// Single-use OAuth states (CSRF protection + the server-side PKCE verifier).

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"
#include "ucf/storage/oauth_state_record.hpp"

namespace ucf::storage {

// Bound to one transaction (see Session); not thread-safe.
class OAuthStateStore {
 public:
  virtual ~OAuthStateStore() = default;

  // Inserts `state` (created_at is stamped; expires_at is the caller's). AlreadyExists when the
  // hash is taken; NotFound when the tenant does not exist.
  virtual absl::StatusOr<OAuthStateRecord> Create(const OAuthStateRecord& state) = 0;
  // Deletes the state and returns it: each state can be consumed once. No tenant filter (the
  // browser redirect carries none): the caller compares tenant_id and connector_id itself.
  // NotFound when unknown or already consumed, and also when expired (expires_at <= now) — the
  // expired row is deleted as well. As with every write, the deletion is undone when the
  // transaction rolls back.
  virtual absl::StatusOr<OAuthStateRecord> Consume(std::string_view state_hash,
                                                   core::TimePoint now) = 0;
  // Deletes every state with expires_at <= now; returns how many.
  virtual absl::StatusOr<std::int64_t> PurgeExpired(core::TimePoint now) = 0;
};

}  // namespace ucf::storage
