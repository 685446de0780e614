#pragma once
// Connections of a tenant to connectors.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/storage/connection_record.hpp"
#include "ucf/storage/page.hpp"
#include "ucf/storage/stored_connection.hpp"

namespace ucf::storage {

struct ConnectionUpsertResult {
  ConnectionRecord connection;
  bool created =
      false;  // false: an existing row with the same (tenant, connector, name) was updated
};

// Optional filters of ConnectionStore::List (unset = any).
struct ConnectionFilter {
  std::optional<std::string> connector_id;
  std::optional<ConnectionStatus> status;
};

// How many connections of one connector are in one status.
struct ConnectionCount {
  std::string connector_id;
  ConnectionStatus status = ConnectionStatus::kPending;
  std::int64_t count = 0;
};

// A partial update: only the fields that are set change; updated_at is always stamped.
struct ConnectionUpdate {
  std::optional<std::string> name;
  std::optional<std::string> auth_method;
  std::optional<ConnectionStatus> status;
  std::optional<boost::json::object> config;
  std::optional<boost::json::object> secret_config;  // replaces the whole secret object
  std::optional<boost::json::object> metadata;
  std::optional<core::TimePoint> last_validated_at;
};

// Bound to one transaction (see Session); not thread-safe. A connection of another tenant behaves
// exactly like a missing one (NotFound).
class ConnectionStore {
 public:
  virtual ~ConnectionStore() = default;

  // Inserts `connection` (an empty id gets a new "con_…" id; created_at/updated_at are stamped).
  // AlreadyExists when (tenant, connector, name) or the id is taken; NotFound when the tenant does
  // not exist.
  virtual absl::StatusOr<ConnectionRecord> Create(const ConnectionRecord& connection) = 0;
  // Inserts, or — when (tenant, connector, name) exists — updates auth_method, status, config,
  // secret_config and metadata of that row, keeping its id and created_at. Safe under concurrency:
  // racing upserts of the same key leave exactly one row, and exactly one of them sees created.
  virtual absl::StatusOr<ConnectionUpsertResult> Upsert(const ConnectionRecord& connection) = 0;
  // NotFound when absent in this tenant.
  virtual absl::StatusOr<ConnectionRecord> Get(std::string_view tenant_id, std::string_view id) = 0;
  // NotFound when absent in this tenant.
  virtual absl::StatusOr<ConnectionRecord> GetByName(std::string_view tenant_id,
                                                     std::string_view connector_id,
                                                     std::string_view name) = 0;
  // Oldest first (created_at, then id), keyset-paginated (see Page).
  virtual absl::StatusOr<Page<ConnectionRecord>> List(std::string_view tenant_id,
                                                      const ConnectionFilter& filter,
                                                      std::string_view cursor, int limit) = 0;
  // The same page as List, rows as stored (StoredConnection): for answers that only copy them out.
  virtual absl::StatusOr<Page<StoredConnection>> ListStored(std::string_view tenant_id,
                                                            const ConnectionFilter& filter,
                                                            std::string_view cursor, int limit) = 0;
  // Connections of this tenant counted per (connector, status), ordered by connector then status
  // name; combinations with no connection are absent. One aggregate query, whatever the count.
  virtual absl::StatusOr<std::vector<ConnectionCount>> CountByConnector(
      std::string_view tenant_id) = 0;
  // Applies `update` and returns the new row. NotFound when absent in this tenant; AlreadyExists
  // when a rename collides with another connection of the same connector.
  virtual absl::StatusOr<ConnectionRecord> Update(std::string_view tenant_id, std::string_view id,
                                                  const ConnectionUpdate& update) = 0;
  // Deletes the connection and (by cascade) its tokens, sync states, jobs, records and webhooks.
  // NotFound when absent in this tenant.
  virtual absl::Status Delete(std::string_view tenant_id, std::string_view id) = 0;
};

}  // namespace ucf::storage
