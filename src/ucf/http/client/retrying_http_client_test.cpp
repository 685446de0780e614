#include "ucf/http/client/retrying_http_client.hpp"

#include <gtest/gtest.h>

#include "ucf/http/client/fake_http_client.hpp"
#include "ucf/http/client/http_date.hpp"

namespace ucf::http {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

UpstreamResponse Response(int status, Headers headers = {}) {
  return UpstreamResponse{.status = status, .headers = std::move(headers), .body = ""};
}

Headers Header(std::string_view name, std::string_view value) {
  Headers h;
  h.Set(name, value);
  return h;
}

class RetryingHttpClientTest : public ::testing::Test {
 protected:
  RetryingHttpClientTest() : clock_(core::TimePoint(seconds(1'750'000'000))), sleeper_(&clock_) {}

  RetryingHttpClient Client(RetryOptions options = {}) {
    return RetryingHttpClient(fake_, options, clock_, sleeper_, random_);
  }

  FakeHttpClient fake_;
  core::FakeClock clock_;
  FakeSleeper sleeper_;
  FixedRandomSource random_{0.5};
};

TEST_F(RetryingHttpClientTest, RetriesA503ThenReturnsThe200) {
  fake_.Enqueue(Response(503));
  fake_.Enqueue(Response(200));
  auto client = Client(RetryOptions{.base_delay = milliseconds(100)});
  auto response = client.Send({.url = "https://example.com/"});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(fake_.request_count(), 2u);
  EXPECT_EQ(sleeper_.sleeps(), std::vector<milliseconds>{milliseconds(50)});  // 0.5 * 100
}

TEST_F(RetryingHttpClientTest, RequestsMaxAttemptsOfOneIsNeverRetried) {
  fake_.Enqueue(Response(503));
  fake_.Enqueue(Response(200));
  UpstreamRequest request{.url = "https://example.com/"};
  request.max_attempts = 1;  // onboarding checks: one try, the caller answers at once
  auto response = Client(RetryOptions{.max_attempts = 4}).Send(request);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(fake_.request_count(), 1u);
  EXPECT_TRUE(sleeper_.sleeps().empty());
}

TEST_F(RetryingHttpClientTest, HonoursRetryAfterSeconds) {
  fake_.Enqueue(Response(429, Header("Retry-After", "3")));
  fake_.Enqueue(Response(200));
  auto response = Client().Send({.method = "POST", .url = "https://example.com/"});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(sleeper_.sleeps(), std::vector<milliseconds>{milliseconds(3000)});
}

TEST_F(RetryingHttpClientTest, HonoursRetryAfterHttpDate) {
  fake_.Enqueue(Response(429, Header("Retry-After", FormatHttpDate(clock_.Now() + seconds(12)))));
  fake_.Enqueue(Response(200));
  auto response = Client().Send({.url = "https://example.com/"});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(sleeper_.sleeps(), std::vector<milliseconds>{milliseconds(12'000)});
}

TEST_F(RetryingHttpClientTest, HonoursXRateLimitResetEpoch) {
  Headers h = Header("X-RateLimit-Reset", "1750000020");
  h.Set("X-RateLimit-Remaining", "0");
  fake_.Enqueue(Response(429, h));
  fake_.Enqueue(Response(200));
  auto response = Client().Send({.url = "https://example.com/"});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(sleeper_.sleeps(), std::vector<milliseconds>{milliseconds(20'000)});
}

TEST_F(RetryingHttpClientTest, StopsWhenTheServerAsksForMoreThanTheBudget) {
  fake_.Enqueue(Response(429, Header("Retry-After", "120")));
  fake_.Enqueue(Response(200));
  auto response = Client(RetryOptions{.max_total_wait = milliseconds(30'000)})
                      .Send({.url = "https://example.com/"});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 429);  // the last response, headers intact
  EXPECT_EQ(response->headers.Get("Retry-After"), "120");
  EXPECT_EQ(fake_.request_count(), 1u);
  EXPECT_TRUE(sleeper_.sleeps().empty());
}

TEST_F(RetryingHttpClientTest, BudgetCountsAllWaits) {
  for (int i = 0; i < 5; ++i) fake_.Enqueue(Response(503, Header("Retry-After", "4")));
  auto response = Client(RetryOptions{.max_attempts = 10, .max_total_wait = milliseconds(10'000)})
                      .Send({.url = "https://example.com/"});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(fake_.request_count(), 3u);  // waits 4 s + 4 s; a third 4 s would exceed 10 s
  EXPECT_EQ(sleeper_.total(), milliseconds(8000));
}

TEST_F(RetryingHttpClientTest, StopsAtMaxAttempts) {
  for (int i = 0; i < 10; ++i) fake_.Enqueue(Response(502));
  auto response = Client(RetryOptions{.max_attempts = 3}).Send({.url = "https://example.com/"});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 502);
  EXPECT_EQ(fake_.request_count(), 3u);
  EXPECT_EQ(sleeper_.sleeps().size(), 2u);
  EXPECT_EQ(sleeper_.sleeps()[0], milliseconds(125));  // 0.5 * 250
  EXPECT_EQ(sleeper_.sleeps()[1], milliseconds(250));  // 0.5 * 500
}

TEST_F(RetryingHttpClientTest, DoesNotRetryA400) {
  fake_.Enqueue(Response(400));
  fake_.Enqueue(Response(200));
  auto response = Client().Send({.url = "https://example.com/"});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(fake_.request_count(), 1u);
  EXPECT_EQ(fake_.pending(), 1u);
}

TEST_F(RetryingHttpClientTest, DoesNotRetryAPostAfterATransportError) {
  fake_.Enqueue(absl::UnavailableError("connection reset"));
  fake_.Enqueue(Response(200));
  auto response = Client().Send({.method = "POST", .url = "https://example.com/", .body = "{}"});
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(fake_.request_count(), 1u);
}

TEST_F(RetryingHttpClientTest, RetriesAGetAfterTransportErrors) {
  fake_.Enqueue(absl::UnavailableError("connection reset"));
  fake_.Enqueue(absl::DeadlineExceededError("timed out"));
  fake_.Enqueue(Response(200));
  auto response = Client().Send({.url = "https://example.com/"});
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(fake_.request_count(), 3u);
}

TEST_F(RetryingHttpClientTest, ReturnsTheLastTransportError) {
  for (int i = 0; i < 4; ++i) fake_.Enqueue(absl::DeadlineExceededError("timed out"));
  auto response = Client().Send({.url = "https://example.com/"});
  EXPECT_EQ(response.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(fake_.request_count(), 4u);
}

}  // namespace
}  // namespace ucf::http

namespace ucf::http {
namespace {

TEST(RetryMetricsTest, RetriesAndRateLimitWaitsAreCountedByReason) {
  FakeHttpClient fake;
  core::FakeClock clock(core::TimePoint(std::chrono::seconds(1'750'000'000)));
  FakeSleeper sleeper(&clock);
  FixedRandomSource random{0.5};
  observability::MetricsRegistry metrics;
  RetryingHttpClient client(fake, RetryOptions{.base_delay = std::chrono::milliseconds(100)}, clock, sleeper, random,
                            &metrics);
  Headers retry_after;
  retry_after.Set("Retry-After", "2");
  fake.Enqueue(UpstreamResponse{.status = 429, .headers = retry_after, .body = ""});
  fake.Enqueue(UpstreamResponse{.status = 503, .headers = {}, .body = ""});
  fake.Enqueue(UpstreamResponse{.status = 200, .headers = {}, .body = ""});
  ASSERT_EQ(client.Send({.url = "https://example.com/"})->status, 200);
  std::string text = metrics.RenderPrometheus();
  EXPECT_NE(text.find(R"(ucf_upstream_retries_total{reason="rate_limited"} 1)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(ucf_upstream_retries_total{reason="server_error"} 1)"), std::string::npos) << text;
  EXPECT_NE(text.find("ucf_upstream_rate_limit_wait_seconds_total 2"), std::string::npos) << text;
}

}  // namespace
}  // namespace ucf::http
