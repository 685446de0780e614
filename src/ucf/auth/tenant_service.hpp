#pragma once
// Tenants (admin only): create and list. Creation is audited in the same transaction.

#include <vector>

#include "absl/status/statusor.h"
#include "ucf/audit/actor.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/storage/tenant_record.hpp"

namespace ucf::auth {

// A tenant id is a slug: 1–64 characters of a-z, 0-9, '-' and '_'.
bool IsValidTenantId(std::string_view id);

class TenantService {
 public:
  explicit TenantService(storage::Database& db) : db_(db) {}

  // InvalidArgument naming the field for a bad id or name; AlreadyExists for a taken id.
  absl::StatusOr<storage::TenantRecord> Create(const audit::Actor& actor, std::string_view id,
                                               std::string_view name);
  absl::StatusOr<std::vector<storage::TenantRecord>> List();

 private:
  storage::Database& db_;
};

}  // namespace ucf::auth
