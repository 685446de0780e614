// Retention and fleet-once chores on real databases (SQLite, and PostgreSQL when the test command
// provides a cluster): old history goes in bounded batches, young history stays; of several
// instances ticking the same chore, exactly one runs each due run.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "tests/support/scratch_database.hpp"
#include "ucf/app/fleet_task.hpp"
#include "ucf/app/retention.hpp"
#include "ucf/crypto/fernet.hpp"
#include "ucf/crypto/key_ring.hpp"
#include "ucf/storage/open/open_database.hpp"

namespace ucf::app {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

class RetentionTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    scratch_ = std::make_unique<testing::ScratchDatabase>(GetParam(), "ucf_retention");
    if (!scratch_->skip_reason().empty()) GTEST_SKIP() << scratch_->skip_reason();
    ASSERT_EQ(scratch_->error(), "");
    clock_.Set(core::TimePoint{} + hours(24 * 20000));
    auto ring = crypto::KeyRing::FromList(crypto::Fernet::GenerateKey(), clock_);
    ASSERT_TRUE(ring.ok());
    ring_ = std::move(*ring);
    db_ = Open();
    ASSERT_NE(db_, nullptr);
    ASSERT_TRUE(db_->Transact(storage::TxMode::kWrite, [](storage::Session& s) {
                     return s.tenants().Create({.id = "a", .name = "A"}).status();
                   }).ok());
  }
  std::unique_ptr<storage::Database> Open() {
    auto db = storage::OpenDatabase(scratch_->options(), *ring_, clock_);
    EXPECT_TRUE(db.ok()) << db.status();
    return db.ok() ? std::move(*db) : nullptr;
  }
  void Audit(int n) {
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(db_->Transact(storage::TxMode::kWrite, [](storage::Session& s) {
                       return s.audit_logs()
                           .Append({.tenant_id = "a", .actor = "system", .action = "x", .target_type = "t",
                                    .target_id = "1"})
                           .status();
                     }).ok());
    }
  }
  std::size_t AuditCount() {
    std::size_t n = 0;
    EXPECT_TRUE(db_->Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
                     auto page = s.audit_logs().List("a", {}, "", 200);
                     if (!page.ok()) return page.status();
                     n = page->items.size();
                     return absl::OkStatus();
                   }).ok());
    return n;
  }

  core::FakeClock clock_;
  std::unique_ptr<testing::ScratchDatabase> scratch_;
  std::unique_ptr<crypto::KeyRing> ring_;
  std::unique_ptr<storage::Database> db_;
};

TEST_P(RetentionTest, PrunesOldHistoryInBoundedRoundsAndKeepsTheRest) {
  Audit(7);
  clock_.Advance(hours(24 * 40));
  Audit(2);
  // Disabled: nothing goes.
  Retention keep_all(*storage::MaintenanceOf(*db_), clock_, {.audit_days = 0, .jobs_days = 0, .deliveries_days = 0, .deleted_records_days = 0, .events_hours = 0});
  EXPECT_EQ(keep_all.Run().value(), 0);
  EXPECT_EQ(AuditCount(), 9u);
  // 30 days, batches of 2, at most 2 batches a round: 4, then 3, then nothing.
  Retention retention(*storage::MaintenanceOf(*db_), clock_, {.audit_days = 30, .batch_size = 2, .max_batches = 2});
  EXPECT_EQ(retention.Run().value(), 4);
  EXPECT_EQ(retention.Run().value(), 3);
  EXPECT_EQ(retention.Run().value(), 0);
  EXPECT_EQ(AuditCount(), 2u);
  // A stop request ends a round before its next batch.
  clock_.Advance(hours(24 * 40));
  std::stop_source stop;
  stop.request_stop();
  EXPECT_EQ(retention.Run(stop.get_token()).value(), 0);
  EXPECT_EQ(AuditCount(), 2u);
}

// Live events are kept UCF_RETENTION_EVENTS_HOURS (hours, not days); the ids go on counting.
TEST_P(RetentionTest, PrunesLiveEventsOlderThanTheirHours) {
  auto append = [&] {
    std::int64_t id = 0;
    EXPECT_TRUE(db_->Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
                     auto appended = s.events().Append("a", "job.progress", "j", {});
                     if (!appended.ok()) return appended.status();
                     id = *appended;
                     return absl::OkStatus();
                   }).ok());
    return id;
  };
  append();
  append();
  clock_.Advance(hours(5));
  append();
  Retention retention(*storage::MaintenanceOf(*db_), clock_,
                      {.audit_days = 0, .jobs_days = 0, .deliveries_days = 0, .deleted_records_days = 0, .events_hours = 4});
  EXPECT_EQ(retention.Run().value(), 2) << "the two events older than 4 hours";
  EXPECT_EQ(retention.Run().value(), 0);
  EXPECT_EQ(append(), 4);
}

// Three "instances" (each its own Database on the same storage) tick one chore together at every
// step of the clock: each due run is claimed by exactly one of them.
TEST_P(RetentionTest, AFleetRunsAChoreOncePerInterval) {
  observability::Logger logger(observability::LoggerOptions{});
  std::vector<std::unique_ptr<storage::Database>> instances;
  for (int i = 0; i < 3; ++i) instances.push_back(Open());
  std::atomic<int> runs{0};
  std::vector<Chore> chores;
  for (int i = 0; i < 3; ++i) {
    chores.push_back(OncePerFleet({"purge", [&]() -> absl::StatusOr<std::int64_t> { return ++runs; }},
                                  MakeFleetClaim(*storage::MaintenanceOf(*instances[i]), clock_, logger, "purge",
                                                 "instance-" + std::to_string(i), seconds(10))));
  }
  for (int step = 0; step < 6; ++step) {
    std::vector<std::thread> ticks;
    std::atomic<int> failed{0};
    for (auto& chore : chores) {
      ticks.emplace_back([&] {
        if (!chore.run().ok()) ++failed;
      });
    }
    for (auto& t : ticks) t.join();
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(runs.load(), step + 1) << "step " << step;
    // Ticks between due runs claim nothing.
    clock_.Advance(seconds(5));
    EXPECT_EQ(chores[step % 3].run().value(), 0);
    clock_.Advance(seconds(5));
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, RetentionTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "postgresql" : "sqlite"; });

}  // namespace
}  // namespace ucf::app
