#include "ucf/sync/event_tail.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "tests/support/scratch_sqlite.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/observability/logger.hpp"

namespace ucf::sync {
namespace {

class EventTailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_ = std::make_unique<testing::ScratchSqlite>(clock_);
    for (const char* t : {"a", "b", "c"}) {
      ASSERT_TRUE(db().Transact(storage::TxMode::kWrite, [&](storage::Session& s) {
                        return s.tenants().Create({.id = t, .name = t}).status();
                      }).ok());
    }
  }
  storage::Database& db() { return scratch_->db(); }
  // `n` events of `tenant`, one transaction each.
  void Append(std::string_view tenant, int n, std::string_view job = "j1") {
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(db().Transact(storage::TxMode::kWrite, [&](storage::Session& s) {
                        return s.events().Append(tenant, "job.progress", job, {{"i", i}}).status();
                      }).ok());
    }
  }
  std::vector<std::int64_t> Held(EventHub& hub, std::string_view tenant, std::int64_t after = 0) {
    std::vector<std::int64_t> ids;
    for (const HubEvent& e : hub.Since(tenant, after, 10'000).events) ids.push_back(e.id);
    return ids;
  }

  core::FakeClock clock_{core::TimePoint(std::chrono::hours(500'000))};
  std::unique_ptr<testing::ScratchSqlite> scratch_;
};

TEST_F(EventTailTest, DeliversTheNotifiedSubscribedTenantsEventsInOrder) {
  EventHub hub;
  EventTail tail(db(), hub);
  Append("a", 2);
  hub.Subscribe("a", 1);  // a stream opened when the tenant's head was 1
  hub.Subscribe("b", 0);
  Append("a", 2);
  Append("b", 1);
  Append("c", 1);  // nobody here streams c
  tail.Notify("a");
  tail.Notify("c");
  auto more = tail.Round(false);
  ASSERT_TRUE(more.ok()) << more.status();
  EXPECT_FALSE(*more);
  EXPECT_EQ(Held(hub, "a", 1), (std::vector<std::int64_t>{2, 3, 4}));
  EXPECT_TRUE(Held(hub, "b").empty()) << "not notified yet: left to the poll";
  EXPECT_FALSE(hub.Since("c", 0).complete) << "an unsubscribed tenant is never read";
  ASSERT_TRUE(tail.Round(/*everyone=*/true).ok());
  EXPECT_EQ(Held(hub, "b"), std::vector<std::int64_t>{1}) << "the poll reads every subscribed tenant";
  EXPECT_EQ(hub.Since("b", 0).events[0].data.at("i"), 0);
}

TEST_F(EventTailTest, OneTenantsBacklogDoesNotDelayAnothersEvents) {
  EventHub hub(/*capacity=*/10'000);
  EventTail tail(db(), hub, {.batch = 50});
  hub.Subscribe("a", 0);
  hub.Subscribe("b", 0);
  Append("a", 400);
  Append("b", 1);
  tail.Notify("a");
  tail.Notify("b");
  auto more = tail.Round(false);
  ASSERT_TRUE(more.ok());
  EXPECT_TRUE(*more) << "a has more than one batch";
  EXPECT_EQ(Held(hub, "b"), std::vector<std::int64_t>{1}) << "b is served in the first round";
  EXPECT_EQ(Held(hub, "a").size(), 50u) << "a gets one batch per round, like everyone";
  int rounds = 1;
  while (*more && rounds < 100) {
    more = tail.Round(false);
    ASSERT_TRUE(more.ok());
    ++rounds;
  }
  EXPECT_EQ(rounds, 9) << "400 events in batches of 50, the last round finding nothing more";
  std::vector<std::int64_t> ids = Held(hub, "a");
  ASSERT_EQ(ids.size(), 400u);
  for (std::size_t i = 0; i < ids.size(); ++i) ASSERT_EQ(ids[i], static_cast<std::int64_t>(i + 1));
}

TEST_F(EventTailTest, ACommitWakesTheRunningTailThroughTheEventsHook) {
  EventHub hub;
  // A poll far away: only the hook's wake can deliver within the wait below.
  EventTail tail(db(), hub, {.poll = std::chrono::minutes(10)});
  db().SetEventsHook([&](const std::vector<std::string>& tenants) {
    for (const auto& t : tenants) tail.Notify(t);
  });
  observability::Logger logger{observability::LoggerOptions{}};
  tail.Start(nullptr, logger);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the loop's first (poll) round is over
  hub.Subscribe("a", 0);
  int woken = 0;
  ASSERT_TRUE(hub.Await("a", 0, [&] { ++woken; }).ok());
  Append("a", 1);
  for (int i = 0; i < 200 && Held(hub, "a").empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(Held(hub, "a"), std::vector<std::int64_t>{1});
  EXPECT_EQ(woken, 1) << "the stream waiting on the hub is woken";
  tail.Stop();
  db().SetEventsHook(nullptr);
}

}  // namespace
}  // namespace ucf::sync
