#pragma once
// Service API keys (hash + prefix only).

#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"
#include "ucf/storage/api_key_record.hpp"

namespace ucf::storage {

// Bound to one transaction (see Session); not thread-safe.
class ApiKeyStore {
 public:
  virtual ~ApiKeyStore() = default;

  // Inserts `key` (an empty id gets a new "key_…" id; created_at is stamped; last_used_at and
  // revoked_at start empty). AlreadyExists when the id or the prefix is taken; NotFound when the
  // tenant does not exist. Returns the stored row.
  virtual absl::StatusOr<ApiKeyRecord> Create(const ApiKeyRecord& key) = 0;
  // The key with this prefix in ANY tenant, revoked or not: this is the authentication lookup, the
  // caller compares key_hash in constant time and checks revoked_at. NotFound when none.
  virtual absl::StatusOr<ApiKeyRecord> FindByPrefix(std::string_view prefix) = 0;
  // NotFound when the key does not exist in this tenant.
  virtual absl::StatusOr<ApiKeyRecord> Get(std::string_view tenant_id, std::string_view id) = 0;
  // The tenant's keys (revoked included), oldest first.
  virtual absl::StatusOr<std::vector<ApiKeyRecord>> List(std::string_view tenant_id) = 0;
  // Stamps revoked_at (kept from the first call when revoked twice) and returns the row. NotFound
  // when the key does not exist in this tenant.
  virtual absl::StatusOr<ApiKeyRecord> Revoke(std::string_view tenant_id, std::string_view id) = 0;
  // Sets last_used_at = `at` (no tenant: called by authentication). NotFound when no such key.
  virtual absl::Status TouchLastUsed(std::string_view id, core::TimePoint at) = 0;
};

}  // namespace ucf::storage
