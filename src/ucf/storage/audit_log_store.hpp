#pragma once
// The append-only audit log.

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"
#include "ucf/storage/audit_log_record.hpp"
#include "ucf/storage/page.hpp"

namespace ucf::storage {

// Optional filters of AuditLogStore::List (unset = any); since is inclusive, until exclusive.
struct AuditLogFilter {
  std::optional<std::string> action;
  std::optional<std::string> target_type;
  std::optional<std::string> target_id;
  std::optional<std::string> actor;
  std::optional<core::TimePoint> since;
  std::optional<core::TimePoint> until;
};

// Bound to one transaction (see Session); not thread-safe. Append the entry in the same
// transaction as the change it describes, so both commit or neither does.
class AuditLogStore {
 public:
  virtual ~AuditLogStore() = default;

  // Appends `entry` (an empty id gets a new "aud_…" id; created_at is stamped). No tenant check:
  // entries outlive what they describe. Returns the stored row.
  virtual absl::StatusOr<AuditLogRecord> Append(const AuditLogRecord& entry) = 0;
  // Newest first (created_at, then id, descending), keyset-paginated (see Page).
  virtual absl::StatusOr<Page<AuditLogRecord>> List(std::string_view tenant_id,
                                                    const AuditLogFilter& filter,
                                                    std::string_view cursor, int limit) = 0;
};

}  // namespace ucf::storage
