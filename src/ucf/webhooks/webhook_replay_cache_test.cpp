#include "ucf/webhooks/webhook_replay_cache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ucf::webhooks {
namespace {

using std::chrono::seconds;

const core::TimePoint kNow{seconds(1'800'000'000)};

TEST(WebhookReplayCacheTest, ATokenIsAcceptedOnceWhileItLives) {
  WebhookReplayCache cache;
  EXPECT_TRUE(cache.FirstUse("jti:a", kNow + seconds(180), kNow).ok());
  absl::Status again = cache.FirstUse("jti:a", kNow + seconds(180), kNow + seconds(10));
  EXPECT_EQ(again.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(cache.FirstUse("jti:b", kNow + seconds(180), kNow).ok());
  // After its expiry it is forgotten (the verifier refuses it as expired by then anyway).
  EXPECT_TRUE(cache.FirstUse("jti:c", kNow + seconds(500), kNow + seconds(200)).ok());
  EXPECT_EQ(cache.size(), 1u);
}

TEST(WebhookReplayCacheTest, BoundedAndNeverForgetsALiveToken) {
  WebhookReplayCache cache(3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(cache.FirstUse("k" + std::to_string(i), kNow + seconds(60 + i), kNow).ok());
  }
  EXPECT_EQ(cache.FirstUse("k3", kNow + seconds(60), kNow).code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(cache.FirstUse("k0", kNow + seconds(60), kNow).code(), absl::StatusCode::kUnauthenticated);
  // Once the first expires there is room again.
  EXPECT_TRUE(cache.FirstUse("k3", kNow + seconds(120), kNow + seconds(61)).ok());
  EXPECT_EQ(cache.size(), 3u);
}

}  // namespace
}  // namespace ucf::webhooks
