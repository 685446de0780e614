#include "ucf/http/client/rate_limit_headers.hpp"

#include <gtest/gtest.h>

#include "ucf/http/client/http_date.hpp"

namespace ucf::http {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const core::TimePoint kNow{seconds(1'750'000'000)};

UpstreamResponse With(int status, std::string_view name, std::string_view value) {
  UpstreamResponse r{.status = status};
  r.headers.Set(name, value);
  return r;
}

TEST(RateLimitHeadersTest, RetryAfterSecondsAndDate) {
  EXPECT_EQ(ServerRequestedDelay(With(429, "Retry-After", "30"), kNow), milliseconds(30'000));
  EXPECT_EQ(ServerRequestedDelay(With(429, "retry-after", " 0 "), kNow), milliseconds(0));
  EXPECT_EQ(ServerRequestedDelay(With(503, "Retry-After", "1.5"), kNow), milliseconds(1500));
  EXPECT_EQ(
      ServerRequestedDelay(With(503, "Retry-After", FormatHttpDate(kNow + seconds(90))), kNow),
      milliseconds(90'000));
  EXPECT_EQ(ServerRequestedDelay(With(503, "Retry-After", FormatHttpDate(kNow - seconds(5))), kNow),
            milliseconds(0));
  EXPECT_FALSE(ServerRequestedDelay(With(429, "Retry-After", "soon"), kNow).has_value());
  EXPECT_FALSE(ServerRequestedDelay(UpstreamResponse{.status = 429}, kNow).has_value());
}

TEST(RateLimitHeadersTest, ResetHeaderForms) {
  struct Case {
    const char* name;
    std::string value;
    milliseconds want;
  } cases[] = {
      {"X-RateLimit-Reset", "1750000042", milliseconds(42'000)},     // epoch seconds (GitHub)
      {"X-RateLimit-Reset", "1750000042500", milliseconds(42'500)},  // epoch milliseconds
      {"X-RateLimit-Reset", "1749999000", milliseconds(0)},          // already past
      {"RateLimit-Reset", "17", milliseconds(17'000)},               // delta seconds (IETF)
      {"X-Rate-Limit-Reset", "5", milliseconds(5'000)},
      {"X-RateLimit-Reset", "2025-06-15T15:07:00Z", milliseconds(20'000)},  // RFC 3339
      {"X-RateLimit-Reset", "2025-06-15T15:07Z", milliseconds(20'000)},     // Atlassian form
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ServerRequestedDelay(With(429, c.name, c.value), kNow), c.want)
        << c.name << ": " << c.value;
  }
}

TEST(RateLimitHeadersTest, AbsurdValuesNeitherOverflowNorHang) {
  auto huge = ServerRequestedDelay(With(429, "X-RateLimit-Reset", "9223372036854775807"), kNow);
  ASSERT_TRUE(huge.has_value());
  EXPECT_GT(*huge, milliseconds(0));
  EXPECT_GT(ServerRequestedDelay(With(429, "Retry-After", "1e300"), kNow), milliseconds(0));
  EXPECT_FALSE(
      ServerRequestedDelay(With(429, "Retry-After", "Fri, 01 Jan 9999 00:00:00 GMT"), kNow));
  EXPECT_FALSE(ServerRequestedDelay(With(429, "X-RateLimit-Reset", "9999-01-01T00:00:00Z"), kNow));
  EXPECT_EQ(ServerRequestedDelay(With(429, "X-RateLimit-Reset", "-5"), kNow), milliseconds(0));
  EXPECT_FALSE(ServerRequestedDelay(With(429, "Retry-After", "nan"), kNow));
}

TEST(RateLimitHeadersTest, ResetHeadersOnlyCountWhenRateLimited) {
  UpstreamResponse bad_gateway = With(502, "X-RateLimit-Reset", "1750003600");
  EXPECT_FALSE(ServerRequestedDelay(bad_gateway, kNow).has_value());
  UpstreamResponse both = With(429, "X-RateLimit-Reset", "1750003600");
  both.headers.Set("Retry-After", "3");
  EXPECT_EQ(ServerRequestedDelay(both, kNow), milliseconds(3000));  // Retry-After wins
}

TEST(RateLimitHeadersTest, GitHubForbiddenWithNoRemainingIsRateLimited) {
  UpstreamResponse r = With(403, "X-RateLimit-Remaining", "0");
  r.headers.Set("X-RateLimit-Reset", "1750000010");
  EXPECT_TRUE(IsRateLimited(r));
  EXPECT_EQ(ServerRequestedDelay(r, kNow), milliseconds(10'000));
  EXPECT_FALSE(IsRateLimited(With(403, "X-RateLimit-Remaining", "12")));
  EXPECT_FALSE(IsRateLimited(UpstreamResponse{.status = 403}));
  EXPECT_TRUE(IsRateLimited(UpstreamResponse{.status = 429}));
}

TEST(RateLimitHeadersTest, GitHubSecondaryRateLimitIsRateLimited) {
  UpstreamResponse with_retry_after = With(403, "Retry-After", "60");
  EXPECT_TRUE(IsRateLimited(with_retry_after));
  EXPECT_EQ(ServerRequestedDelay(with_retry_after, kNow), milliseconds(60'000));
  UpstreamResponse message_only{.status = 403};
  message_only.body = R"({"message":"You have exceeded a secondary rate limit. Please wait a few minutes."})";
  EXPECT_TRUE(IsRateLimited(message_only));
  UpstreamResponse forbidden{.status = 403};
  forbidden.body = R"({"message":"Resource not accessible by integration"})";
  EXPECT_FALSE(IsRateLimited(forbidden));
}

}  // namespace
}  // namespace ucf::http
