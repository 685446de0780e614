#include "ucf/http/server/dispatcher.hpp"

#include "ucf/core/input_limits.hpp"
#include "ucf/core/strings.hpp"

#include <memory>

#include "ucf/http/error_response.hpp"

namespace ucf::http {
namespace {

void Resolve(const Router& router, Request& request) {
  if (request.rejection) return;
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
                                  *field};
  }
}

}  // namespace

Response Dispatcher::Terminal(Request& request) const {
  if (request.rejection) {
    const Rejection& r = *request.rejection;
    if (!r.field.empty()) {
      return MakeError(r.status, r.code, r.message, boost::json::object{{"field", r.field}});
    }
    return MakeError(r.status, r.code, r.message);
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

void Dispatcher::Dispatch(Request request, Done done) const {
  Resolve(router_, request);
  bool inline_run = request.route == nullptr || request.route->execution == Execution::kInline;
  if (inline_run) {
    done(pipeline_.Run(request, [this](Request& r) { return Terminal(r); }));
    return;
  }
  auto shared = std::make_shared<Request>(std::move(request));
  auto shared_done = std::make_shared<Done>(std::move(done));
  WorkerPool& pool = shared->route->execution == Execution::kUpstream ? upstream_pool_ : pool_;
  bool queued = pool.TrySubmit([this, shared, shared_done] {
    (*shared_done)(pipeline_.Run(*shared, [this](Request& r) { return Terminal(r); }));
  });
  if (queued) return;
  (*shared_done)(pipeline_.Run(*shared, [](Request&) {
    Response busy = MakeError(503, "unavailable", "server is busy; retry shortly");
    busy.headers.Set("Retry-After", "1");
    return busy;
  }));
}

}  // namespace ucf::http
