#include "ucf/connections/connection_cache.hpp"

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connections {

ConnectionCache::ConnectionCache(storage::Database& db, const core::Clock& clock, ConnectionCacheOptions options)
    : db_(db), rows_(clock, options.ttl, options.max_entries) {}

std::string ConnectionCache::Key(std::string_view tenant_id, std::string_view connection_id) {
  // Ids never contain a newline (they are checked identifiers), so the pair is unambiguous.
  return core::StrCat(tenant_id, "\n", connection_id);
}

ConnectionCache::Row ConnectionCache::Peek(std::string_view tenant_id, std::string_view connection_id,
                                           std::chrono::milliseconds min_left) const {
  return rows_.Peek(Key(tenant_id, connection_id), min_left);
}

absl::StatusOr<ConnectionCache::Row> ConnectionCache::Get(std::string_view tenant_id,
                                                          std::string_view connection_id) {
  return rows_.GetOrLoad(Key(tenant_id, connection_id), [&]() -> absl::StatusOr<storage::ConnectionRecord> {
    storage::ConnectionRecord row;
    UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
      UCF_ASSIGN_OR_RETURN(row, s.connections().Get(tenant_id, connection_id));
      return absl::OkStatus();
    }));
    return row;
  });
}

}  // namespace ucf::connections
