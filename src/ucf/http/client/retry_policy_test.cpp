#include "ucf/http/client/retry_policy.hpp"

#include <gtest/gtest.h>

namespace ucf::http {
namespace {

using std::chrono::milliseconds;

absl::StatusOr<UpstreamResponse> Status(int status) { return UpstreamResponse{.status = status}; }

TEST(RetryPolicyTest, WhatIsRetried) {
  RetryPolicy policy(RetryOptions{});
  UpstreamRequest get{.method = "GET"};
  UpstreamRequest post{.method = "POST"};
  UpstreamRequest keyed_post{.method = "POST"};
  keyed_post.headers.Set("Idempotency-Key", "k1");

  struct Case {
    const UpstreamRequest* request;
    absl::StatusOr<UpstreamResponse> outcome;
    bool retry;
  } cases[] = {
      {&get, Status(429), true},
      {&post, Status(429), true},
      {&get, Status(503), true},
      {&post, Status(503), true},
      {&get, Status(502), true},
      {&get, Status(504), true},
      {&post, Status(502), false},
      {&post, Status(504), false},
      {&keyed_post, Status(504), true},
      {&get, Status(500), false},
      {&get, Status(400), false},
      {&get, Status(401), false},
      {&get, Status(404), false},
      {&get, Status(200), false},
      {&get, absl::UnavailableError("reset"), true},
      {&get, absl::DeadlineExceededError("slow"), true},
      {&post, absl::UnavailableError("reset"), false},
      {&post, absl::DeadlineExceededError("slow"), false},
      {&keyed_post, absl::UnavailableError("reset"), true},
      {&get, absl::PermissionDeniedError("ssrf"), false},
      {&get, absl::ResourceExhaustedError("too large"), false},
      {&get, absl::InvalidArgumentError("bad url"), false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(policy.IsRetryable(*c.request, c.outcome), c.retry)
        << c.request->method << " "
        << (c.outcome.ok() ? std::to_string(c.outcome->status) : c.outcome.status().ToString());
  }
  UpstreamResponse github_limit{.status = 403};
  github_limit.headers.Set("X-RateLimit-Remaining", "0");
  EXPECT_TRUE(policy.IsRetryable(post, github_limit));
}

TEST(RetryPolicyTest, IdempotentMethods) {
  for (const char* m : {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"}) {
    EXPECT_TRUE(RetryPolicy::IsIdempotent({.method = m})) << m;
  }
  for (const char* m : {"POST", "PATCH"}) {
    EXPECT_FALSE(RetryPolicy::IsIdempotent({.method = m})) << m;
  }
}

TEST(RetryPolicyTest, BackoffIsFullJitterUnderAGrowingCappedCeiling) {
  RetryPolicy policy(
      RetryOptions{.base_delay = milliseconds(100), .max_backoff = milliseconds(1000)});
  FixedRandomSource top(0.999999);
  EXPECT_EQ(policy.Backoff(1, top), milliseconds(99));
  EXPECT_EQ(policy.Backoff(2, top), milliseconds(199));
  EXPECT_EQ(policy.Backoff(3, top), milliseconds(399));
  EXPECT_EQ(policy.Backoff(5, top), milliseconds(999));    // capped
  EXPECT_EQ(policy.Backoff(200, top), milliseconds(999));  // no overflow
  FixedRandomSource zero(0.0);
  EXPECT_EQ(policy.Backoff(3, zero), milliseconds(0));

  SeededRandomSource seeded(42);
  bool varied = false;
  milliseconds first = policy.Backoff(4, seeded);
  for (int i = 0; i < 50; ++i) {
    milliseconds d = policy.Backoff(4, seeded);
    EXPECT_GE(d, milliseconds(0));
    EXPECT_LT(d, milliseconds(800));
    varied = varied || d != first;
  }
  EXPECT_TRUE(varied);
}

TEST(RetryPolicyTest, ServerDelayWinsOverBackoff) {
  RetryPolicy policy(RetryOptions{});
  FixedRandomSource random(0.5);
  UpstreamResponse limited{.status = 429};
  limited.headers.Set("Retry-After", "7");
  EXPECT_EQ(policy.Delay(limited, 1, core::TimePoint{}, random), milliseconds(7000));
  EXPECT_EQ(policy.Delay(Status(503), 1, core::TimePoint{}, random), milliseconds(125));
  EXPECT_EQ(policy.Delay(absl::UnavailableError("x"), 2, core::TimePoint{}, random),
            milliseconds(250));
}

}  // namespace
}  // namespace ucf::http
