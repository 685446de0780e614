#pragma once
// Turns a parsed Request into a Response: resolves the route, runs the middleware pipeline and
// the handler — inline for Execution::kInline routes, routes whose runs_inline says so and protocol errors, on the upstream pool for
// kUpstream routes, on the worker pool otherwise — and answers 503 + Retry-After when the chosen
// pool's queue is full.
// Upstream fairness: before a kUpstream request is queued it takes a slot of its tenant
// (TenantSlots; the tenant guessed without blocking by `tenant_hint`, unknown credentials share one
// slot group, public routes are grouped by client address) and waits in its tenant's lane of the
// pool; a tenant at `max_per_tenant` gets 429 rate_limited + Retry-After at once. Once
// authentication has named the tenant the slot moves to it (429 when that tenant is full), so
// neither a wrong guess nor many API keys lift a tenant over its cap.
// 404, 405 (+Allow), OPTIONS (+Allow) and server rejections (413, 431, 400) are envelopes made
// here, after the middlewares, so they get request ids, CORS, access logs and metrics too.

#include <functional>
#include <memory>
#include <string>

#include "ucf/http/middleware/middleware.hpp"
#include "ucf/http/router/router.hpp"
#include "ucf/http/server/tenant_slots.hpp"
#include "ucf/http/server/worker_pool.hpp"

namespace ucf::http {

struct UpstreamFairness {
  int max_per_tenant = 0;  // requests of one tenant queued or running on the upstream pool; 0 = no cap
  // The tenant id a request is for, known without blocking before authentication (a cache look-up
  // of its credential); "" when unknown. Runs on a network thread.
  std::function<std::string(const Request&)> tenant_hint;
};

class Dispatcher {
 public:
  using Done = std::function<void(Response)>;

  // References must outlive the dispatcher. Without an upstream pool kUpstream routes use `pool`.
  Dispatcher(const Router& router, const Pipeline& pipeline, WorkerPool& pool,
             WorkerPool* upstream_pool = nullptr, UpstreamFairness fairness = {})
      : router_(router),
        pipeline_(pipeline),
        pool_(pool),
        upstream_pool_(upstream_pool ? *upstream_pool : pool),
        fairness_(std::move(fairness)),
        slots_(fairness_.max_per_tenant > 0 ? std::make_unique<TenantSlots>(fairness_.max_per_tenant)
                                            : nullptr) {}

  // Calls `done` exactly once, on this thread or a worker thread.
  void Dispatch(Request request, Done done) const;

  // Runs the whole pipeline synchronously on this thread.
  Response Handle(Request& request) const;

  // The header phase (the server calls it on the network thread before reading a body): resolves
  // the route and runs the middlewares' Screen. A refusal comes back as a Rejection carrying the
  // answer, for the server to dispatch without reading the body. Otherwise marks the request
  // stream_body when its route streams request bodies.
  std::optional<Rejection> Screen(Request& head) const;

 private:
  Response Terminal(Request& request) const;
  // Queues `request` on `pool` (lane `lane`) holding `slot`; false when the queue is full.
  bool Queue(WorkerPool& pool, std::shared_ptr<Request> request, std::shared_ptr<Done> done,
             std::shared_ptr<TenantSlots::Slot> slot) const;
  // The slot group of a kUpstream request before authentication.
  std::string SlotKey(const Request& request) const;
  // Runs the pipeline with `answer` as the terminal and hands the result to `done`.
  void Answer(Request& request, const Done& done, const std::function<Response(Request&)>& answer) const;

  const Router& router_;
  const Pipeline& pipeline_;
  WorkerPool& pool_;
  WorkerPool& upstream_pool_;
  const UpstreamFairness fairness_;
  const std::unique_ptr<TenantSlots> slots_;  // null without a cap
};

}  // namespace ucf::http
