#pragma once
// Sync jobs and the change feed:
//   POST /api/connections/{id}/sync {model, full}      queue a sync → 202 job (incremental unless
//                                                      full; 409 naming the queued/running job)
//   POST /api/connectors/{id}/jobs {type, params}      the original's: sync|import queue a job of
//                                                      params.connectionId; probe checks params
//   GET  /api/jobs, /api/jobs/{id}; POST /api/jobs/{id}/cancel
//   GET/PUT/DELETE /api/connections/{id}/schedule      recurring syncs (sync/sync_schedules.hpp):
//        PUT {model, everySeconds ≥ 30, fullEvery | full_every}; GET lists; DELETE ?model=
//   GET  /api/connections/{id}/records?model&modifiedAfter&cursor&limit   change feed, ascending;
//        `next` while more is waiting, `resume` always (poll with it later for newer changes)

#include "ucf/api/api_deps.hpp"
#include "ucf/api/api_result.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::api {

class SyncHandler {
 public:
  // What the handler uses (and nothing else); all must outlive it. The route-table test builds
  // handlers without services and never calls them.
  struct Services {
    connections::ConnectionService* connections = nullptr;
    const connections::ConnectorManager* manager = nullptr;
    const connectors::CursorCodec* cursors = nullptr;
    sync::SyncService* sync = nullptr;
    sync::SyncSchedules* schedules = nullptr;
    std::function<void()> wake_workers = [] {};
  };

  explicit SyncHandler(Services services) : deps_(std::move(services)) {}

  ApiResult SyncConnection(http::Request& request) const;
  http::Response ConnectorJob(http::Request& request) const;
  ApiResult ListJobs(http::Request& request) const;
  ApiResult GetJob(http::Request& request) const;
  ApiResult CancelJob(http::Request& request) const;
  ApiResult Records(http::Request& request) const;
  ApiResult GetSchedule(http::Request& request) const;
  ApiResult PutSchedule(http::Request& request) const;
  ApiResult DeleteSchedule(http::Request& request) const;

 private:
  Services deps_;
};

}  // namespace ucf::api
