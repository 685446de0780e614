#pragma once
// Tenants: the owners of every other row.

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/storage/tenant_record.hpp"

namespace ucf::storage {

// Bound to one transaction (see Session); not thread-safe.
class TenantStore {
 public:
  virtual ~TenantStore() = default;

  // Inserts `tenant`; created_at is stamped from the database clock. AlreadyExists when the id is
  // taken. Returns the stored row.
  virtual absl::StatusOr<TenantRecord> Create(const TenantRecord& tenant) = 0;
  // NotFound when no tenant has this id.
  virtual absl::StatusOr<TenantRecord> Get(std::string_view id) = 0;
  // Every tenant, ordered by id.
  virtual absl::StatusOr<std::vector<TenantRecord>> List() = 0;
};

}  // namespace ucf::storage
