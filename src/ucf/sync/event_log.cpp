#include "ucf/sync/event_log.hpp"

#include "ucf/core/status_macros.hpp"

namespace ucf::sync {

absl::StatusOr<std::int64_t> EventLog::LastId(std::string_view tenant_id) const {
  std::int64_t id = 0;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(id, s.events().LastId(tenant_id));
    return absl::OkStatus();
  }));
  return id;
}

absl::StatusOr<std::vector<HubEvent>> EventLog::After(std::string_view tenant_id, std::int64_t after,
                                                      std::optional<std::string_view> job_id, int limit) const {
  std::vector<storage::EventRecord> rows;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(rows, s.events().ListAfter(tenant_id, after, job_id, limit));
    return absl::OkStatus();
  }));
  std::vector<HubEvent> out;
  out.reserve(rows.size());
  for (storage::EventRecord& r : rows) {
    out.push_back(HubEvent{r.id, std::move(r.type), std::move(r.job_id), std::move(r.data)});
  }
  return out;
}

}  // namespace ucf::sync
