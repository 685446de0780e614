#pragma once
// Turns a parsed Request into a Response: resolves the route, runs the middleware pipeline and
// the handler — inline for Execution::kInline routes and protocol errors, on the upstream pool for
// kUpstream routes, on the worker pool otherwise — and answers 503 + Retry-After when the chosen
// pool's queue is full.
// 404, 405 (+Allow), OPTIONS (+Allow) and server rejections (413, 431, 400) are envelopes made
// here, after the middlewares, so they get request ids, CORS, access logs and metrics too.

#include <functional>

#include "ucf/http/middleware/middleware.hpp"
#include "ucf/http/router/router.hpp"
#include "ucf/http/server/worker_pool.hpp"

namespace ucf::http {

class Dispatcher {
 public:
  using Done = std::function<void(Response)>;

  // References must outlive the dispatcher. Without an upstream pool kUpstream routes use `pool`.
  Dispatcher(const Router& router, const Pipeline& pipeline, WorkerPool& pool,
             WorkerPool* upstream_pool = nullptr)
      : router_(router), pipeline_(pipeline), pool_(pool), upstream_pool_(upstream_pool ? *upstream_pool : pool) {}

  // Calls `done` exactly once, on this thread or a worker thread.
  void Dispatch(Request request, Done done) const;

  // Runs the whole pipeline synchronously on this thread.
  Response Handle(Request& request) const;

  // The header phase (the server calls it on the network thread before reading a body): resolves
  // the route and runs the middlewares' Screen. A refusal comes back as a Rejection carrying the
  // answer, for the server to dispatch without reading the body.
  std::optional<Rejection> Screen(Request& head) const;

 private:
  Response Terminal(Request& request) const;

  const Router& router_;
  const Pipeline& pipeline_;
  WorkerPool& pool_;
  WorkerPool& upstream_pool_;
};

}  // namespace ucf::http
