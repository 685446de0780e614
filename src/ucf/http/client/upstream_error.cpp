#include "ucf/http/client/upstream_error.hpp"

#include <fmt/format.h>

#include <chrono>
#include <string>

#include "boost/json/object.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/http/client/provider_error_message.hpp"
#include "ucf/http/client/rate_limit_headers.hpp"
#include "ucf/http/client/secret_scrubber.hpp"

namespace ucf::http {
namespace {

absl::StatusCode CodeFor(const UpstreamResponse& response) {
  if (IsRateLimited(response)) return absl::StatusCode::kResourceExhausted;
  switch (response.status) {
    case 400:
    case 413:
    case 422:
      return absl::StatusCode::kInvalidArgument;
    case 401:
      return absl::StatusCode::kUnauthenticated;
    case 403:
      return absl::StatusCode::kPermissionDenied;
    case 404:
    case 410:
      return absl::StatusCode::kNotFound;
    case 408:
      return absl::StatusCode::kDeadlineExceeded;
    case 409:
      return absl::StatusCode::kAborted;
    case 412:
      return absl::StatusCode::kFailedPrecondition;
    case 501:
      return absl::StatusCode::kUnimplemented;
    default:
      break;
  }
  if (response.status >= 500 && response.status <= 599) return absl::StatusCode::kUnavailable;
  return absl::StatusCode::kUnknown;
}

}  // namespace

absl::Status StatusFromUpstream(const UpstreamResponse& response, std::string_view provider,
                                core::TimePoint now) {
  if (response.status >= 200 && response.status <= 299) return absl::OkStatus();
  std::string message =
      ScrubAndTruncate(ExtractProviderMessage(response.body), kMaxUpstreamMessageBytes);

  boost::json::object details{
      {"provider", provider}, {"upstreamStatus", response.status}, {"upstreamMessage", message}};
  if (IsRateLimited(response)) {
    if (auto delay = ServerRequestedDelay(response, now)) {
      details["retryAfterSeconds"] = std::chrono::ceil<std::chrono::seconds>(*delay).count();
    }
  }
  std::string text =
      message.empty() ? fmt::format("{} returned HTTP {}", provider, response.status)
                      : fmt::format("{} returned HTTP {}: {}", provider, response.status, message);
  return core::WithDetails(absl::Status(CodeFor(response), text), details);
}

absl::Status StatusFromUpstream(const UpstreamResponse& response, std::string_view provider) {
  return StatusFromUpstream(response, provider, std::chrono::system_clock::now());
}

}  // namespace ucf::http
