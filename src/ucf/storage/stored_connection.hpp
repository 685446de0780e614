#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/types/span.h"

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

// The same row as views into the engine's buffers (ConnectionStore::VisitStored): valid only
// during the visitor's call; nothing is copied out of the result set.
struct StoredConnectionView {
  std::string_view id;
  std::string_view tenant_id;
  std::string_view connector_id;
  std::string_view name;
  std::string_view auth_method;
  ConnectionStatus status = ConnectionStatus::kPending;
  std::string_view config_json;
  absl::Span<const std::string> secret_fields;
  std::string_view metadata_json;
  std::string_view created_at;
  std::string_view updated_at;
  std::optional<std::string_view> last_validated_at;

  StoredConnection Copy() const {
    StoredConnection c;
    c.id = id;
    c.tenant_id = tenant_id;
    c.connector_id = connector_id;
    c.name = name;
    c.auth_method = auth_method;
    c.status = status;
    c.config_json = config_json;
    c.secret_fields.assign(secret_fields.begin(), secret_fields.end());
    c.metadata_json = metadata_json;
    c.created_at = created_at;
    c.updated_at = updated_at;
    if (last_validated_at) c.last_validated_at = std::string(*last_validated_at);
    return c;
  }
};

// A view of an owned row (valid while `c` lives and is unchanged).
inline StoredConnectionView ViewOf(const StoredConnection& c) {
  StoredConnectionView v;
  v.id = c.id;
  v.tenant_id = c.tenant_id;
  v.connector_id = c.connector_id;
  v.name = c.name;
  v.auth_method = c.auth_method;
  v.status = c.status;
  v.config_json = c.config_json;
  v.secret_fields = c.secret_fields;
  v.metadata_json = c.metadata_json;
  v.created_at = c.created_at;
  v.updated_at = c.updated_at;
  if (c.last_validated_at) v.last_validated_at = *c.last_validated_at;
  return v;
}

}  // namespace ucf::storage
