#pragma once
// SyncRunner: copies one model of a connection into the records store (storage/record_store.hpp),
// whose per-connection sequence numbers are the change feed.
//
// A connector's sync models are levels of its hierarchy, in Describe().sync_models order:
//   [0] containers (Jira "projects", Confluence "spaces")
//   [1] items of every container ("issues", "pages")
//   [2] comments of every item ("comments")
// Each object is stored under its id with the unified JSON shape as data (comments and items keep
// their parent ids); its hash decides whether it changed, so an unchanged object never reappears in
// the feed. Batches are written as pages arrive (one transaction per page), so a large sync never
// holds a long transaction.
//
// A connector that declares a change marker for its comment model too (GitHub) has its comments
// listed per container changed since that model's own markers (Connector::ListChangedComments)
// instead of through the changed items.
//
// Incremental by default: when the connector declares a change marker for the item model
// (ConnectorDescription::change_markers), items (and, for comments, the items whose comments are
// read) are listed changed-since the model's marker per container (sync_marker.hpp), oldest change
// first, and the marker advances in the transaction of the page that carries it. A FULL run lists
// everything and, when it completes, marks the model's objects it did not see as deleted —
// deletions are detected on full runs only. A full run taken over after a crash (same job id)
// continues from its last committed page and keeps its original start for the deletion check; an
// incremental one simply continues from the markers. Models without a marker are listed in full
// every time (and restart from the beginning when taken over).
//
// Retryable provider errors (provider_errors.hpp) are retried in place with a jittered back-off;
// others are returned as they are. `checkpoint` is called with the counts so far after every
// committed page and about every 250 ms during a back-off; a non-OK status (e.g. Cancelled) stops
// the run and is returned. Thread-safe (no state of its own).

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/connections/connector_manager.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/sync/provider_errors.hpp"

namespace ucf::sync {

struct SyncRequest {
  std::string model;
  bool full = false;
  std::string job_id;  // identifies a full run across takeovers
  // The containers the run covers (their ids, as ListContainers gives them); empty: every one.
  // A chosen container the provider no longer lists fails the run (NotFound, field "containers")
  // before anything below the containers is read. A full run over chosen containers detects no
  // deletions (it saw only part of the model).
  std::vector<std::string> containers;
};

// Real progress: provider pages read and records written so far (no estimate).
struct SyncCounts {
  std::int64_t pages = 0;
  std::int64_t fetched = 0;
  std::int64_t changed = 0;
  std::int64_t unchanged = 0;
  std::int64_t deleted = 0;
  std::int64_t retries = 0;
  bool full = false;
  bool resumed = false;  // a full run continued from the checkpoint of an earlier attempt

  boost::json::object ToJson() const;
};

using Checkpoint = std::function<absl::Status(const SyncCounts& counts)>;

class SyncRunner {
 public:
  SyncRunner(storage::Database& db, const core::Clock& clock, RetryPolicy retry = {})
      : db_(db), clock_(clock), retry_(retry) {}

  // InvalidArgument (field "model") when the model is not one of the connector's sync models.
  absl::StatusOr<SyncCounts> Run(const connections::ResolvedConnection& c, const SyncRequest& request,
                                 const Checkpoint& checkpoint) const;

 private:
  storage::Database& db_;
  const core::Clock& clock_;
  RetryPolicy retry_;
};

// The level of `model` among the connector's sync models, or InvalidArgument naming the choices.
absl::StatusOr<int> SyncLevel(const connectors::ConnectorDescription& d, std::string_view model);
// `model`, or the connector's item model when empty; InvalidArgument (field "model") otherwise.
absl::StatusOr<std::string> ChooseModel(const connectors::ConnectorDescription& d, std::string_view model);

}  // namespace ucf::sync
