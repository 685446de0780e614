#pragma once
// Leader-free background work: a periodic chore that every instance ticks but the fleet runs once
// per interval. Before running, the instance claims the chore's due run in the database
// (storage::Maintenance::ClaimRun: one statement moves the next-run time forward; exactly one
// claimer wins); the others skip this tick. No leader, no heartbeat: an instance that dies simply
// stops claiming, and the next due run goes to whichever instance ticks first.

#include <chrono>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "ucf/app/housekeeper.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/observability/logger.hpp"
#include "ucf/storage/maintenance.hpp"

namespace ucf::app {

// True when this caller should run the task now.
using FleetClaim = std::function<absl::StatusOr<bool>()>;

// Claims the run of `task` due now for `owner` (this instance). A win moves the next run
// `interval` ahead (less a tenth, so a tick stretched by jitter still finds it due) and is logged
// at info ("fleet task claimed", with task and instance). `maintenance`, `clock` and `logger` must outlive
// the returned function.
FleetClaim MakeFleetClaim(storage::Maintenance& maintenance, const core::Clock& clock, const observability::Logger& logger,
                          std::string task, std::string owner, std::chrono::milliseconds interval);

// `chore` wrapped so that it runs only when `claim` wins; a skipped tick counts 0.
Chore OncePerFleet(Chore chore, FleetClaim claim);

}  // namespace ucf::app
