#include "ucf/auth/login_throttle.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace ucf::auth {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(LoginThrottleTest, LocksOutAfterMaxFailuresUntilTheWindowEnds) {
  core::FakeClock clock(core::TimePoint(seconds(1'000'000)));
  LoginThrottle throttle(clock, 3, seconds(10));
  for (int i = 0; i < 2; ++i) throttle.RecordFailure("10.0.0.1");
  EXPECT_FALSE(throttle.RetryAfter("10.0.0.1").has_value()) << "below the threshold";
  throttle.RecordFailure("10.0.0.1");
  EXPECT_EQ(throttle.RetryAfter("10.0.0.1"), 10);
  EXPECT_FALSE(throttle.RetryAfter("10.0.0.2").has_value()) << "other addresses are unaffected";
  clock.Advance(milliseconds(8'500));
  EXPECT_EQ(throttle.RetryAfter("10.0.0.1"), 2) << "rounded up, never early";
  clock.Advance(milliseconds(1'500));
  EXPECT_FALSE(throttle.RetryAfter("10.0.0.1").has_value()) << "the window has ended";
}

TEST(LoginThrottleTest, FailuresInAnEndedWindowStartANewCount) {
  core::FakeClock clock(core::TimePoint(seconds(1'000'000)));
  LoginThrottle throttle(clock, 2, seconds(5));
  throttle.RecordFailure("a");
  clock.Advance(seconds(6));
  throttle.RecordFailure("a");
  EXPECT_FALSE(throttle.RetryAfter("a").has_value()) << "the first failure no longer counts";
  throttle.RecordFailure("a");
  EXPECT_EQ(throttle.RetryAfter("a"), 5);
}

}  // namespace
}  // namespace ucf::auth
