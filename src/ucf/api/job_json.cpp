#include "ucf/api/job_json.hpp"

#include "ucf/api/time_json.hpp"

namespace ucf::api {

boost::json::object JobJson(const storage::JobRecord& j) {
  return {{"id", j.id},
          {"connectionId", j.connection_id},
          {"type", j.type},
          {"status", std::string(storage::JobStatusName(j.status))},
          {"progress", j.progress},
          {"params", j.params},
          {"counts", j.counts},
          {"error", j.error ? boost::json::value(*j.error) : boost::json::value(nullptr)},
          {"attempt", j.attempt},
          {"cancelRequested", j.cancel_requested},
          {"createdAt", core::FormatRfc3339(j.created_at)},
          {"startedAt", OptionalTimeJson(j.started_at)},
          {"finishedAt", OptionalTimeJson(j.finished_at)},
          {"updatedAt", core::FormatRfc3339(j.updated_at)}};
}

}  // namespace ucf::api
