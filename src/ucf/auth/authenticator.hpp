#pragma once
// Turns an Authorization header into a Principal.
//
// "Bearer <admin token>" → admin; "Bearer ucf_<prefix>_<secret>" → the key's tenant, found by
// prefix and compared by SHA-256 in constant time; revoked keys are refused. Validated keys are
// cached for `cache_ttl` so the hot path does not touch the database; Forget() drops a key at
// once (revocation in this process), other instances see a revocation within cache_ttl.
//
// Authenticating never writes to the database (issue 9, hole 4: a look-up must not queue behind
// other writers): the key is looked up in a read transaction, and its use is only noted in
// memory (at most once a minute per key); FlushLastUsed() stores the noted last_used_at values, in one write transaction, when
// the application's housekeeping calls it (every few seconds, and at shutdown). Thread-safe.
//
// last_used_at is written at most once per minute per key. Thread-safe.
//
// Triage() is the cheap look without storage that the header phase uses: a credential that cannot
// be valid is refused, one this process has seen valid (the admin token, a key it created or
// validated and has not seen revoked or fail since) is vouched for, anything else needs a look-up.

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "absl/status/statusor.h"
#include "ucf/auth/principal.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::auth {

// The one Unauthenticated status for every refused credential.
absl::Status Denied();

class Authenticator {
 public:
  // `db` and `clock` must outlive the authenticator.
  Authenticator(storage::Database& db, std::string admin_token, const core::Clock& clock,
                std::chrono::seconds cache_ttl = std::chrono::seconds(10));

  // Unauthenticated (missing, malformed, unknown, wrong or revoked credentials — one message for
  // all, so callers learn nothing about which); Unavailable when the database does not answer.
  absl::StatusOr<Principal> Authenticate(std::string_view authorization_header);

  // The tenant of a tenant key this process has validated before, from memory only (never the
  // database, never blocks on I/O): a hint for placing a request before it is authenticated.
  // nullopt for the admin token and for unknown, malformed or never-validated credentials.
  std::optional<std::string> CachedTenant(std::string_view authorization_header);
  // Like CachedTenant, but only while the validation is fresh (younger than cache_ttl): then
  // Authenticate answers from memory, without storage. For running a request on a network thread.
  std::optional<std::string> FreshTenant(std::string_view authorization_header);

  // Drops the cached validation of `key_id` (call after revoking it).
  void Forget(std::string_view key_id);

  enum class Triage { kRefused, kVouched, kNeedsLookUp };
  // Never touches storage or blocks on it; safe on a network thread.
  Triage Screen(std::string_view authorization_header);

  // Records a key this process just created as valid for `principal` (vouched for from now on).
  void Remember(std::string_view key, const Principal& principal);
  // Vouches for every unrevoked key in storage (at startup, so a restart locks out no valid key);
  // one read transaction. Unavailable when storage does not answer.
  absl::Status Preload();

  // Writes the last-use times noted since the previous flush (keys deleted meanwhile are
  // skipped); returns how many keys it updated. On a database error the times stay noted for the
  // next flush.
  absl::StatusOr<std::int64_t> FlushLastUsed();
  // The last use of `key_id` noted here and not flushed yet, if any.
  std::optional<core::TimePoint> UnflushedLastUse(std::string_view key_id);

 private:
  struct CacheEntry {
    Principal principal;
    core::TimePoint validated_at;
    core::TimePoint noted_at;  // last use noted for the flush (at most once a minute)
  };

  absl::StatusOr<Principal> LookUp(std::string_view key, const std::string& hash);
  // The bearer credential of `header`, or "" when it has none.
  static std::string_view Credential(std::string_view header);

  void NoteUse(const std::string& key_id, core::TimePoint at);  // requires mu_

  storage::Database& db_;
  const std::string admin_token_;
  const core::Clock& clock_;
  const std::chrono::seconds cache_ttl_;
  std::mutex mu_;
  std::unordered_map<std::string, CacheEntry> cache_;  // by key hash; guarded by mu_
  std::map<std::string, core::TimePoint> unflushed_;    // key id → last use; guarded by mu_
};

}  // namespace ucf::auth
