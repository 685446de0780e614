#include "ucf/mcp/route_invoker.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "boost/json/parse.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::mcp {
namespace {

absl::StatusCode CodeFor(int status) {
  switch (status) {
    case 400: return absl::StatusCode::kInvalidArgument;
    case 401: return absl::StatusCode::kUnauthenticated;
    case 403: return absl::StatusCode::kPermissionDenied;
    case 404: return absl::StatusCode::kNotFound;
    case 409: return absl::StatusCode::kAlreadyExists;
    case 429: return absl::StatusCode::kResourceExhausted;
    case 503: return absl::StatusCode::kUnavailable;
    case 504: return absl::StatusCode::kDeadlineExceeded;
    default: return status >= 500 ? absl::StatusCode::kInternal : absl::StatusCode::kFailedPrecondition;
  }
}

}  // namespace

absl::StatusOr<boost::json::value> RouteInvoker::Call(const observability::RequestContext& caller,
                                                      const RouteCall& call) const {
  const http::Route* route = nullptr;
  for (const http::Route& r : router_.routes()) {
    if (r.method == call.method && r.pattern == call.pattern) route = &r;
  }
  if (route == nullptr || !route->handler) {
    return absl::InternalError(core::StrCat("no route ", call.method, " ", call.pattern));
  }
  http::Request request;
  request.method = call.method;
  request.path = call.pattern;  // informational: parameters are bound below
  for (const auto& [key, value] : call.query) {
    if (!request.query.empty()) request.query += '&';
    request.query += boost::urls::encode(key, boost::urls::unreserved_chars);
    request.query += '=';
    request.query += boost::urls::encode(value, boost::urls::unreserved_chars);
  }
  request.target = request.query.empty() ? request.path : core::StrCat(request.path, "?", request.query);
  request.body = call.body;
  if (!call.body.empty()) request.headers.Set("Content-Type", "application/json");
  request.context = caller;
  request.route = route;
  request.path_params = call.path_params;
  http::Response response = route->handler(request);

  boost::system::error_code ec;
  boost::json::value envelope = boost::json::parse(response.body, ec);
  if (ec || !envelope.is_object()) {
    return absl::InternalError(core::StrCat(call.method, " ", call.pattern, " did not answer an envelope"));
  }
  const boost::json::object& e = envelope.as_object();
  if (response.status >= 200 && response.status < 300) {
    const boost::json::value* data = e.if_contains("data");
    return data ? *data : boost::json::value(nullptr);
  }
  std::string message = "the call failed";
  if (const auto* error = e.if_contains("error"); error && error->is_object()) {
    if (const auto* m = error->as_object().if_contains("message"); m && m->is_string()) {
      message = std::string(m->as_string());
    }
  }
  return absl::Status(CodeFor(response.status), message);
}

}  // namespace ucf::mcp
