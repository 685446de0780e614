#include "ucf/auth/tenant_service.hpp"

#include "ucf/audit/audit_entry.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"

namespace ucf::auth {

bool IsValidTenantId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  }
  return true;
}

absl::StatusOr<storage::TenantRecord> TenantService::Create(const audit::Actor& actor,
                                                            std::string_view id,
                                                            std::string_view name) {
  if (!IsValidTenantId(id)) {
    return core::InvalidField("id", "must be 1-64 characters of a-z, 0-9, '-' and '_'");
  }
  if (name.empty() || name.size() > 200) return core::InvalidField("name", "must be 1 to 200 characters");
  storage::TenantRecord created;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(created, s.tenants().Create({std::string(id), std::string(name), {}}));
    audit::Actor in_tenant = actor;
    in_tenant.tenant_id = created.id;
    return s.audit_logs()
        .Append(audit::Entry(in_tenant, "tenant.created", "tenant", created.id,
                             {{"name", created.name}}))
        .status();
  }));
  return created;
}

absl::StatusOr<std::vector<storage::TenantRecord>> TenantService::List() {
  std::vector<storage::TenantRecord> out;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(out, s.tenants().List());
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace ucf::auth
