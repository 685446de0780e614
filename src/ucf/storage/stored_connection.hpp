#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ucf/storage/connection_status.hpp"

namespace ucf::storage {

// A row of `connections` as stored, for answers that copy rows out unchanged (the connection
// list): the JSON columns and timestamps are the engine's text, not parsed here — whoever writes
// them out checks and normalises them on the way (core/json_text.hpp). Secret values are never
// part of it: only the names of the secret fields.
struct StoredConnection {
  std::string id;
  std::string tenant_id;
  std::string connector_id;
  std::string name;
  std::string auth_method;
  ConnectionStatus status = ConnectionStatus::kPending;
  std::string config_json;    // a JSON object, the engine's rendering
  std::vector<std::string> secret_fields;
  std::string metadata_json;  // a JSON object, the engine's rendering
  std::string created_at;     // RFC 3339, the engine's rendering
  std::string updated_at;
  std::optional<std::string> last_validated_at;
};

}  // namespace ucf::storage
