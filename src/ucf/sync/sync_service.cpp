#include "ucf/sync/sync_service.hpp"

#include "boost/json/array.hpp"
#include "ucf/audit/audit_entry.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/sync/job_events.hpp"
#include "ucf/sync/sync_runner.hpp"
#include "ucf/sync/sync_scope.hpp"

namespace ucf::sync {

absl::StatusOr<storage::JobRecord> SyncService::Enqueue(const audit::Actor& actor, std::string_view connection_id,
                                                        std::string_view type, std::string_view model,
                                                        bool full, const std::vector<std::string>& containers) {
  if (type != "sync" && type != "import") return core::InvalidField("type", "must be sync or import");
  UCF_ASSIGN_OR_RETURN(connections::ResolvedConnection c, manager_.Resolve(actor.tenant_id, connection_id));
  UCF_ASSIGN_OR_RETURN(std::string chosen, ChooseModel(c.connector->Describe(), model));
  UCF_RETURN_IF_ERROR(CheckContainersListed(c, containers));
  storage::JobRecord job;
  job.tenant_id = actor.tenant_id;
  job.connection_id = c.connection.id;
  job.type = std::string(type);
  job.params = {{"model", chosen}, {"full", full}};
  boost::json::object requested{{"connectionId", c.connection.id}, {"model", chosen}, {"full", full}, {"type", job.type}};
  if (!containers.empty()) {
    job.params["containers"] = boost::json::array(containers.begin(), containers.end());
    requested["containers"] = job.params["containers"];
  }
  storage::JobRecord created;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    // A duplicate is refused first (409 naming the job); over the cap the new job is rolled back.
    UCF_ASSIGN_OR_RETURN(created, s.jobs().Create(job));
    UCF_ASSIGN_OR_RETURN(std::int64_t queued, s.jobs().CountQueued(actor.tenant_id));
    if (queued > max_queued_per_tenant_) {
      return core::WithDetails(
          absl::ResourceExhaustedError(core::StrCat(
              "this tenant already has ", queued - 1, " queued sync jobs (UCF_SYNC_MAX_QUEUED_PER_TENANT is ",
              max_queued_per_tenant_, "); retry when some have run")),
          {{"reason", "tenant_job_limit"}, {"limit", max_queued_per_tenant_}, {"retryAfterSeconds", 30}});
    }
    UCF_RETURN_IF_ERROR(
        s.audit_logs().Append(audit::Entry(actor, "sync.requested", "job", created.id, requested)).status());
    return RecordJobEvent(s, "job.queued", created);
  }));
  return created;
}

std::optional<std::string> ModelForProviderEvent(std::string_view connector_id, std::string_view event) {
  if (connector_id == "jira") {
    if (core::StartsWith(event, "jira:issue_")) return "issues";
    if (core::StartsWith(event, "comment_")) return "comments";
  } else if (connector_id == "confluence") {
    if (core::StartsWith(event, "page_")) return "pages";
  } else if (connector_id == "github") {  // the X-GitHub-Event header
    if (event == "issues") return "issues";
    if (event == "issue_comment") return "comments";
  }
  return std::nullopt;
}

absl::StatusOr<std::optional<SyncService::EventSync>> SyncService::QueueForProviderEvent(
    std::string_view tenant_id, std::string_view connector_id, std::string_view connection_id,
    std::string_view event) {
  std::optional<std::string> model = ModelForProviderEvent(connector_id, event);
  if (!model) return std::optional<EventSync>();
  absl::StatusOr<storage::JobRecord> job =
      Enqueue(audit::Actor::System(std::string(tenant_id)), connection_id, "sync", *model, /*full=*/false);
  if (job.ok()) return std::optional<EventSync>(EventSync{job->id, *model, false});
  if (absl::IsAlreadyExists(job.status())) {
    auto details = core::GetDetails(job.status());
    const auto* id = details ? details->if_contains("jobId") : nullptr;
    if (id && id->is_string()) return std::optional<EventSync>(EventSync{std::string(id->as_string()), *model, true});
  }
  return job.status();
}

absl::StatusOr<storage::JobRecord> SyncService::Get(std::string_view tenant_id, std::string_view job_id) {
  storage::JobRecord job;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(job, s.jobs().Get(tenant_id, job_id));
    return absl::OkStatus();
  }));
  return job;
}

absl::StatusOr<storage::Page<storage::JobRecord>> SyncService::List(std::string_view tenant_id,
                                                                    const storage::JobFilter& filter,
                                                                    std::string_view cursor, int limit) {
  storage::Page<storage::JobRecord> page;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(page, s.jobs().List(tenant_id, filter, cursor, limit));
    return absl::OkStatus();
  }));
  return page;
}

absl::StatusOr<storage::JobRecord> SyncService::Cancel(const audit::Actor& actor, std::string_view job_id) {
  storage::JobRecord job;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(job, s.jobs().RequestCancel(actor.tenant_id, job_id));
    UCF_RETURN_IF_ERROR(s.audit_logs()
                            .Append(audit::Entry(actor, "sync.cancel_requested", "job", job.id,
                                                 {{"status", std::string(storage::JobStatusName(job.status))}}))
                            .status());
    return RecordJobEvent(s, job.status == storage::JobStatus::kCanceled ? "job.finished" : "job.cancel_requested",
                          job);
  }));
  return job;
}

absl::StatusOr<storage::RecordChanges> SyncService::Changes(std::string_view tenant_id,
                                                            std::string_view connection_id,
                                                            const storage::RecordFilter& filter,
                                                            std::int64_t after_seq, int limit) {
  storage::RecordChanges changes;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_RETURN_IF_ERROR(s.connections().Get(tenant_id, connection_id).status());
    UCF_ASSIGN_OR_RETURN(changes, s.records().ListChanges(tenant_id, connection_id, filter, after_seq, limit));
    return absl::OkStatus();
  }));
  return changes;
}

}  // namespace ucf::sync
