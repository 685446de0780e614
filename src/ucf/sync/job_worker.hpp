#pragma once
// JobWorker: background threads that run queued sync jobs. Each thread claims a job of any tenant,
// fairly across tenants (JobStore::ClaimNext: leased, so a crashed worker's job is picked up again
// once its lease expires; SKIP LOCKED on PostgreSQL lets several instances share the queue), runs it with
// SyncRunner, heartbeats after every page (extending the lease, saving progress, noticing a cancel
// request), and finishes it as succeeded / failed / canceled with its counts.
//
// Audit, in the transaction that changes the job: "sync.started" when claimed, "sync.finished"
// when done (outcome failure with the error for failed and canceled runs). Actor "system".
// Stopped (threads joined) on destruction; Wake() makes idle threads look for work at once.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ucf/connections/connector_manager.hpp"
#include "ucf/observability/logger.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/sync/sync_runner.hpp"

namespace ucf::sync {

struct JobWorkerOptions {
  int threads = 1;
  std::chrono::milliseconds poll{1'000};   // idle wait between claim attempts
  std::chrono::milliseconds lease{60'000};  // a job not heartbeaten for this long is claimable again
};

class JobWorker {
 public:
  JobWorker(storage::Database& db, const connections::ConnectorManager& manager, const SyncRunner& runner,
            const core::Clock& clock, const observability::Logger& logger, JobWorkerOptions options = {});
  ~JobWorker();

  void Wake();

 private:
  void Loop(int index);
  // Claims and runs one job; false when nothing was claimable.
  bool RunOne(const std::string& worker_id);

  storage::Database& db_;
  const connections::ConnectorManager& manager_;
  const SyncRunner& runner_;
  const core::Clock& clock_;
  const observability::Logger& logger_;
  JobWorkerOptions options_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool woken_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ucf::sync
