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

  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
