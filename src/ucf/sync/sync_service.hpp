#pragma once
// Sync jobs of a tenant: queue one (POST /api/connections/{id}/sync, the original's
// POST /api/connectors/{id}/jobs), read and cancel them, and read the change feed of the records
// they wrote. The work itself is done by JobWorker (job_worker.hpp). Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/audit/actor.hpp"
#include "ucf/connections/connector_manager.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/storage/job_record.hpp"
#include "ucf/storage/job_store.hpp"
#include "ucf/storage/record_store.hpp"

namespace ucf::sync {

// The sync model a provider webhook event changes: Jira "jira:issue_*" → "issues", "comment_*" →
// "comments"; Confluence "page_*" → "pages"; GitHub "issues" → "issues", "issue_comment" →
// "comments"; nullopt for others.
std::optional<std::string> ModelForProviderEvent(std::string_view connector_id, std::string_view event);

class SyncService {
 public:
  // A tenant may have at most `max_queued_per_tenant` queued jobs.
  // Writes job.queued / job.cancel_requested / job.finished (a queued job canceled) live events in
  // the transaction that queues or cancels (job_events.hpp).
  SyncService(storage::Database& db, const connections::ConnectorManager& manager,
              int max_queued_per_tenant = 100)
      : db_(db), manager_(manager), max_queued_per_tenant_(max_queued_per_tenant) {}

  // Queues a sync of `model` (empty → the connector's item model, e.g. "issues") for a usable
  // connection: incremental unless `full` (params {model, full}; see sync_runner.hpp). InvalidArgument (field "model") for a model the connector does not sync;
  // the manager's errors for unusable connections. `type` is "sync" or "import".
  // AlreadyExists (409, details.jobId) when a job of this connection and model is queued or
  // running; ResourceExhausted (429 + Retry-After, naming UCF_SYNC_MAX_QUEUED_PER_TENANT) when the
  // tenant already has its maximum of queued jobs (counted in the transaction that queues, so at
  // most a few concurrent requests can overshoot it on PostgreSQL).
  // `containers` (sync_scope.hpp): the containers the run covers, empty for all; each must be
  // listed by the connector (InvalidArgument "containers" naming the unknown ones, nothing queued).
  absl::StatusOr<storage::JobRecord> Enqueue(const audit::Actor& actor, std::string_view connection_id,
                                             std::string_view type, std::string_view model,
                                             bool full = false, const std::vector<std::string>& containers = {});
  // A verified inbound provider delivery (webhooks/) about `connection_id`: queues an incremental
  // sync of the model the event touches (ModelForProviderEvent), actor system. De-duplicated: when
  // a run of that model is already queued or running, that job is returned with deduplicated set.
  // nullopt when the event touches no synced model.
  struct EventSync {
    std::string job_id;
    std::string model;
    bool deduplicated = false;
  };
  absl::StatusOr<std::optional<EventSync>> QueueForProviderEvent(std::string_view tenant_id,
                                                                 std::string_view connector_id,
                                                                 std::string_view connection_id,
                                                                 std::string_view event);
  absl::StatusOr<storage::JobRecord> Get(std::string_view tenant_id, std::string_view job_id);
  absl::StatusOr<storage::Page<storage::JobRecord>> List(std::string_view tenant_id,
                                                         const storage::JobFilter& filter,
                                                         std::string_view cursor, int limit);
  // Audited as sync.cancel_requested.
  absl::StatusOr<storage::JobRecord> Cancel(const audit::Actor& actor, std::string_view job_id);
  // NotFound for another tenant's connection.
  absl::StatusOr<storage::RecordChanges> Changes(std::string_view tenant_id, std::string_view connection_id,
                                                 const storage::RecordFilter& filter, std::int64_t after_seq,
                                                 int limit);

 private:
  storage::Database& db_;
  const connections::ConnectorManager& manager_;
  const int max_queued_per_tenant_;
};

}  // namespace ucf::sync
