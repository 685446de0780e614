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

class Authenticator {
 public:
  // `db` and `clock` must outlive the authenticator.
  Authenticator(storage::Database& db, std::string admin_token, const core::Clock& clock,
                std::chrono::seconds cache_ttl = std::chrono::seconds(10));

  // Unauthenticated (missing, malformed, unknown, wrong or revoked credentials — one message for
  // all, so callers learn nothing about which); Unavailable when the database does not answer.
  absl::StatusOr<Principal> Authenticate(std::string_view authorization_header);

  // Drops the cached validation of `key_id` (call after revoking it).
  void Forget(std::string_view key_id);

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
