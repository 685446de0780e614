#pragma once

#include "ucf/storage/record_store.hpp"
#include "ucf/storage/sql/store_context.hpp"

namespace ucf::storage::sql {

class SqlRecordStore final : public RecordStore {
 public:
  explicit SqlRecordStore(StoreContext ctx) : ctx_(ctx) {}

  absl::StatusOr<UpsertBatchResult> UpsertBatch(std::string_view tenant_id,
                                                std::string_view connection_id,
                                                absl::Span<const SyncedRecord> records) override;
  absl::StatusOr<std::int64_t> LastSeq(std::string_view tenant_id,
                                       std::string_view connection_id) override;
  absl::StatusOr<SyncedRecord> Get(std::string_view tenant_id, std::string_view connection_id,
                                   std::string_view model, std::string_view external_id) override;
  absl::StatusOr<RecordChanges> ListChanges(std::string_view tenant_id,
                                            std::string_view connection_id,
                                            const RecordFilter& filter, std::int64_t after_seq,
                                            int limit) override;
  absl::StatusOr<std::int64_t> MarkDeleted(std::string_view tenant_id,
                                           std::string_view connection_id, std::string_view model,
                                           absl::Span<const std::string> external_ids) override;
  absl::StatusOr<std::int64_t> MarkUnseenDeleted(std::string_view tenant_id,
                                                 std::string_view connection_id,
                                                 std::string_view model,
                                                 core::TimePoint seen_before) override;

 private:
  // Serialises the connection's writers for the rest of the transaction, then returns its
  // highest seq. NotFound when the connection does not exist in this tenant.
  absl::StatusOr<std::int64_t> BeginChanges(std::string_view tenant_id,
                                            std::string_view connection_id);

  // One UpsertBatch chunk (records of one model): reads the stored hashes in one statement,
  // writes the changed records in one multi-row upsert and moves seen_at of the unchanged ones in
  // one UPDATE. `seq` is the connection's highest seq, advanced per change.
  absl::Status UpsertChunk(std::string_view tenant_id, std::string_view connection_id,
                           absl::Span<const SyncedRecord> chunk, core::TimePoint now,
                           std::int64_t& seq, UpsertBatchResult& result);

  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
