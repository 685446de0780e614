#include "ucf/audit/audit_entry.hpp"

namespace ucf::audit {

storage::AuditLogRecord Entry(const Actor& actor, std::string_view action,
                              std::string_view target_type, std::string_view target_id,
                              boost::json::object details, bool success) {
  storage::AuditLogRecord r;
  r.tenant_id = actor.tenant_id;
  r.actor = actor.actor;
  r.action = std::string(action);
  r.target_type = std::string(target_type);
  r.target_id = std::string(target_id);
  r.outcome = success ? "success" : "failure";
  if (!actor.request_id.empty()) r.request_id = actor.request_id;
  if (!actor.client_address.empty()) r.client_address = actor.client_address;
  r.details = std::move(details);
  return r;
}

}  // namespace ucf::audit
