// Contract: fleet-wide run claims (one winner per due run, also under concurrency) and retention
// batches (only old rows of the right kind, at most `batch` per call).

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "ucf/storage/open/contract_test_fixture.hpp"
#include "ucf/storage/open/open_database.hpp"

namespace ucf::storage::test_support {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

TEST_P(StorageContractTest, RunClaimsHaveOneWinnerPerDueRun) {
  core::TimePoint now = clock_.Now();
  Maintenance& m = *MaintenanceOf(db());
  auto claim = [&](const char* owner, core::TimePoint at) { return m.ClaimRun("retention", owner, at, at + seconds(10)); };
  UCF_ASSERT_OK_AND_ASSIGN(bool first, claim("a", now));
  EXPECT_TRUE(first);
  UCF_ASSERT_OK_AND_ASSIGN(bool again, claim("b", now + seconds(9)));
  EXPECT_FALSE(again) << "not due yet";
  UCF_ASSERT_OK_AND_ASSIGN(bool due, claim("b", now + seconds(10)));
  EXPECT_TRUE(due);
  // Another task is independent.
  UCF_ASSERT_OK_AND_ASSIGN(bool other, m.ClaimRun("webhook keeper", "a", now, now + seconds(1)));
  EXPECT_TRUE(other);

  // Eight claimers at once, each in its own transaction: exactly one wins.
  core::TimePoint later = now + seconds(100);
  std::atomic<int> winners{0}, errors{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto r = m.ClaimRun("retention", "t" + std::to_string(i), later, later + seconds(10));
      if (!r.ok()) ++errors;
      if (r.ok() && *r) ++winners;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(winners.load(), 1);
}

TEST_P(StorageContractTest, RetentionPrunesOnlyOldRowsInBatches) {
  AddTenant("a");
  ConnectionRecord c = AddConnection("a", "main");
  UCF_ASSERT_OK_AND_ASSIGN(WebhookSubscriptionRecord sub, Write([&](Session& s) {
                             return s.webhook_subscriptions().Create(
                                 {.tenant_id = "a", .url = "https://app/hook", .secret = "s"});
                           }));
  // Writes one generation of history at the clock's current time: 3 audit entries, a finished and
  // a queued job, a delivered and a pending delivery, a deleted and a live record.
  int generation = 0;
  auto write_history = [&] {
    ++generation;
    for (int i = 0; i < 3; ++i) {
      UCF_ASSERT_OK(Write([&](Session& s) {
        return s.audit_logs().Append({.tenant_id = "a", .actor = "system", .action = "x", .target_type = "t",
                                      .target_id = "1"});
      }));
    }
    const std::string g = std::to_string(generation);
    UCF_ASSERT_OK(Write([&](Session& s) -> absl::Status {
      UCF_ASSIGN_OR_RETURN(JobRecord done, s.jobs().Create({.tenant_id = "a", .connection_id = c.id, .type = "sync"}));
      UCF_RETURN_IF_ERROR(s.jobs().Create({.tenant_id = "a", .connection_id = c.id, .type = "sync"}).status());
      JobUpdate finished;
      finished.status = JobStatus::kSucceeded;  // stamps finished_at
      UCF_RETURN_IF_ERROR(s.jobs().Update("a", done.id, finished).status());
      UCF_ASSIGN_OR_RETURN(WebhookDeliveryRecord sent,
                           s.webhook_deliveries().Create({.tenant_id = "a", .subscription_id = sub.id, .event = "e"}));
      UCF_RETURN_IF_ERROR(
          s.webhook_deliveries().Create({.tenant_id = "a", .subscription_id = sub.id, .event = "e"}).status());
      UCF_RETURN_IF_ERROR(s.webhook_deliveries()
                              .Update("a", sent.id, {.status = std::string(kDeliverySucceeded), .attempts = 1})
                              .status());
      SyncedRecord gone{.model = "issue", .external_id = "gone-" + g, .hash = "h"};
      SyncedRecord live{.model = "issue", .external_id = "live-" + g, .hash = "h"};
      UCF_RETURN_IF_ERROR(s.records().UpsertBatch("a", c.id, std::vector<SyncedRecord>{gone, live}).status());
      std::vector<std::string> ids{gone.external_id};
      return s.records().MarkDeleted("a", c.id, "issue", ids).status();
    }));
  };
  write_history();
  clock_.Advance(hours(24 * 40));
  write_history();
  const core::TimePoint cutoff = clock_.Now() - hours(24 * 30);

  auto prune_all = [&](Prunable what, int batch, std::vector<std::int64_t>* batches) {
    for (int i = 0; i < 20; ++i) {
      auto n = MaintenanceOf(db())->PruneBatch(what, cutoff, batch);
      ASSERT_TRUE(n.ok()) << n.status();
      if (*n == 0) return;
      batches->push_back(*n);
    }
  };
  std::vector<std::int64_t> audit, jobs, deliveries, records;
  prune_all(Prunable::kAuditLogs, 2, &audit);
  prune_all(Prunable::kFinishedJobs, 2, &jobs);
  prune_all(Prunable::kWebhookDeliveries, 2, &deliveries);
  prune_all(Prunable::kDeletedRecords, 2, &records);
  EXPECT_EQ(audit, (std::vector<std::int64_t>{2, 1})) << "3 old entries in batches of at most 2";
  EXPECT_EQ(jobs, std::vector<std::int64_t>{1}) << "only the old finished job";
  EXPECT_EQ(deliveries, std::vector<std::int64_t>{1}) << "only the old delivered one";
  EXPECT_EQ(records, std::vector<std::int64_t>{1}) << "only the old deleted record";

  // What is left: the new generation whole, and the old rows retention must keep.
  UCF_ASSERT_OK_AND_ASSIGN(auto left_audit, Read([&](Session& s) { return s.audit_logs().List("a", {}, "", 100); }));
  EXPECT_EQ(left_audit.items.size(), 3u);
  UCF_ASSERT_OK_AND_ASSIGN(auto left_jobs, Read([&](Session& s) { return s.jobs().List("a", {}, "", 100); }));
  EXPECT_EQ(left_jobs.items.size(), 3u) << "the old queued job stays";
  UCF_ASSERT_OK_AND_ASSIGN(auto left_deliveries,
                           Read([&](Session& s) { return s.webhook_deliveries().List("a", {}, "", 100); }));
  EXPECT_EQ(left_deliveries.items.size(), 3u) << "the old pending delivery stays";
  EXPECT_EQ(Read([&](Session& s) { return s.records().Get("a", c.id, "issue", "gone-1"); }).status().code(),
            absl::StatusCode::kNotFound);
  UCF_EXPECT_OK(Read([&](Session& s) { return s.records().Get("a", c.id, "issue", "live-1"); }));
  UCF_EXPECT_OK(Read([&](Session& s) { return s.records().Get("a", c.id, "issue", "gone-2"); }));
  EXPECT_EQ(MaintenanceOf(db())->PruneBatch(Prunable::kAuditLogs, cutoff, 0).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ucf::storage::test_support
