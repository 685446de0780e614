#pragma once
// The local copy of synced provider objects, and its change feed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "ucf/core/clock.hpp"
#include "ucf/storage/synced_record.hpp"

namespace ucf::storage {

struct UpsertBatchResult {
  std::int64_t changed = 0;    // new, hash changed, or a deleted record came back: new seq
  std::int64_t unchanged = 0;  // same hash: only seen_at moved, seq kept
};

// Optional filters of RecordStore::ListChanges.
struct RecordFilter {
  std::optional<std::string> model;
  std::optional<core::TimePoint> modified_after;  // provider updated_at >= this
};

struct RecordChanges {
  std::vector<SyncedRecord> items;  // ascending seq
  std::int64_t last_seq = 0;  // resume point: pass as after_seq next time (= after_seq when empty)
  bool has_more = false;
};

// Bound to one transaction (see Session); not thread-safe. A connection of another tenant behaves
// exactly like a missing one (NotFound).
class RecordStore {
 public:
  virtual ~RecordStore() = default;

  // Upserts `records` of one connection (their tenant_id/connection_id/seen_at/deleted/seq fields
  // are ignored); seen_at is stamped. A record whose hash is unchanged keeps its seq. Writers of
  // the same connection are serialised for the rest of the transaction, so seq order is commit
  // order. NotFound when the connection does not exist in this tenant.
  virtual absl::StatusOr<UpsertBatchResult> UpsertBatch(std::string_view tenant_id,
                                                        std::string_view connection_id,
                                                        absl::Span<const SyncedRecord> records) = 0;
  // The connection's newest seq (0 before the first record): pass it as after_seq to read only
  // what changes from now on.
  virtual absl::StatusOr<std::int64_t> LastSeq(std::string_view tenant_id,
                                               std::string_view connection_id) = 0;
  // NotFound when absent (deleted records are returned, with deleted = true).
  virtual absl::StatusOr<SyncedRecord> Get(std::string_view tenant_id,
                                           std::string_view connection_id, std::string_view model,
                                           std::string_view external_id) = 0;
  // Records with seq > after_seq, ascending, at most `limit` (clamped to 1..kMaxPageSize).
  virtual absl::StatusOr<RecordChanges> ListChanges(std::string_view tenant_id,
                                                    std::string_view connection_id,
                                                    const RecordFilter& filter,
                                                    std::int64_t after_seq, int limit) = 0;
  // Marks the named records deleted (a change: new seq). Unknown or already deleted ids are
  // skipped. Returns how many changed.
  virtual absl::StatusOr<std::int64_t> MarkDeleted(std::string_view tenant_id,
                                                   std::string_view connection_id,
                                                   std::string_view model,
                                                   absl::Span<const std::string> external_ids) = 0;
  // Marks deleted every live record of the model not seen since `seen_before` (after a full sync).
  // Returns how many changed.
  virtual absl::StatusOr<std::int64_t> MarkUnseenDeleted(std::string_view tenant_id,
                                                         std::string_view connection_id,
                                                         std::string_view model,
                                                         core::TimePoint seen_before) = 0;
};

}  // namespace ucf::storage
