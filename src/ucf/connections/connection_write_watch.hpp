#pragma once
// WatchConnectionWrites: a storage::Database that forwards everything to `inner` and calls
// `on_write` after each kWrite transaction that wrote a connection row (Create, Upsert, Update,
// Delete), touched the tenants table (a tenant's deletion cascades to its connections) or used the
// connector settings store (which the connector catalog shows) — after the commit (or rollback),
// on the thread that ran the transaction. What keeps ConnectionCache and CatalogStateCache exact
// for this instance's own writes (connection_cache.hpp, catalog_state_cache.hpp). Thread-safe as
// `inner`.

#include <functional>
#include <memory>

#include "ucf/storage/database.hpp"

namespace ucf::connections {

std::unique_ptr<storage::Database> WatchConnectionWrites(std::unique_ptr<storage::Database> inner,
                                                         std::function<void()> on_write);

}  // namespace ucf::connections
