#pragma once
// JSON renderings of tenancy records (never any secret: api keys render without hash).

#include "boost/json/object.hpp"
#include "ucf/storage/api_key_record.hpp"
#include "ucf/storage/audit_log_record.hpp"
#include "ucf/storage/tenant_record.hpp"

namespace ucf::api {

boost::json::object TenantJson(const storage::TenantRecord& t);
boost::json::object ApiKeyJson(const storage::ApiKeyRecord& k);
boost::json::object AuditJson(const storage::AuditLogRecord& a);

}  // namespace ucf::api
