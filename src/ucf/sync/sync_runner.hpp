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
// the feed. A run that completes marks the model's objects it did not see as deleted. Batches are
// written as pages arrive (one transaction per page), so a large sync never holds a long
// transaction.
//
// `checkpoint` is called after every page with the progress (0..99); a non-OK status (e.g.
// Cancelled) stops the run and is returned. Provider errors are returned as they are.
// Thread-safe (no state of its own).

#include <cstdint>
#include <functional>
#include <string_view>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/connections/connector_manager.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::sync {

struct SyncCounts {
  std::int64_t fetched = 0;
  std::int64_t changed = 0;
  std::int64_t unchanged = 0;
  std::int64_t deleted = 0;

  boost::json::object ToJson() const;
};

using Checkpoint = std::function<absl::Status(int progress)>;

class SyncRunner {
 public:
  SyncRunner(storage::Database& db, const core::Clock& clock) : db_(db), clock_(clock) {}

  // InvalidArgument (field "model") when `model` is not one of the connector's sync models.
  absl::StatusOr<SyncCounts> Run(const connections::ResolvedConnection& c, std::string_view model,
                                 const Checkpoint& checkpoint) const;

 private:
  storage::Database& db_;
  const core::Clock& clock_;
};

// The level of `model` among the connector's sync models, or InvalidArgument naming the choices.
absl::StatusOr<int> SyncLevel(const connectors::ConnectorDescription& d, std::string_view model);

}  // namespace ucf::sync
