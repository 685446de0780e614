#pragma once

#include "ucf/storage/sql/store_context.hpp"
#include "ucf/storage/tenant_store.hpp"

namespace ucf::storage::sql {

class SqlTenantStore final : public TenantStore {
 public:
  explicit SqlTenantStore(StoreContext ctx) : ctx_(ctx) {}

  absl::StatusOr<TenantRecord> Create(const TenantRecord& tenant) override;
  absl::StatusOr<TenantRecord> Get(std::string_view id) override;
  absl::StatusOr<std::vector<TenantRecord>> List() override;

 private:
  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
