#pragma once

#include <optional>
#include <string>

#include "boost/json/object.hpp"
#include "ucf/core/clock.hpp"

namespace ucf::storage {

// One audit entry. `details` must hold no secret (it is stored and returned as is).
struct AuditLogRecord {
  std::string id;
  std::string tenant_id;
  std::string actor;        // an API key id, "admin" or "system"
  std::string action;       // e.g. "connection.created"
  std::string target_type;  // e.g. "connection"
  std::string target_id;
  std::string outcome = "success";  // "success" | "failure"
  std::optional<std::string> request_id;
  std::optional<std::string> client_address;
  boost::json::object details;
  core::TimePoint created_at;
};

}  // namespace ucf::storage
