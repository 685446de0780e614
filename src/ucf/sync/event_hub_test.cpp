#include "ucf/sync/event_hub.hpp"

#include <gtest/gtest.h>

namespace ucf::sync {
namespace {

std::vector<HubEvent> Events(std::int64_t from, std::int64_t to, std::string job = "j1") {
  std::vector<HubEvent> out;
  for (std::int64_t id = from; id <= to; ++id) out.push_back({id, "job.progress", job, {{"i", id}}});
  return out;
}

TEST(EventHubTest, HoldsSubscribedTenantsEventsAfterTheirHeadOnly) {
  EventHub hub(/*capacity=*/3);
  hub.Deliver("a", Events(1, 2));
  EXPECT_TRUE(hub.Subscribed().empty()) << "no window without a subscriber";
  EXPECT_FALSE(hub.Since("a", 0).complete);

  hub.Subscribe("a", 10);
  hub.Subscribe("a", 99);  // the second subscriber shares the first window
  ASSERT_EQ(hub.Subscribed().size(), 1u);
  EXPECT_EQ(hub.Subscribed()[0], (std::pair<std::string, std::int64_t>{"a", 10}));
  hub.Deliver("a", Events(9, 12));  // 9 and 10 are at or below the head: ignored
  auto slice = hub.Since("a", 10);
  ASSERT_TRUE(slice.complete);
  ASSERT_EQ(slice.events.size(), 2u);
  EXPECT_EQ(slice.events[0].id, 11);
  EXPECT_EQ(hub.Since("a", 11).events.size(), 1u) << "resume after an id";
  EXPECT_TRUE(hub.Since("a", 12).complete) << "nothing newer yet is not a gap";
  EXPECT_TRUE(hub.Since("a", 500).events.empty());
  EXPECT_FALSE(hub.Since("a", 9).complete) << "before the window: the database's to serve";
  EXPECT_FALSE(hub.Since("b", 0).complete) << "tenants never see each other's windows";

  // Capacity 3: the oldest go, and a position before them is no longer complete.
  hub.Deliver("a", Events(13, 14));
  EXPECT_FALSE(hub.Since("a", 10).complete) << "11 is gone";
  EXPECT_EQ(hub.Since("a", 11).events.size(), 3u) << "12, 13, 14 are all held";
  auto kept = hub.Since("a", 12);
  ASSERT_TRUE(kept.complete);
  EXPECT_EQ(kept.events.size(), 2u);
  EXPECT_EQ(hub.Since("a", 11 + 1, /*limit=*/1).events.size(), 1u);

  // A jump in ids (events the window missed) restarts the window there.
  hub.Deliver("a", Events(20, 20));
  EXPECT_FALSE(hub.Since("a", 14).complete);
  EXPECT_EQ(hub.Since("a", 19).events.size(), 1u);

  hub.Unsubscribe("a");
  EXPECT_EQ(hub.Subscribed().size(), 1u);
  hub.Unsubscribe("a");
  EXPECT_TRUE(hub.Subscribed().empty()) << "the last stream gone: the window is dropped";
}

TEST(EventHubTest, WaitersAreWokenOnceByTheirTenantsNextEventOrATick) {
  EventHub hub(10, /*max_waiters_per_tenant=*/2);
  hub.Subscribe("a", 0);
  hub.Subscribe("b", 0);
  int woken_a = 0, woken_b = 0;
  ASSERT_TRUE(hub.Await("a", 0, [&] { ++woken_a; }).ok());
  ASSERT_TRUE(hub.Await("b", 0, [&] { ++woken_b; }).ok());
  hub.Deliver("a", Events(1, 1));
  hub.Deliver("a", Events(2, 2));
  EXPECT_EQ(woken_a, 1);
  EXPECT_EQ(woken_b, 0);
  hub.Tick();
  EXPECT_EQ(woken_b, 1);

  // An event newer than `after` is already there: woken at once.
  int now = 0;
  ASSERT_TRUE(hub.Await("a", 0, [&] { ++now; }).ok());
  EXPECT_EQ(now, 1);

  // Cap per tenant; a forgotten waiter frees its slot and is never called.
  hub.Subscribe("c", 0);
  int never = 0;
  auto w1 = hub.Await("c", 0, [&] { ++never; });
  auto w2 = hub.Await("c", 0, [&] { ++never; });
  ASSERT_TRUE(w1.ok() && w2.ok());
  EXPECT_EQ(hub.Await("c", 0, [] {}).status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(hub.Forget(*w1));
  EXPECT_FALSE(hub.Forget(*w1));
  EXPECT_TRUE(hub.Await("c", 0, [] {}).ok());
  EXPECT_TRUE(hub.Forget(*w2));
  hub.Deliver("c", Events(1, 1));
  EXPECT_EQ(never, 0);
}

}  // namespace
}  // namespace ucf::sync
