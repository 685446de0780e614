#include "ucf/app/fleet_task.hpp"

#include <optional>
#include <utility>

namespace ucf::app {

FleetClaim MakeFleetClaim(storage::Database& db, const core::Clock& clock, const observability::Logger& logger,
                          std::string task, std::string owner, std::chrono::milliseconds interval) {
  return [&db, &clock, &logger, task = std::move(task), owner = std::move(owner),
          interval]() -> absl::StatusOr<bool> {
    const core::TimePoint now = clock.Now();
    const core::TimePoint next = now + interval - interval / 10;
    std::optional<bool> won;
    absl::Status status = db.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
      absl::StatusOr<bool> claimed = s.maintenance().ClaimRun(task, owner, now, next);
      if (!claimed.ok()) return claimed.status();
      won = *claimed;
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    if (*won) logger.Info("ucf.fleet", "fleet task claimed", {{"task", task}, {"instance", owner}});
    return *won;
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
