#include "ucf/api/tenancy_json.hpp"

#include "ucf/core/time_format.hpp"

namespace ucf::api {
namespace {

boost::json::value OptionalTime(const std::optional<core::TimePoint>& t) {
  return t ? boost::json::value(core::FormatRfc3339(*t)) : boost::json::value(nullptr);
}

boost::json::value OptionalString(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

}  // namespace

boost::json::object TenantJson(const storage::TenantRecord& t) {
  return {{"id", t.id}, {"name", t.name}, {"createdAt", core::FormatRfc3339(t.created_at)}};
}

boost::json::object ApiKeyJson(const storage::ApiKeyRecord& k) {
  return {{"id", k.id},
          {"name", k.name},
          {"prefix", k.prefix},
          {"readOnly", k.read_only},
          {"createdAt", core::FormatRfc3339(k.created_at)},
          {"lastUsedAt", OptionalTime(k.last_used_at)},
          {"revokedAt", OptionalTime(k.revoked_at)}};
}

boost::json::object AuditJson(const storage::AuditLogRecord& a) {
  return {{"id", a.id},
          {"tenantId", a.tenant_id},
          {"actor", a.actor},
          {"action", a.action},
          {"targetType", a.target_type},
          {"targetId", a.target_id},
          {"outcome", a.outcome},
          {"requestId", OptionalString(a.request_id)},
          {"clientAddress", OptionalString(a.client_address)},
          {"details", a.details},
          {"createdAt", core::FormatRfc3339(a.created_at)}};
}

}  // namespace ucf::api
