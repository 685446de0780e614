#include "ucf/http/client/rate_limit_headers.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/http/client/http_date.hpp"

namespace ucf::http {
namespace {

using std::chrono::milliseconds;

constexpr std::int64_t kEpochMillisThreshold = 1'000'000'000'000;
constexpr std::int64_t kEpochSecondsThreshold = 1'000'000'000;
constexpr std::int64_t kMaxEpochMillis = 4'102'444'800'000;  // 2100-01-01: far enough

milliseconds Until(core::TimePoint when, core::TimePoint now) {
  if (when <= now) return milliseconds(0);
  return std::chrono::ceil<milliseconds>(when - now);
}

std::optional<milliseconds> DeltaSeconds(std::string_view text) {
  double seconds = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(seconds)) {
    return std::nullopt;
  }
  if (seconds <= 0) return milliseconds(0);
  // Beyond ~30 years a value is nonsense; clamp so the conversion cannot overflow.
  seconds = std::min(seconds, 1e9);
  return milliseconds(static_cast<std::int64_t>(std::ceil(seconds * 1000)));
}

std::optional<core::TimePoint> Iso8601(std::string_view text) {
  // The clock counts nanoseconds (about ±292 years around 1970): refuse years it cannot hold.
  std::optional<std::int64_t> year = core::ParseInt64(text.substr(0, 4));
  if (!year || *year < 1970 || *year > 2200 || text.size() < 5 || text[4] != '-') {
    return std::nullopt;
  }
  if (auto t = core::ParseRfc3339(text); t.ok()) return *t;
  // "2026-03-26T16:00Z": RFC 3339 without seconds.
  if (text.size() >= 16 && text[13] == ':' &&
      (text.size() == 16 || text[16] == 'Z' || text[16] == 'z' || text[16] == '+' ||
       text[16] == '-')) {
    std::string with_seconds = core::StrCat(text.substr(0, 16), ":00", text.substr(16));
    if (auto t = core::ParseRfc3339(with_seconds); t.ok()) return *t;
  }
  return std::nullopt;
}

std::optional<milliseconds> RetryAfter(std::string_view value, core::TimePoint now) {
  if (auto delta = DeltaSeconds(value)) return delta;
  if (auto date = ParseHttpDate(value)) return Until(*date, now);
  return std::nullopt;
}

std::optional<milliseconds> Reset(std::string_view value, core::TimePoint now) {
  if (std::optional<std::int64_t> n = core::ParseInt64(value)) {
    if (*n >= kEpochSecondsThreshold) {
      // Work in milliseconds since the epoch: far-future values must not overflow the clock's
      // nanosecond representation.
      std::int64_t at_ms = *n >= kEpochMillisThreshold ? std::min(*n, kMaxEpochMillis) : *n * 1000;
      std::int64_t now_ms =
          std::chrono::duration_cast<milliseconds>(now.time_since_epoch()).count();
      return milliseconds(std::max<std::int64_t>(0, at_ms - now_ms));
    }
    return milliseconds(std::max<std::int64_t>(0, *n) * 1000);
  }
  if (auto delta = DeltaSeconds(value)) return delta;
  if (auto t = Iso8601(value)) return Until(*t, now);
  return std::nullopt;
}

}  // namespace

bool IsRateLimited(const UpstreamResponse& response) {
  if (response.status == 429) return true;
  if (response.status != 403) return false;
  std::optional<std::string_view> remaining = response.headers.Get("X-RateLimit-Remaining");
  if (remaining && core::ParseInt64(*remaining) == 0) return true;
  // GitHub's secondary rate limit: 403 with Retry-After, or with only its message.
  return response.headers.Get("Retry-After").has_value() ||
         core::Contains(core::ToLower(std::string_view(response.body).substr(0, 4096)),
                        "secondary rate limit");
}

std::optional<milliseconds> ServerRequestedDelay(const Headers& headers, core::TimePoint now,
                                                 bool include_reset_headers) {
  if (auto value = headers.Get("Retry-After")) {
    if (auto delay = RetryAfter(core::Trim(*value), now)) return delay;
  }
  if (!include_reset_headers) return std::nullopt;
  static constexpr std::array<std::string_view, 3> kResetHeaders = {
      "X-RateLimit-Reset", "X-Rate-Limit-Reset", "RateLimit-Reset"};
  for (std::string_view name : kResetHeaders) {
    if (auto value = headers.Get(name)) {
      if (auto delay = Reset(core::Trim(*value), now)) return delay;
    }
  }
  return std::nullopt;
}

std::optional<milliseconds> ServerRequestedDelay(const UpstreamResponse& response,
                                                 core::TimePoint now) {
  return ServerRequestedDelay(response.headers, now, IsRateLimited(response));
}

}  // namespace ucf::http
