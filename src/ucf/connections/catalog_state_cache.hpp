#pragma once
// CatalogStateCache: what GET /api/connectors shows of one tenant (its connections counted per
// connector and status, its connector settings: ConnectionService::ReadCatalogState) kept in
// memory per tenant, so the catalog can be answered on the network thread without a storage read
// or a hand-off to a worker (api/catalog_handler.hpp, CatalogRunsInline).
//
// Freshness, as connection_cache.hpp: a tenant's state is served for at most `ttl` after it was
// read, so a connection or settings change made by ANOTHER instance shows within `ttl`; a write of
// THIS instance that touched a connection, a tenant or connector settings (WatchConnectionWrites)
// drops every entry once it committed, so this instance's own changes show at once. Thread-safe.

#include <chrono>
#include <cstddef>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/connections/connection_service.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/core/fresh_map.hpp"

namespace ucf::connections {

class CatalogStateCache {
 public:
  using State = std::shared_ptr<const ConnectionService::CatalogState>;

  // `connections` and `clock` must outlive the cache.
  CatalogStateCache(ConnectionService& connections, const core::Clock& clock, std::chrono::milliseconds ttl,
                    std::size_t max_tenants = 10'000)
      : connections_(connections), states_(clock, ttl, max_tenants) {}

  // From memory when read less than ttl ago, else one read transaction (then kept).
  absl::StatusOr<State> Get(std::string_view tenant_id) {
    return states_.GetOrLoad(std::string(tenant_id), [&] { return connections_.ReadCatalogState(tenant_id); });
  }
  // From memory only (null when absent or with less than `min_left` of its ttl left): safe on a
  // network thread.
  State Peek(std::string_view tenant_id, std::chrono::milliseconds min_left) const {
    return states_.Peek(std::string(tenant_id), min_left);
  }
  // Called after this instance committed a connection, tenant or connector-settings write.
  void InvalidateAll() { states_.InvalidateAll(); }

 private:
  ConnectionService& connections_;
  core::FreshMap<ConnectionService::CatalogState> states_;
};

}  // namespace ucf::connections
