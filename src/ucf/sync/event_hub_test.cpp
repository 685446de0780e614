#include "ucf/sync/event_hub.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace ucf::sync {
namespace {

TEST(EventHubTest, KeepsTheLastEventsPerTenantWithAscendingIds) {
  EventHub hub(/*capacity=*/3);
  std::int64_t start = hub.LastId();
  std::int64_t first = hub.Publish("a", "job.queued", "j1", {});
  EXPECT_GT(first, start);
  for (int i = 0; i < 4; ++i) hub.Publish("a", "job.progress", "j1", {{"i", i}});
  hub.Publish("b", "job.queued", "j2", {});
  auto a = hub.Since("a", 0);
  ASSERT_EQ(a.size(), 3u) << "capacity per tenant";
  EXPECT_EQ(a[0].data.at("i").as_int64(), 1);
  EXPECT_LT(a[0].id, a[2].id);
  EXPECT_EQ(hub.Since("a", a[1].id).size(), 1u) << "resume after an id";
  ASSERT_EQ(hub.Since("b", 0).size(), 1u) << "tenants never see each other's events";
  EXPECT_EQ(hub.Since("c", 0).size(), 0u);
  std::this_thread::sleep_for(std::chrono::milliseconds(2));  // a restart takes longer than that
  EventHub later;
  EXPECT_GT(later.Publish("a", "x", "", {}), hub.LastId()) << "a restarted process keeps counting up";
}

TEST(EventHubTest, WaitersAreWokenOnceByTheirTenantsNextEventOrATick) {
  EventHub hub(10, /*max_waiters_per_tenant=*/2);
  int woken_a = 0, woken_b = 0;
  ASSERT_TRUE(hub.Await("a", hub.LastId(), [&] { ++woken_a; }).ok());
  ASSERT_TRUE(hub.Await("b", hub.LastId(), [&] { ++woken_b; }).ok());
  hub.Publish("a", "job.queued", "j", {});
  hub.Publish("a", "job.queued", "j", {});
  EXPECT_EQ(woken_a, 1);
  EXPECT_EQ(woken_b, 0);
  hub.Tick();
  EXPECT_EQ(woken_b, 1);

  // An event newer than `after` is already there: woken at once.
  int now = 0;
  ASSERT_TRUE(hub.Await("a", 0, [&] { ++now; }).ok());
  EXPECT_EQ(now, 1);

  // Cap per tenant; a forgotten waiter frees its slot and is never called.
  int never = 0;
  auto w1 = hub.Await("c", hub.LastId(), [&] { ++never; });
  auto w2 = hub.Await("c", hub.LastId(), [&] { ++never; });
  ASSERT_TRUE(w1.ok() && w2.ok());
  EXPECT_EQ(hub.Await("c", hub.LastId(), [] {}).status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(hub.Forget(*w1));
  EXPECT_FALSE(hub.Forget(*w1));
  EXPECT_TRUE(hub.Await("c", hub.LastId(), [] {}).ok());
  EXPECT_TRUE(hub.Forget(*w2));
  hub.Publish("c", "job.queued", "j", {});
  EXPECT_EQ(never, 0);
}

}  // namespace
}  // namespace ucf::sync
