#pragma once

#include <optional>
#include <string>

#include "ucf/storage/connection_store.hpp"
#include "ucf/storage/sql/store_context.hpp"

namespace ucf::storage::sql {

class SqlConnectionStore final : public ConnectionStore {
 public:
  explicit SqlConnectionStore(StoreContext ctx) : ctx_(ctx) {}

  absl::StatusOr<ConnectionRecord> Create(const ConnectionRecord& connection) override;
  absl::StatusOr<ConnectionUpsertResult> Upsert(const ConnectionRecord& connection) override;
  absl::StatusOr<ConnectionRecord> Get(std::string_view tenant_id, std::string_view id) override;
  absl::StatusOr<ConnectionRecord> GetByName(std::string_view tenant_id,
                                             std::string_view connector_id,
                                             std::string_view name) override;
  absl::StatusOr<Page<ConnectionRecord>> List(std::string_view tenant_id,
                                              const ConnectionFilter& filter,
                                              std::string_view cursor, int limit) override;
  absl::StatusOr<Page<StoredConnection>> ListStored(std::string_view tenant_id,
                                                    const ConnectionFilter& filter,
                                                    std::string_view cursor, int limit) override;
  absl::StatusOr<std::vector<ConnectionCount>> CountByConnector(
      std::string_view tenant_id) override;
  absl::StatusOr<ConnectionRecord> Update(std::string_view tenant_id, std::string_view id,
                                          const ConnectionUpdate& update) override;
  absl::Status Delete(std::string_view tenant_id, std::string_view id) override;

 private:
  absl::StatusOr<ConnectionRecord> Read(const Row& row) const;
  absl::StatusOr<StoredConnection> ReadStored(Row& row) const;
  // The rows of one List page (limit + 1 of them at most: one more means a next page).
  absl::StatusOr<Rows> QueryPage(std::string_view tenant_id, const ConnectionFilter& filter,
                                 std::string_view cursor, int limit);
  absl::StatusOr<std::optional<ConnectionRecord>> TryInsert(const ConnectionRecord& connection);
  // The sealed column value: NULL when there are no secret fields, so listing such connections
  // decrypts nothing.
  absl::StatusOr<std::optional<std::string>> SealConfig(
      const boost::json::object& secret_config) const;

  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
