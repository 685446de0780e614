#pragma once
// What a connection's status change tells the application, written through the transactional
// outbox (outbox/webhook_outbox.hpp: webhook deliveries; outbox/live_events.hpp: the tenant's SSE
// stream) in the caller's transaction, so the event exists exactly when the status change commits:
//   any other status → needs_reauth        connection.needs_reauth {connectionId, reason}
//   needs_reauth or error → connected      connection.recovered    {connectionId, from}
// Every other change (and no change) tells nothing. Every path that writes a connection's status
// calls RecordStatusChange with the status the row had before, read in the same transaction.

#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"
#include "ucf/storage/connection_status.hpp"
#include "ucf/storage/session.hpp"

namespace ucf::connections {

// The event of a change from → to (the table above), nullopt when there is none. Pure.
std::optional<std::string_view> StatusChangeEvent(storage::ConnectionStatus from, storage::ConnectionStatus to);

// Enqueues the event of from → to, if any, for the connection's tenant. `reason` (needs_reauth
// only) is a human sentence without secrets.
absl::Status RecordStatusChange(storage::Session& s, std::string_view tenant_id, std::string_view connection_id,
                                storage::ConnectionStatus from, storage::ConnectionStatus to,
                                std::string_view reason, core::TimePoint now);

// The status of the connection (tenant, connector, name) before an Upsert replaces it; nullopt
// when there is no such row yet.
absl::StatusOr<std::optional<storage::ConnectionStatus>> StatusBeforeUpsert(storage::Session& s,
                                                                            std::string_view tenant_id,
                                                                            std::string_view connector_id,
                                                                            std::string_view name);

}  // namespace ucf::connections
