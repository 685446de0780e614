#include "ucf/http/error_response.hpp"

#include "ucf/core/strings.hpp"

#include "ucf/core/envelope.hpp"
#include "ucf/core/error_details.hpp"

namespace ucf::http {

int HttpStatusFor(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return 200;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
      return 400;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
      return 409;
    case absl::StatusCode::kResourceExhausted:
      return 429;
    case absl::StatusCode::kUnavailable:
      return 503;
    case absl::StatusCode::kDeadlineExceeded:
      return 504;
    case absl::StatusCode::kUnimplemented:
      return 501;
    default:
      return 500;
  }
}

std::string_view ErrorCodeFor(absl::StatusCode code) {
  switch (HttpStatusFor(code)) {
    case 400:
      return "invalid_request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 409:
      return "conflict";
    case 429:
      return "rate_limited";
    case 503:
      return "unavailable";
    case 504:
      return "timeout";
    case 501:
      return "not_implemented";
    default:
      return "internal_error";
  }
}

Response MakeError(int http_status, std::string_view code, std::string_view message,
                   const boost::json::value& details) {
  return Response::Json(http_status, core::ErrorEnvelope(code, message, details));
}

Response ErrorFromStatus(const absl::Status& status) {
  int http_status = HttpStatusFor(status.code());
  std::optional<boost::json::object> details = core::GetDetails(status);
  std::string_view message = core::ToStd(status.message());
  if (http_status == 500) message = "internal error; see the server log for this request id";
  Response r = MakeError(http_status, ErrorCodeFor(status.code()), message,
                         details ? boost::json::value(*details) : boost::json::value(nullptr));
  if (http_status == 500) r.internal_cause = status.ToString();
  if (details) {
    if (auto it = details->find("retryAfterSeconds"); it != details->end() && it->value().is_int64()) {
      r.headers.Set("Retry-After", core::StrCat(it->value().as_int64()));
    }
  }
  return r;
}

Response EnvelopeResponse(const absl::StatusOr<boost::json::value>& result, int ok_status) {
  if (!result.ok()) return ErrorFromStatus(result.status());
  return Response::Json(ok_status, core::SuccessEnvelope(*result));
}

Response EnvelopeResponse(absl::StatusOr<core::JsonText>&& result, int ok_status) {
  if (!result.ok()) return ErrorFromStatus(result.status());
  // Around the text in its own buffer: no copy of a large answer into a second one.
  return Response::Json(ok_status, core::SuccessEnvelope(std::move(result->text)));
}

}  // namespace ucf::http
