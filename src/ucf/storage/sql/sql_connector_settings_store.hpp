#pragma once

#include "ucf/storage/connector_settings_store.hpp"
#include "ucf/storage/sql/store_context.hpp"

namespace ucf::storage::sql {

class SqlConnectorSettingsStore final : public ConnectorSettingsStore {
 public:
  explicit SqlConnectorSettingsStore(StoreContext ctx) : ctx_(ctx) {}

  absl::StatusOr<ConnectorSettingsRecord> Get(std::string_view tenant_id,
                                              std::string_view connector_id) override;
  absl::StatusOr<std::vector<ConnectorSettingsRecord>> List(std::string_view tenant_id) override;
  absl::StatusOr<ConnectorSettingsRecord> Upsert(const ConnectorSettingsRecord& settings) override;

 private:
  absl::StatusOr<ConnectorSettingsRecord> Read(const Row& row) const;

  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
