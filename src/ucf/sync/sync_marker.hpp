#pragma once
// SyncMarker: what incremental sync remembers about one (connection, model), stored as JSON in
// sync_states under the model name "marker:<model>" (so it never collides with the cursor a client
// keeps through /api/connections/{id}/sync-state):
//
//   {"markers": {"<container id>": "<RFC 3339>"},          newest change committed, per container
//    "full": {"jobId": "job_…", "startedAt": "<RFC 3339>",   the full run in progress, if any:
//             "markers": {"<container id>": "<RFC 3339>"}}}  where it got to
//
// A marker only ever moves forward, and only in the transaction that commits the page carrying it,
// so after a crash it never claims more than what is stored. A full run keeps its own markers, so
// that a run taken over by another worker (same job id) continues where the crashed one stopped
// and still detects deletions from the time the run first started. Text that is not such JSON
// (bounded: kMaxMarkerBytes) reads as an empty state. Plain value; pure functions.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "ucf/core/clock.hpp"

namespace ucf::sync {

inline constexpr std::size_t kMaxMarkerBytes = 1 << 20;

using ContainerMarkers = std::map<std::string, core::TimePoint, std::less<>>;

struct SyncMarker {
  struct FullRun {
    std::string job_id;
    core::TimePoint started_at;
    ContainerMarkers markers;
  };
  ContainerMarkers markers;
  std::optional<FullRun> full;
};

// "marker:<model>".
std::string MarkerStateKey(std::string_view model);

SyncMarker ParseSyncMarker(std::string_view text);
std::string SerializeSyncMarker(const SyncMarker& marker);

// Moves markers[container] to `at` unless it is already there or later.
void Advance(ContainerMarkers& markers, std::string_view container, core::TimePoint at);

}  // namespace ucf::sync
