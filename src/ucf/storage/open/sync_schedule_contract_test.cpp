// SyncScheduleStore on both engines: upsert, list, delete, tenant isolation, and concurrent
// claimers taking every due fire exactly once.

#include <map>
#include <mutex>
#include <thread>

#include "ucf/storage/open/contract_test_fixture.hpp"

namespace ucf::storage::test_support {
namespace {

using std::chrono::seconds;

TEST_P(StorageContractTest, SyncSchedulesUpsertListDeleteAndIsolateTenants) {
  AddTenant("a");
  AddTenant("b");
  ConnectionRecord c = AddConnection("a", "main");
  core::TimePoint t0 = clock_.Now();
  auto put = Write([&](Session& s) {
    return s.sync_schedules().Put({.tenant_id = "a", .connection_id = c.id, .model = "issues",
                                   .every_seconds = 60, .full_every = 3, .next_fire_at = t0 + seconds(60)});
  });
  ASSERT_TRUE(put.ok()) << put.status();
  EXPECT_EQ(put->runs, 0);
  ASSERT_TRUE(Write([&](Session& s) { return s.sync_schedules().Fired(*put, t0 + seconds(120), true); }).ok());
  auto replaced = Write([&](Session& s) {
    return s.sync_schedules().Put({.tenant_id = "a", .connection_id = c.id, .model = "issues",
                                   .every_seconds = 30, .full_every = 0, .next_fire_at = t0 + seconds(30)});
  });
  ASSERT_TRUE(replaced.ok()) << replaced.status();
  EXPECT_EQ(replaced->every_seconds, 30);
  EXPECT_EQ(replaced->runs, 1) << "runs survive a replace";
  auto listed = Read([&](Session& s) { return s.sync_schedules().List("a", c.id); });
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].next_fire_at, t0 + seconds(30));
  EXPECT_EQ(Read([&](Session& s) { return s.sync_schedules().List("b", c.id); })->size(), 0u);
  EXPECT_EQ(Write([&](Session& s) {
              return s.sync_schedules().Put({.tenant_id = "b", .connection_id = c.id, .model = "issues",
                                             .every_seconds = 30, .next_fire_at = t0});
            }).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(Write([&](Session& s) { return s.sync_schedules().Delete("b", c.id, "issues"); }).code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(Write([&](Session& s) { return s.sync_schedules().Delete("a", c.id, "issues"); }).ok());
  EXPECT_EQ(Write([&](Session& s) { return s.sync_schedules().Delete("a", c.id, "issues"); }).code(),
            absl::StatusCode::kNotFound);
}

TEST_P(StorageContractTest, ConcurrentSchedulersFireEachDueScheduleOnce) {
  AddTenant("a");
  constexpr int kSchedules = 12;
  core::TimePoint t0 = clock_.Now();
  for (int i = 0; i < kSchedules; ++i) {
    ConnectionRecord c = AddConnection("a", "c" + std::to_string(i));
    ASSERT_TRUE(Write([&](Session& s) {
                  return s.sync_schedules().Put({.tenant_id = "a", .connection_id = c.id, .model = "issues",
                                                 .every_seconds = 3600, .next_fire_at = t0});
                }).ok());
  }
  std::mutex mu;
  std::map<std::string, int> fired;  // connection → fires
  std::vector<std::thread> schedulers;
  for (int w = 0; w < 4; ++w) {
    schedulers.emplace_back([&] {
      for (int round = 0; round < 20; ++round) {
        absl::StatusOr<int> n = Write([&](Session& s) -> absl::StatusOr<int> {
          auto due = s.sync_schedules().ClaimDue(t0, 2);
          if (!due.ok()) return due.status();
          for (const auto& d : *due) {
            if (auto st = s.sync_schedules().Fired(d, t0 + seconds(3600), true); !st.ok()) return st;
          }
          std::lock_guard lock(mu);
          for (const auto& d : *due) ++fired[d.connection_id];
          return static_cast<int>(due->size());
        });
        if (!n.ok()) {
          ADD_FAILURE() << n.status();
          return;
        }
      }
    });
  }
  for (auto& t : schedulers) t.join();
  EXPECT_EQ(fired.size(), static_cast<std::size_t>(kSchedules));
  for (const auto& [connection, n] : fired) EXPECT_EQ(n, 1) << connection;
}

}  // namespace
}  // namespace ucf::storage::test_support
