#include "ucf/app/fleet_task.hpp"

#include <utility>

namespace ucf::app {

FleetClaim MakeFleetClaim(storage::Maintenance& maintenance, const core::Clock& clock, const observability::Logger& logger,
                          std::string task, std::string owner, std::chrono::milliseconds interval) {
  return [&maintenance, &clock, &logger, task = std::move(task), owner = std::move(owner),
          interval]() -> absl::StatusOr<bool> {
    const core::TimePoint now = clock.Now();
    const core::TimePoint next = now + interval - interval / 10;
    absl::StatusOr<bool> won = maintenance.ClaimRun(task, owner, now, next);
    if (won.ok() && *won) logger.Info("ucf.fleet", "fleet task claimed", {{"task", task}, {"instance", owner}});
    return won;
  };
}

Chore OncePerFleet(Chore chore, FleetClaim claim) {
  std::string name = chore.name;
  return Chore{std::move(name),
               [run = std::move(chore.run), claim = std::move(claim)]() -> absl::StatusOr<std::int64_t> {
                 absl::StatusOr<bool> mine = claim();
                 if (!mine.ok()) return mine.status();
                 if (!*mine) return 0;
                 return run();
               }};
}

}  // namespace ucf::app
