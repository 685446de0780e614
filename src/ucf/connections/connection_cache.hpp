#pragma once
// ConnectionCache: opened connection rows (secret_config decrypted) by (tenant, connection id), so
// the hot paths (the passthrough proxy, browse) resolve a connection without a storage read, a
// decryption or a thread hand-off.
//
// Freshness, with several `ucf serve` processes on one database:
// - a row is served from memory for at most `ttl` after it was read (default 1 s): a delete, revoke,
//   status or credential change made by ANOTHER instance takes effect here within `ttl`;
// - a connection write made by THIS instance (any kWrite transaction that wrote a connection or a
//   tenant, seen by WatchConnectionWrites) drops every entry once it committed: it takes effect at
//   once. A read that raced such a write is not cached (generation check), so no stale row
//   outlives the write.
// Only found rows are cached (an unknown id always reads storage). At most `max_entries` rows; when
// full, expired rows are dropped, then everything. The rows hold secrets: never render them.
// Thread-safe.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"
#include "ucf/core/fresh_map.hpp"
#include "ucf/storage/connection_record.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::connections {

struct ConnectionCacheOptions {
  std::chrono::milliseconds ttl{1000};
  std::size_t max_entries = 10'000;
};

class ConnectionCache {
 public:
  using Row = std::shared_ptr<const storage::ConnectionRecord>;

  // `db` and `clock` must outlive the cache.
  ConnectionCache(storage::Database& db, const core::Clock& clock, ConnectionCacheOptions options = {});

  // The row from memory when read less than ttl ago, else from one read transaction (then kept).
  // Errors as ConnectionStore::Get (NotFound for an unknown id or another tenant's).
  absl::StatusOr<Row> Get(std::string_view tenant_id, std::string_view connection_id);

  // The row from memory only, null when absent or with less than `min_left` of its ttl left. Never
  // touches storage: safe on a network thread.
  Row Peek(std::string_view tenant_id, std::string_view connection_id,
           std::chrono::milliseconds min_left = std::chrono::milliseconds(0)) const;

  // Drops every entry (called after this instance committed a connection write).
  void InvalidateAll() { rows_.InvalidateAll(); }

  using Stats = core::FreshMapStats;
  Stats stats() const { return rows_.stats(); }

 private:
  static std::string Key(std::string_view tenant_id, std::string_view connection_id);

  storage::Database& db_;
  core::FreshMap<storage::ConnectionRecord> rows_;
};

}  // namespace ucf::connections
