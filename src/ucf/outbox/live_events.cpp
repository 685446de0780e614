#include "ucf/outbox/live_events.hpp"

namespace ucf::outbox {

absl::StatusOr<std::int64_t> AppendLiveEvent(storage::Session& s, std::string_view tenant_id, std::string_view type,
                                             std::string_view job_id, const boost::json::object& data) {
  return s.events().Append(tenant_id, type, job_id, data);
}

}  // namespace ucf::outbox
