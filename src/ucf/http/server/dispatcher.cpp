#include "ucf/http/server/dispatcher.hpp"

#include "ucf/core/input_limits.hpp"
#include "ucf/core/strings.hpp"

#include <memory>

#include "ucf/http/error_response.hpp"

namespace ucf::http {
namespace {

void Resolve(const Router& router, Request& request) {
  if (request.rejection || request.route != nullptr) return;  // refused, or resolved by Screen
  RouteMatch match = router.Match(request.method, request.path);
  if (match.kind == RouteMatch::Kind::kFound) {
    request.route = match.route;
    request.path_params = std::move(match.params);
  }
  // Free text is bounded before any handler looks at it (core/input_limits.hpp).
  if (auto field = request.OversizedParameter(core::kMaxStringBytes)) {
    request.route = nullptr;
    request.rejection = Rejection{400, "invalid_request",
                                  core::StrCat(*field, " must be at most ", core::kMaxStringBytes, " bytes"),
                                  std::nullopt, *field};
  }
}

// 429 for a tenant holding all its upstream slots.
Response TenantBusy(int limit) {
  Response busy = MakeError(
      429, "rate_limited",
      core::StrCat("this tenant already has ", limit,
                   " provider calls in flight (UCF_UPSTREAM_MAX_PER_TENANT); retry shortly"),
      boost::json::object{{"reason", "tenant_upstream_limit"}, {"limit", limit}, {"retryAfterSeconds", 1}});
  busy.headers.Set("Retry-After", "1");
  return busy;
}

}  // namespace

Response Dispatcher::Terminal(Request& request) const {
  if (request.rejection) {
    const Rejection& r = *request.rejection;
    Response refused = r.answer ? *r.answer
                       : !r.field.empty()
                           ? MakeError(r.status, r.code, r.message, boost::json::object{{"field", r.field}})
                           : MakeError(r.status, r.code, r.message);
    if (request.method == "HEAD") refused.omit_body = true;
    return refused;
  }
  Response response;
  if (request.route != nullptr) {
    response = request.route->handler(request);
  } else {
    RouteMatch match = router_.Match(request.method, request.path);
    std::string allow = core::Join(match.allowed_methods, ", ");
    if (match.kind == RouteMatch::Kind::kNotFound) {
      response = MakeError(404, "not_found", "no route for " + request.method + " " + request.path);
    } else if (request.method == "OPTIONS") {
      response.status = 204;
      response.headers.Set("Allow", allow);
    } else {
      response = MakeError(405, "method_not_allowed",
                           request.method + " is not allowed on " + request.path,
                           boost::json::object{{"allow", allow}});
      response.headers.Set("Allow", allow);
    }
  }
  if (request.method == "HEAD") response.omit_body = true;
  return response;
}

Response Dispatcher::Handle(Request& request) const {
  Resolve(router_, request);
  return pipeline_.Run(request, [this](Request& r) { return Terminal(r); });
}

std::string Dispatcher::SlotKey(const Request& request) const {
  if (request.route->access == Access::kPublic) return core::StrCat("client:", request.context.client_address);
  std::string tenant = fairness_.tenant_hint ? fairness_.tenant_hint(request) : "";
  return tenant.empty() ? std::string("unverified") : core::StrCat("tenant:", tenant);
}

void Dispatcher::Answer(Request& request, const Done& done,
                        const std::function<Response(Request&)>& answer) const {
  done(pipeline_.Run(request, answer));
}

bool Dispatcher::Queue(WorkerPool& pool, std::shared_ptr<Request> request, std::shared_ptr<Done> done,
                       std::shared_ptr<TenantSlots::Slot> slot) const {
  std::string lane = slot ? slot->key() : std::string();
  return pool.TrySubmit(
      [this, request, done, slot]() mutable {
        Response response = pipeline_.Run(*request, [this, &slot](Request& r) {
          // Authentication has named the tenant: count the request there from now on.
          if (slot && !r.context.tenant_id.empty() &&
              !slot->MoveTo(core::StrCat("tenant:", r.context.tenant_id))) {
            return TenantBusy(slots_->max_per_key());
          }
          return Terminal(r);
        });
        slot.reset();  // the tenant's slot is free before its client hears back
        (*done)(std::move(response));
      },
      lane);
}

std::optional<Rejection> Dispatcher::Screen(Request& head) const {
  Resolve(router_, head);
  std::optional<Response> answer = pipeline_.Screen(head);
  if (!answer) {
    head.stream_body = head.route != nullptr && head.route->streams_request_body;
    return std::nullopt;
  }
  return Rejection{answer->status, "", "", std::move(answer)};
}

void Dispatcher::Dispatch(Request request, Done done) const {
  Resolve(router_, request);
  bool inline_run = request.route == nullptr || request.route->execution == Execution::kInline ||
                    (request.route->runs_inline && request.route->runs_inline(request));
  if (inline_run) {
    Answer(request, done, [this](Request& r) { return Terminal(r); });
    return;
  }
  const bool upstream = request.route->execution == Execution::kUpstream;
  std::shared_ptr<TenantSlots::Slot> slot;
  if (upstream && slots_) {
    std::optional<TenantSlots::Slot> taken = slots_->TryTake(SlotKey(request));
    if (!taken) {
      Answer(request, done, [this](Request&) { return TenantBusy(slots_->max_per_key()); });
      return;
    }
    slot = std::make_shared<TenantSlots::Slot>(std::move(*taken));
  }
  auto shared = std::make_shared<Request>(std::move(request));
  auto shared_done = std::make_shared<Done>(std::move(done));
  if (Queue(upstream ? upstream_pool_ : pool_, shared, shared_done, std::move(slot))) return;
  Answer(*shared, *shared_done, [](Request&) {
    Response busy = MakeError(503, "unavailable", "server is busy; retry shortly");
    busy.headers.Set("Retry-After", "1");
    return busy;
  });
}

}  // namespace ucf::http
