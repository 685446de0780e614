#include "ucf/sync/sync_schedules.hpp"

#include <algorithm>

#include "ucf/audit/audit_entry.hpp"
#include "ucf/connections/status_transitions.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/jitter.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/sync/job_events.hpp"
#include "ucf/sync/sync_runner.hpp"

namespace ucf::sync {
namespace {

constexpr int kClaimBatch = 50;

boost::json::object ScheduleDetails(const storage::SyncScheduleRecord& s) {
  return {{"connectionId", s.connection_id}, {"model", s.model}, {"everySeconds", s.every_seconds},
          {"fullEvery", s.full_every}};
}

}  // namespace

core::TimePoint SyncSchedules::NextFire(core::TimePoint now, int every_seconds, double u) {
  double factor = 0.9 + 0.2 * std::clamp(u, 0.0, 1.0);
  auto ms = static_cast<std::int64_t>(static_cast<double>(every_seconds) * 1000.0 * factor);
  return now + std::chrono::milliseconds(ms);
}

absl::StatusOr<std::string> SyncSchedules::ModelFor(std::string_view tenant_id, std::string_view connection_id,
                                                    std::string_view model) const {
  std::string connector_id;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(storage::ConnectionRecord c, s.connections().Get(tenant_id, connection_id));
    connector_id = c.connector_id;
    return absl::OkStatus();
  }));
  const connectors::Connector* connector = registry_.Find(connector_id);
  if (connector == nullptr) return absl::FailedPreconditionError(core::StrCat("connector ", connector_id, " is not offered by this build"));
  return ChooseModel(connector->Describe(), model);
}

absl::StatusOr<storage::SyncScheduleRecord> SyncSchedules::Put(const audit::Actor& actor,
                                                               std::string_view connection_id,
                                                               const ScheduleRequest& request) {
  if (request.every_seconds < kMinScheduleSeconds || request.every_seconds > kMaxScheduleSeconds) {
    return core::InvalidField("everySeconds", core::StrCat("must be between ", kMinScheduleSeconds, " and ",
                                                           kMaxScheduleSeconds));
  }
  if (request.full_every < 0 || request.full_every > 10'000) {
    return core::InvalidField("fullEvery", "must be between 0 (never) and 10000");
  }
  UCF_ASSIGN_OR_RETURN(std::string model, ModelFor(actor.tenant_id, connection_id, request.model));
  storage::SyncScheduleRecord schedule{.tenant_id = actor.tenant_id,
                                       .connection_id = std::string(connection_id),
                                       .model = model,
                                       .every_seconds = request.every_seconds,
                                       .full_every = request.full_every,
                                       .next_fire_at = NextFire(clock_.Now(), request.every_seconds, core::JitterUnit())};
  storage::SyncScheduleRecord stored;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(stored, s.sync_schedules().Put(schedule));
    return s.audit_logs()
        .Append(audit::Entry(actor, "sync.schedule_set", "connection", stored.connection_id, ScheduleDetails(stored)))
        .status();
  }));
  return stored;
}

absl::StatusOr<std::vector<storage::SyncScheduleRecord>> SyncSchedules::List(std::string_view tenant_id,
                                                                            std::string_view connection_id) {
  std::vector<storage::SyncScheduleRecord> out;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_RETURN_IF_ERROR(s.connections().Get(tenant_id, connection_id).status());
    UCF_ASSIGN_OR_RETURN(out, s.sync_schedules().List(tenant_id, connection_id));
    return absl::OkStatus();
  }));
  return out;
}

absl::Status SyncSchedules::Delete(const audit::Actor& actor, std::string_view connection_id,
                                   std::string_view model) {
  UCF_ASSIGN_OR_RETURN(std::string chosen, ModelFor(actor.tenant_id, connection_id, model));
  return db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_RETURN_IF_ERROR(s.sync_schedules().Delete(actor.tenant_id, connection_id, chosen));
    return s.audit_logs()
        .Append(audit::Entry(actor, "sync.schedule_deleted", "connection", std::string(connection_id),
                             {{"model", chosen}}))
        .status();
  });
}

absl::StatusOr<int> SyncSchedules::FireDue() {
  int queued_total = 0;
  for (;;) {
    std::vector<storage::JobRecord> queued;
    int claimed = 0;
    UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
      core::TimePoint now = clock_.Now();
      UCF_ASSIGN_OR_RETURN(auto due, s.sync_schedules().ClaimDue(now, kClaimBatch));
      claimed = static_cast<int>(due.size());
      for (const storage::SyncScheduleRecord& d : due) {
        const core::TimePoint next = NextFire(now, d.every_seconds, core::JitterUnit());
        UCF_ASSIGN_OR_RETURN(storage::ConnectionRecord c, s.connections().Get(d.tenant_id, d.connection_id));
        if (!connections::CheckUsable(c).ok()) {
          UCF_RETURN_IF_ERROR(s.sync_schedules().Fired(d, next, /*ran=*/false));
          continue;
        }
        const bool full = d.full_every > 0 && (d.runs + 1) % d.full_every == 0;
        storage::JobRecord job;
        job.tenant_id = d.tenant_id;
        job.connection_id = d.connection_id;
        job.type = "sync";
        job.params = {{"model", d.model}, {"full", full}, {"schedule", true}};
        absl::StatusOr<storage::JobRecord> created = s.jobs().Create(job);
        // The previous run is still going: this fire is skipped (and not counted as a run).
        UCF_RETURN_IF_ERROR(s.sync_schedules().Fired(d, next, /*ran=*/created.ok()));
        if (absl::IsAlreadyExists(created.status())) continue;
        UCF_RETURN_IF_ERROR(created.status());
        UCF_RETURN_IF_ERROR(s.audit_logs()
                                .Append(audit::Entry(audit::Actor::System(d.tenant_id), "sync.requested", "job",
                                                     created->id,
                                                     {{"connectionId", d.connection_id},
                                                      {"model", d.model},
                                                      {"full", full},
                                                      {"type", "sync"},
                                                      {"schedule", true}}))
                                .status());
        queued.push_back(*created);
      }
      // Last, and in tenant order: appending locks each tenant's stream counter until commit.
      std::vector<const storage::JobRecord*> by_tenant;
      for (const auto& job : queued) by_tenant.push_back(&job);
      std::stable_sort(by_tenant.begin(), by_tenant.end(),
                       [](const auto* a, const auto* b) { return a->tenant_id < b->tenant_id; });
      for (const auto* job : by_tenant) UCF_RETURN_IF_ERROR(RecordJobEvent(s, "job.queued", *job));
      return absl::OkStatus();
    }));
    queued_total += static_cast<int>(queued.size());
    if (!queued.empty()) wake_workers_();
    if (claimed < kClaimBatch) return queued_total;
  }
}

}  // namespace ucf::sync
