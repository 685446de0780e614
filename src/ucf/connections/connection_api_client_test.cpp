#include "ucf/connections/connection_api_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "ucf/core/error_details.hpp"
#include "ucf/http/client/fake_http_client.hpp"

namespace ucf::connections {
namespace {

class FakeTokens final : public AccessTokenProvider {
 public:
  absl::StatusOr<std::string> Current(std::string_view, std::string_view) override { return current; }
  absl::StatusOr<std::string> AfterRejected(std::string_view, std::string_view connection,
                                            std::string_view rejected) override {
    ++refreshes;
    last_rejected = std::string(rejected);
    if (!refresh_error.ok()) return refresh_error;
    current = "fresh-token";
    return current;
  }
  std::string current = "old-token";
  std::string last_rejected;
  int refreshes = 0;
  absl::Status refresh_error;
};

http::UpstreamResponse Json(int status, std::string body) {
  http::UpstreamResponse r;
  r.status = status;
  r.headers.Set("Content-Type", "application/json");
  r.body = std::move(body);
  return r;
}

const ApiTarget kTarget{"Jira", "https://acme.example.com/", "t1", "conn-1"};

TEST(ConnectionApiClientTest, BasicCredentialsPathJoinAndHeaders) {
  http::FakeHttpClient http;
  http.Enqueue(Json(200, R"({"ok":true})"));
  ConnectionApiClient api(http, nullptr, kTarget, {ApiCredentials::Kind::kBasic, "ann@example.com", "tok:en"});
  EXPECT_EQ(api.BaseUrl(), "https://acme.example.com");
  auto r = api.Send("POST", "/rest/api/3/issue", R"({"a":1})", {});
  ASSERT_TRUE(r.ok()) << r.status();
  auto sent = http.requests().at(0);
  EXPECT_EQ(sent.url, "https://acme.example.com/rest/api/3/issue");
  EXPECT_EQ(sent.headers.Get("Authorization").value(), "Basic YW5uQGV4YW1wbGUuY29tOnRvazplbg==");
  EXPECT_EQ(sent.headers.Get("Content-Type").value(), "application/json");
  EXPECT_EQ(sent.headers.Get("Accept").value(), "application/json");
  EXPECT_EQ(sent.body, R"({"a":1})");
}

TEST(ConnectionApiClientTest, CredentialsNeverLeaveTheApiOrigin) {
  http::FakeHttpClient http;
  http.Enqueue(Json(200, "{}"));
  ConnectionApiClient api(http, nullptr, kTarget, {ApiCredentials::Kind::kBearerStatic, "", "pat"});
  EXPECT_TRUE(api.Send("GET", "https://ACME.example.com/next?page=2", {}, {}).ok());
  auto other = api.Send("GET", "https://evil.example.net/steal", {}, {});
  EXPECT_EQ(other.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(api.Send("GET", "https://acme.example.com.evil.net/x", {}, {}).ok());
  EXPECT_EQ(http.request_count(), 1u);
  EXPECT_EQ(http.requests().at(0).headers.Get("Authorization").value(), "Bearer pat");
}

TEST(ConnectionApiClientTest, OAuth401RefreshesOnceAndRetries) {
  http::FakeHttpClient http;
  http.Enqueue(Json(401, R"({"code":401,"message":"Unauthorized"})"));
  http.Enqueue(Json(200, R"({"accountId":"a1"})"));
  FakeTokens tokens;
  ConnectionApiClient api(http, &tokens, kTarget, {});
  auto r = api.Send("GET", "/rest/api/3/myself", {}, {});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(tokens.refreshes, 1);
  EXPECT_EQ(tokens.last_rejected, "old-token");
  EXPECT_EQ(http.requests().at(0).headers.Get("Authorization").value(), "Bearer old-token");
  EXPECT_EQ(http.requests().at(1).headers.Get("Authorization").value(), "Bearer fresh-token");
}

TEST(ConnectionApiClientTest, SecondRejectionIsAnErrorNotALoop) {
  http::FakeHttpClient http;
  http.Enqueue(Json(401, R"({"message":"nope"})"));
  http.Enqueue(Json(401, R"({"message":"still nope"})"));
  FakeTokens tokens;
  ConnectionApiClient api(http, &tokens, kTarget, {});
  auto r = api.Send("GET", "/x", {}, {});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(std::string(r.status().message()).find("Jira"), std::string::npos);
  EXPECT_EQ(tokens.refreshes, 1);
  EXPECT_EQ(http.request_count(), 2u);
}

TEST(ConnectionApiClientTest, NeedsReauthFromTheRefresherReachesTheCaller) {
  http::FakeHttpClient http;
  http.Enqueue(Json(401, "{}"));
  FakeTokens tokens;
  tokens.refresh_error = absl::FailedPreconditionError("connection conn-1 needs to be reconnected");
  ConnectionApiClient api(http, &tokens, kTarget, {});
  EXPECT_EQ(api.Send("GET", "/x", {}, {}).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(ConnectionApiClientTest, ProviderErrorsBecomeStatusesWithTheProviderMessage) {
  http::FakeHttpClient http;
  http.Enqueue(Json(404, R"({"errorMessages":["Issue does not exist"]})"));
  ConnectionApiClient api(http, nullptr, kTarget, {ApiCredentials::Kind::kBearerStatic, "", "pat"});
  auto r = api.Send("GET", "/rest/api/3/issue/NOPE-1", {}, {});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(std::string(r.status().message()).find("Issue does not exist"), std::string::npos);
}

TEST(ConnectionApiClientTest, LimiterCapsInFlightRequestsPerConnection) {
  std::atomic<int> in_flight{0}, peak{0};
  http::FakeHttpClient http([&](const http::UpstreamRequest&) -> absl::StatusOr<http::UpstreamResponse> {
    int now = ++in_flight;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {}
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    --in_flight;
    return Json(200, "{}");
  });
  http::ConcurrencyLimiter limiter;
  std::atomic<int> ok{0}, refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i) {
    threads.emplace_back([&] {
      ConnectionApiClient api(http, nullptr, kTarget, {ApiCredentials::Kind::kBearerStatic, "", "pat"}, &limiter, 3);
      auto r = api.Send("GET", "/x", {}, {});
      // Over the limit: refused at once (429), never waiting.
      (r.ok() ? ok : refused) += 1;
      if (!r.ok()) {
        EXPECT_EQ(r.status().code(), absl::StatusCode::kResourceExhausted) << r.status();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_LE(peak.load(), 3);
  EXPECT_GE(ok.load(), 3);
  EXPECT_EQ(ok.load() + refused.load(), 12);
}

TEST(ConnectionApiClientTest, CallLimitsSetEachRequestsTimeoutAndAttempts) {
  http::FakeHttpClient http;
  http.Enqueue(Json(200, "{}"));
  ConnectionApiClient api(http, nullptr, kTarget, {ApiCredentials::Kind::kBearerStatic, "", "pat"}, nullptr, 8,
                          CallLimits{.timeout = std::chrono::milliseconds(1500), .max_attempts = 1});
  ASSERT_TRUE(api.Send("GET", "/x", {}, {}).ok());
  ASSERT_EQ(http.requests().size(), 1u);
  EXPECT_EQ(http.requests()[0].timeout, std::chrono::milliseconds(1500));
  EXPECT_EQ(http.requests()[0].max_attempts, 1);
}

}  // namespace
}  // namespace ucf::connections
