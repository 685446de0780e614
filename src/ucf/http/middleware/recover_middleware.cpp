#include "ucf/http/middleware/recover_middleware.hpp"

#include "ucf/core/strings.hpp"

#include <exception>

#include "ucf/http/client/secret_scrubber.hpp"
#include "ucf/http/error_response.hpp"

namespace ucf::http {
namespace {

// Enough of a cause to diagnose it; a cause can quote untrusted input.
constexpr std::size_t kMaxCauseBytes = 2000;

}  // namespace

Response RecoverMiddleware::Handle(Request& request, Next next) const {
  std::string what;
  try {
    Response response = next(request);
    if (response.status != 500) return response;
    what = response.internal_cause.empty() ? "a 500 answer without a recorded cause"
                                           : std::move(response.internal_cause);
  } catch (const std::exception& e) {
    what = core::StrCat("unhandled exception: ", e.what());
  } catch (...) {
    what = "unhandled non-standard exception";
  }
  // The request id comes with the line from the request's context (RequestIdMiddleware).
  logger_.Error("ucf.http", "internal error",
                {{"cause", ScrubAndTruncate(what, kMaxCauseBytes)},
                 {"path", request.path},
                 {"method", request.method}});
  return MakeError(500, "internal_error",
                   core::StrCat("internal error; request id ", request.context.request_id),
                   boost::json::object{{"requestId", request.context.request_id}});
}

}  // namespace ucf::http
