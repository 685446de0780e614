#pragma once
// Sync jobs and the change feed:
//   POST /api/connections/{id}/sync {model}            queue a sync → 202 job
//   POST /api/connectors/{id}/jobs {type, params}      the original's: sync|import queue a job of
//                                                      params.connectionId; probe checks params
//   GET  /api/jobs, /api/jobs/{id}; POST /api/jobs/{id}/cancel
//   GET  /api/connections/{id}/records?model&modifiedAfter&cursor&limit   change feed, ascending;
//        `next` while more is waiting, `resume` always (poll with it later for newer changes)

#include "ucf/api/api_deps.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::api {

class SyncHandler {
 public:
  explicit SyncHandler(const ApiDeps& deps) : deps_(deps) {}

  http::Response SyncConnection(http::Request& request) const;
  http::Response ConnectorJob(http::Request& request) const;
  http::Response ListJobs(http::Request& request) const;
  http::Response GetJob(http::Request& request) const;
  http::Response CancelJob(http::Request& request) const;
  http::Response Records(http::Request& request) const;

 private:
  ApiDeps deps_;
};

}  // namespace ucf::api
