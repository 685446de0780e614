#pragma once
// Builds audit log entries. Append them in the same transaction as the change they describe.
// `details` must hold no secret.

#include <string_view>

#include "boost/json/object.hpp"
#include "ucf/audit/actor.hpp"
#include "ucf/storage/audit_log_record.hpp"

namespace ucf::audit {

storage::AuditLogRecord Entry(const Actor& actor, std::string_view action,
                              std::string_view target_type, std::string_view target_id,
                              boost::json::object details = {}, bool success = true);

}  // namespace ucf::audit
