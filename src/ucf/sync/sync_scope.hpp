#pragma once
// Which containers a sync covers (Salesforce: the objects whose records a `records` sync copies;
// GitHub: repositories; Jira: projects). A client chooses them with `containers` in
// POST /api/connections/{id}/sync; the job keeps them in params.containers, so a run taken over
// after a crash covers the same ones. No choice (absent or empty): every container the connector
// lists. The choice does not split the one-run-per-(connection, model) rule, and the markers of
// an incremental sync are per container anyway (sync_marker.hpp), so runs over different choices
// of the same model never move each other's markers.
//
// Checked when the sync is requested, before anything is queued or stored:
//   ParseSyncContainers   a JSON array of at most kMaxSyncContainers distinct, non-blank strings of
//                         at most kMaxContainerIdBytes without control characters;
//   CheckContainersListed every chosen id is listed by the connector (one walk of ListContainers,
//                         at most kMaxContainerPages pages: Salesforce's describeGlobal for
//                         objects, GET /user/repos for GitHub).
// Both answer InvalidArgument naming the field "containers" (the unknown ids, bounded, in the
// message); a provider failure during the walk is returned as it is. Thread-safe, no state.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/connections/connector_manager.hpp"
#include "ucf/storage/job_record.hpp"

namespace ucf::sync {

inline constexpr std::size_t kMaxSyncContainers = 100;
inline constexpr std::size_t kMaxContainerIdBytes = 255;
inline constexpr int kMaxContainerPages = 50;

// body["containers"]; absent or null → empty.
absl::StatusOr<std::vector<std::string>> ParseSyncContainers(const boost::json::object& body);

absl::Status CheckContainersListed(const connections::ResolvedConnection& c,
                                   const std::vector<std::string>& chosen);

// params.containers of a job (empty when there are none or they are not strings).
std::vector<std::string> ContainersOf(const storage::JobRecord& job);

}  // namespace ucf::sync
