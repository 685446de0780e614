// LimitedHttpClient over the real CurlHttpClient and a real local server that counts how many
// requests per key it is serving at once.

#include "ucf/http/client/limited_http_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "ucf/http/client/curl_http_client.hpp"
#include "ucf/http/client/fake_http_client.hpp"
#include "ucf/http/client/upstream_test_server.hpp"

namespace ucf::http {
namespace {

using std::chrono::milliseconds;

// In-flight requests per "X-Key", and the peak of each, as the server sees them.
class InFlightCounter {
 public:
  void Enter(const std::string& key) {
    std::lock_guard lock(mu_);
    int now = ++current_[key];
    peak_[key] = std::max(peak_[key], now);
  }
  void Leave(const std::string& key) {
    std::lock_guard lock(mu_);
    --current_[key];
  }
  int Peak(const std::string& key) {
    std::lock_guard lock(mu_);
    return peak_[key];
  }

 private:
  std::mutex mu_;
  std::map<std::string, int> current_;
  std::map<std::string, int> peak_;
};

TEST(LimitedHttpClientTest, BurstOnOneKeyNeverExceedsItsLimitAndOtherKeysFlow) {
  constexpr int kLimit = 3;
  constexpr int kBurst = 50;
  InFlightCounter counter;
  std::unique_ptr<UpstreamTestServer> server;
  server = std::make_unique<UpstreamTestServer>(
      [&](const Request& request, UpstreamTestServer::Respond respond) {
        std::string key(request.headers.Get("X-Key").value_or(""));
        counter.Enter(key);
        server->RespondAfter(
            milliseconds(20),
            [&counter, key, respond = std::move(respond)](Response r) {
              counter.Leave(key);
              respond(std::move(r));
            },
            Response::Text(200, "ok", "text/plain"));
      });
  CurlHttpClient curl(CurlHttpClientOptions{.allow_private_networks = true});
  ConcurrencyLimiter limiter({.max_in_flight = kLimit});
  LimitedHttpClient busy(curl, limiter, "conn-busy");
  LimitedHttpClient quiet(curl, limiter, "conn-quiet");

  std::atomic<int> busy_ok{0};
  std::atomic<int> busy_refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kBurst; ++i) {
    threads.emplace_back([&] {
      UpstreamRequest request{.url = server->Url("/busy")};
      request.headers.Set("X-Key", "conn-busy");
      auto response = busy.Send(request);
      if (response.ok() && response->status == 200) busy_ok.fetch_add(1);
      if (response.status().code() == absl::StatusCode::kResourceExhausted) busy_refused.fetch_add(1);
    });
  }
  // The burst holds its 3 permits (the rest is refused at once, nothing waits); the other key's
  // call goes straight through.
  std::this_thread::sleep_for(milliseconds(5));
  UpstreamRequest request{.url = server->Url("/quiet")};
  request.headers.Set("X-Key", "conn-quiet");
  auto response = quiet.Send(request);
  EXPECT_TRUE(response.ok()) << response.status();  // no ASSERT: the threads must be joined

  for (auto& t : threads) t.join();
  EXPECT_EQ(busy_ok.load() + busy_refused.load(), kBurst);
  EXPECT_GE(busy_ok.load(), kLimit);
  EXPECT_GT(busy_refused.load(), 0);
  // Refused calls never reached the provider.
  EXPECT_EQ(server->requests(), busy_ok.load() + 1);
  EXPECT_EQ(counter.Peak("conn-busy"), kLimit);  // reached, never exceeded
  EXPECT_EQ(counter.Peak("conn-quiet"), 1);
  EXPECT_EQ(limiter.InFlight("conn-busy"), 0);
  server.reset();
}

TEST(LimitedHttpClientTest, PerConnectionLimitOverride) {
  FakeHttpClient fake([](const UpstreamRequest&) -> absl::StatusOr<UpstreamResponse> {
    return UpstreamResponse{.status = 200};
  });
  ConcurrencyLimiter limiter({.max_in_flight = 1});
  auto held = limiter.Acquire("conn", 2);
  ASSERT_TRUE(held.ok());
  LimitedHttpClient two(fake, limiter, "conn", 2);
  EXPECT_TRUE(two.Send({.url = "https://example.com/"}).ok());
  LimitedHttpClient one(fake, limiter, "conn");
  EXPECT_EQ(one.Send({.url = "https://example.com/"}).status().code(),
            absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(fake.request_count(), 1u);
}

}  // namespace
}  // namespace ucf::http
