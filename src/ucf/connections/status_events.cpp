#include "ucf/connections/status_events.hpp"

#include "ucf/core/status_macros.hpp"
#include "ucf/outbox/live_events.hpp"
#include "ucf/outbox/webhook_outbox.hpp"

namespace ucf::connections {

using storage::ConnectionStatus;

std::optional<std::string_view> StatusChangeEvent(ConnectionStatus from, ConnectionStatus to) {
  if (to == ConnectionStatus::kNeedsReauth && from != ConnectionStatus::kNeedsReauth) return "connection.needs_reauth";
  if (to == ConnectionStatus::kConnected && (from == ConnectionStatus::kNeedsReauth || from == ConnectionStatus::kError)) {
    return "connection.recovered";
  }
  return std::nullopt;
}

absl::Status RecordStatusChange(storage::Session& s, std::string_view tenant_id, std::string_view connection_id,
                                ConnectionStatus from, ConnectionStatus to, std::string_view reason,
                                core::TimePoint now) {
  std::optional<std::string_view> event = StatusChangeEvent(from, to);
  if (!event) return absl::OkStatus();
  boost::json::object data{{"connectionId", connection_id}};
  if (to == ConnectionStatus::kNeedsReauth) data["reason"] = reason;
  else data["from"] = storage::ConnectionStatusName(from);
  UCF_RETURN_IF_ERROR(outbox::EnqueueWebhookEvent(s, tenant_id, *event, data, now).status());
  return outbox::AppendLiveEvent(s, tenant_id, *event, "", data).status();
}

absl::StatusOr<std::optional<ConnectionStatus>> StatusBeforeUpsert(storage::Session& s, std::string_view tenant_id,
                                                                   std::string_view connector_id,
                                                                   std::string_view name) {
  absl::StatusOr<storage::ConnectionRecord> current = s.connections().GetByName(tenant_id, connector_id, name);
  if (absl::IsNotFound(current.status())) return std::nullopt;
  UCF_RETURN_IF_ERROR(current.status());
  return current->status;
}

}  // namespace ucf::connections
