#pragma once
// THE one mapping from absl::Status to an HTTP status and envelope error code.
//
//   InvalidArgument, FailedPrecondition, OutOfRange → 400 invalid_request
//   Unauthenticated → 401 unauthorized        PermissionDenied → 403 forbidden
//   NotFound → 404 not_found                  AlreadyExists, Aborted → 409 conflict
//   ResourceExhausted → 429 rate_limited      Unavailable → 503 unavailable
//   DeadlineExceeded → 504 timeout            Unimplemented → 501 not_implemented
//   anything else → 500 internal_error
//
// Protocol-level errors that have no Status (405, 413, 431) are made with MakeError directly.
// Details attached with core::WithDetails become error.details; a retryAfterSeconds detail also
// sets the Retry-After header.

#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "boost/json/value.hpp"
#include "ucf/core/json_text.hpp"
#include "ucf/http/response.hpp"

namespace ucf::http {

int HttpStatusFor(absl::StatusCode code);
std::string_view ErrorCodeFor(absl::StatusCode code);

Response MakeError(int http_status, std::string_view code, std::string_view message,
                   const boost::json::value& details = nullptr);

// An error envelope for `status` (must not be OK). 500s carry a generic message; the real
// message goes to Response::internal_cause, which RecoverMiddleware logs (never sent).
Response ErrorFromStatus(const absl::Status& status);

// 200 with the success envelope, or the mapped error.
Response EnvelopeResponse(const absl::StatusOr<boost::json::value>& result, int ok_status = 200);
// The same with `data` already serialised.
Response EnvelopeResponse(absl::StatusOr<core::JsonText>&& result, int ok_status = 200);

}  // namespace ucf::http
