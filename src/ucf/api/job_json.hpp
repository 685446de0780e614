#pragma once
// How a sync job appears in responses and event snapshots.

#include "boost/json/object.hpp"
#include "ucf/storage/job_record.hpp"

namespace ucf::api {

// {id, connectionId, type, status, progress, params, counts, error, attempt, cancelRequested,
//  createdAt, startedAt, finishedAt, updatedAt}
boost::json::object JobJson(const storage::JobRecord& j);

}  // namespace ucf::api
