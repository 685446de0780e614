#include "ucf/http/client/concurrency_limiter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <thread>
#include <vector>

#include "ucf/core/error_details.hpp"

namespace ucf::http {
namespace {

using std::chrono::milliseconds;

TEST(ConcurrencyLimiterTest, GrantsUpToTheLimitThenRefusesAtOnce) {
  ConcurrencyLimiter limiter({.max_in_flight = 2});
  auto a = limiter.Acquire("conn-1");
  auto b = limiter.Acquire("conn-1");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(limiter.InFlight("conn-1"), 2);
  auto start = std::chrono::steady_clock::now();
  auto c = limiter.Acquire("conn-1");
  // Never parks the calling (pool) thread.
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(20));
  EXPECT_EQ(c.status().code(), absl::StatusCode::kResourceExhausted);
  auto details = core::GetDetails(c.status());
  ASSERT_TRUE(details.has_value());
  EXPECT_EQ(details->at("reason"), "concurrency_limit");
  EXPECT_EQ(details->at("limit"), 2);
  EXPECT_EQ(details->at("retryAfterSeconds"), 1);

  auto other = limiter.Acquire("conn-2");  // another key is not affected
  EXPECT_TRUE(other.ok());
}

TEST(ConcurrencyLimiterTest, ReleasingAPermitFreesItsSlot) {
  ConcurrencyLimiter limiter({.max_in_flight = 1});
  std::optional<absl::StatusOr<ConcurrencyLimiter::Permit>> held(limiter.Acquire("k"));
  ASSERT_TRUE(held->ok());
  EXPECT_FALSE(limiter.Acquire("k").ok());
  held.reset();  // release
  EXPECT_EQ(limiter.InFlight("k"), 0);
  EXPECT_TRUE(limiter.Acquire("k").ok());
}

TEST(ConcurrencyLimiterTest, PermitsMoveAndReleaseOnce) {
  ConcurrencyLimiter limiter({.max_in_flight = 1});
  {
    auto permit = limiter.Acquire("k");
    ASSERT_TRUE(permit.ok());
    ConcurrencyLimiter::Permit moved = std::move(*permit);
    EXPECT_EQ(limiter.InFlight("k"), 1);
  }
  EXPECT_EQ(limiter.InFlight("k"), 0);
  EXPECT_TRUE(limiter.Acquire("k").ok());
}

TEST(ConcurrencyLimiterTest, PerCallLimitOverridesTheDefault) {
  ConcurrencyLimiter limiter({.max_in_flight = 1});
  auto a = limiter.Acquire("k", 3);
  auto b = limiter.Acquire("k", 3);
  auto c = limiter.Acquire("k", 3);
  EXPECT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_FALSE(limiter.Acquire("k", 3).ok());
}

TEST(ConcurrencyLimiterTest, ManyThreadsNeverExceedTheLimit) {
  ConcurrencyLimiter limiter({.max_in_flight = 3});
  std::atomic<int> inside{0};
  std::atomic<int> peak{0};
  std::atomic<int> done{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 40; ++i) {
    threads.emplace_back([&] {
      auto permit = limiter.Acquire("k");
      if (!permit.ok()) {
        refused.fetch_add(1);
        return;
      }
      int now = inside.fetch_add(1) + 1;
      int seen = peak.load();
      while (now > seen && !peak.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(milliseconds(2));
      inside.fetch_sub(1);
      done.fetch_add(1);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(done.load() + refused.load(), 40);
  EXPECT_GE(done.load(), 3);
  EXPECT_LE(peak.load(), 3);
  EXPECT_EQ(limiter.InFlight("k"), 0);
}

}  // namespace
}  // namespace ucf::http
