#pragma once

#include "ucf/storage/audit_log_store.hpp"
#include "ucf/storage/sql/store_context.hpp"

namespace ucf::storage::sql {

class SqlAuditLogStore final : public AuditLogStore {
 public:
  explicit SqlAuditLogStore(StoreContext ctx) : ctx_(ctx) {}

  absl::StatusOr<AuditLogRecord> Append(const AuditLogRecord& entry) override;
  absl::StatusOr<Page<AuditLogRecord>> List(std::string_view tenant_id,
                                            const AuditLogFilter& filter, std::string_view cursor,
                                            int limit) override;

 private:
  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
