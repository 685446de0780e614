#include "ucf/http/middleware/recover_middleware.hpp"

#include "ucf/core/strings.hpp"

#include <exception>

#include "ucf/http/error_response.hpp"

namespace ucf::http {

Response RecoverMiddleware::Handle(Request& request, Next next) const {
  std::string what;
  try {
    return next(request);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
    what = "non-standard exception";
  }
  logger_.Error("ucf.http", "unhandled exception in handler",
                {{"exception", what}, {"path", request.path}, {"method", request.method}});
  return MakeError(500, "internal_error",
                   core::StrCat("internal error; request id ", request.context.request_id),
                   boost::json::object{{"requestId", request.context.request_id}});
}

}  // namespace ucf::http
