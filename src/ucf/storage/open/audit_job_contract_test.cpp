// Contract: audit log (filters, newest-first pagination) and jobs (queue, leases, cancel).

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "ucf/storage/open/contract_test_fixture.hpp"

namespace ucf::storage::test_support {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

AuditLogRecord Entry(const std::string& tenant, const std::string& actor, const std::string& action,
                     const std::string& target_id) {
  return {.tenant_id = tenant,
          .actor = actor,
          .action = action,
          .target_type = "connection",
          .target_id = target_id,
          .request_id = "req-1",
          .client_address = "127.0.0.1",
          .details = {{"connectorId", "jira"}}};
}

TEST_P(StorageContractTest, AuditLogFiltersAndPagesNewestFirst) {
  UCF_ASSERT_OK_AND_ASSIGN(
      AuditLogRecord first, Write([&](Session& s) {
        return s.audit_logs().Append(Entry("a", "key_1", "connection.created", "con_1"));
      }));
  EXPECT_TRUE(first.id.starts_with("aud_"));
  EXPECT_EQ(first.outcome, "success");
  EXPECT_EQ(first.request_id, "req-1");
  EXPECT_EQ(first.client_address, "127.0.0.1");
  EXPECT_EQ(first.details.at("connectorId"), "jira");
  core::TimePoint start = clock_.Now();

  // 30 more entries, one second apart; three actions, two actors, three targets.
  const std::vector<std::string> actions = {"connection.updated", "token.stored", "key.created"};
  for (int i = 1; i <= 30; ++i) {
    clock_.Advance(seconds(1));
    AuditLogRecord e =
        Entry("a", i % 2 ? "key_1" : "system", actions[i % 3], "con_" + std::to_string(i % 3));
    if (i == 7) e.outcome = "failure";
    UCF_ASSERT_OK(Write([&](Session& s) { return s.audit_logs().Append(e); }));
  }
  UCF_ASSERT_OK(Write([&](Session& s) {
    return s.audit_logs().Append(Entry("b", "key_9", "token.stored", "con_1"));
  }));

  // Every page newest first; pages chain without gaps or repeats.
  std::vector<AuditLogRecord> all;
  std::string cursor;
  int pages = 0;
  do {
    UCF_ASSERT_OK_AND_ASSIGN(Page<AuditLogRecord> page, Read([&](Session& s) {
                               return s.audit_logs().List("a", {}, cursor, 7);
                             }));
    ++pages;
    all.insert(all.end(), page.items.begin(), page.items.end());
    cursor = page.next.value_or("");
  } while (!cursor.empty());
  EXPECT_EQ(pages, 5);
  ASSERT_EQ(all.size(), 31u);
  for (std::size_t i = 0; i + 1 < all.size(); ++i)
    EXPECT_GT(all[i].created_at, all[i + 1].created_at);
  EXPECT_EQ(all.back().id, first.id);
  for (const AuditLogRecord& e : all) EXPECT_EQ(e.tenant_id, "a");

  auto list = [&](const AuditLogFilter& filter) {
    absl::StatusOr<Page<AuditLogRecord>> page =
        Read([&](Session& s) { return s.audit_logs().List("a", filter, "", 100); });
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? page->items : std::vector<AuditLogRecord>{};
  };
  EXPECT_EQ(list({.action = "token.stored"}).size(), 10u);
  EXPECT_EQ(list({.actor = "system"}).size(), 15u);
  auto target = list({.target_type = "connection", .target_id = "con_1"});
  EXPECT_EQ(target.size(), 11u);  // i = 1, 4, …, 28 and the first entry
  for (const AuditLogRecord& e : target) EXPECT_EQ(e.target_id, "con_1");
  auto combined = list({.action = "connection.updated", .actor = "system"});
  for (const AuditLogRecord& e : combined) {
    EXPECT_EQ(e.action, "connection.updated");
    EXPECT_EQ(e.actor, "system");
  }
  EXPECT_EQ(combined.size(), 5u);  // i = 6, 12, 18, 24, 30
  // since is inclusive, until exclusive.
  auto window = list({.since = start + seconds(10), .until = start + seconds(20)});
  ASSERT_EQ(window.size(), 10u);
  EXPECT_EQ(window.front().created_at, start + seconds(19));
  EXPECT_EQ(window.back().created_at, start + seconds(10));
  auto failures = list({.target_id = "con_1", .since = start + seconds(7)});
  EXPECT_EQ(failures.back().outcome, "failure");

  UCF_ASSERT_OK_AND_ASSIGN(Page<AuditLogRecord> of_b,
                           Read([&](Session& s) { return s.audit_logs().List("b", {}, "", 100); }));
  ASSERT_EQ(of_b.items.size(), 1u);
  EXPECT_EQ(of_b.items[0].actor, "key_9");
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.audit_logs().List("a", {}, "%%%", 10); }),
                  kInvalidArgument);
}

TEST_P(StorageContractTest, JobsLeaseLifecycle) {
  AddTenant("a");
  ConnectionRecord c = AddConnection("a", "main");
  UCF_EXPECT_CODE(
      Write([&](Session& s) {
        return s.jobs().Create({.tenant_id = "a", .connection_id = "con_missing", .type = "sync"});
      }),
      kNotFound);
  UCF_ASSERT_OK_AND_ASSIGN(
      JobRecord job, Write([&](Session& s) {
        return s.jobs().Create(
            {.tenant_id = "a", .connection_id = c.id, .type = "sync", .params = {{"full", true}}});
      }));
  EXPECT_TRUE(job.id.starts_with("job_"));
  EXPECT_EQ(job.status, JobStatus::kQueued);
  EXPECT_EQ(job.attempt, 0);
  EXPECT_EQ(job.params.at("full"), true);
  EXPECT_FALSE(job.lease_owner.has_value());

  clock_.Advance(seconds(1));
  core::TimePoint t1 = clock_.Now();
  UCF_ASSERT_OK_AND_ASSIGN(std::optional<JobRecord> claimed, Write([&](Session& s) {
                             return s.jobs().ClaimNext("w1", t1, seconds(30));
                           }));
  ASSERT_TRUE(claimed.has_value());
  EXPECT_EQ(claimed->id, job.id);
  EXPECT_EQ(claimed->status, JobStatus::kRunning);
  EXPECT_EQ(claimed->attempt, 1);
  EXPECT_EQ(claimed->lease_owner, "w1");
  EXPECT_EQ(claimed->lease_expires_at, t1 + seconds(30));
  EXPECT_EQ(claimed->started_at, t1);
  UCF_ASSERT_OK_AND_ASSIGN(std::optional<JobRecord> none, Write([&](Session& s) {
                             return s.jobs().ClaimNext("w2", t1, seconds(30));
                           }));
  EXPECT_FALSE(none.has_value()) << "a leased job is not claimable";

  UCF_EXPECT_CODE(
      Write([&](Session& s) { return s.jobs().Heartbeat("a", job.id, "w2", t1, seconds(30)); }),
      kAborted);
  UCF_ASSERT_OK_AND_ASSIGN(JobRecord beat, Write([&](Session& s) {
                             return s.jobs().Heartbeat("a", job.id, "w1", t1 + seconds(20),
                                                       seconds(30));
                           }));
  EXPECT_EQ(beat.lease_expires_at, t1 + seconds(50));

  // w1 goes silent; after its lease ends w2 takes the job over.
  core::TimePoint t2 = t1 + seconds(50);
  UCF_ASSERT_OK_AND_ASSIGN(
      claimed, Write([&](Session& s) { return s.jobs().ClaimNext("w2", t2, seconds(30)); }));
  ASSERT_TRUE(claimed.has_value());
  EXPECT_EQ(claimed->lease_owner, "w2");
  EXPECT_EQ(claimed->attempt, 2);
  EXPECT_EQ(claimed->started_at, t1) << "started_at is stamped once";

  UCF_EXPECT_CODE(Write([&](Session& s) {
                    return s.jobs().Update("a", job.id, {.lease_owner = "w1", .progress = 99});
                  }),
                  kAborted);
  UCF_ASSERT_OK_AND_ASSIGN(
      JobRecord progressed, Write([&](Session& s) {
        return s.jobs().Update(
            "a", job.id,
            {.lease_owner = "w2", .progress = 140, .counts = boost::json::object{{"issues", 12}}});
      }));
  EXPECT_EQ(progressed.progress, 100) << "progress is clamped to 0..100";
  EXPECT_EQ(progressed.counts.at("issues"), 12);

  clock_.Advance(seconds(3));
  UCF_ASSERT_OK_AND_ASSIGN(
      JobRecord done, Write([&](Session& s) {
        return s.jobs().Update("a", job.id, {.lease_owner = "w2", .status = JobStatus::kSucceeded});
      }));
  EXPECT_EQ(done.status, JobStatus::kSucceeded);
  EXPECT_EQ(done.finished_at, clock_.Now());
  EXPECT_FALSE(done.lease_owner.has_value());
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.jobs().Update("a", job.id, {.progress = 1}); }),
                  kFailedPrecondition);
  UCF_ASSERT_OK_AND_ASSIGN(JobRecord final_cancel,
                           Write([&](Session& s) { return s.jobs().RequestCancel("a", job.id); }));
  EXPECT_EQ(final_cancel.status, JobStatus::kSucceeded) << "a final job is left alone";

  // Tenant isolation.
  AddTenant("b");
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.jobs().Get("b", job.id); }), kNotFound);
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.jobs().RequestCancel("b", job.id); }),
                  kNotFound);
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.jobs().Update("b", job.id, {.progress = 1}); }),
                  kNotFound);
  UCF_EXPECT_CODE(
      Write([&](Session& s) { return s.jobs().Heartbeat("b", job.id, "w2", t2, seconds(1)); }),
      kNotFound);
}

TEST_P(StorageContractTest, JobsCancelAndList) {
  AddTenant("a");
  ConnectionRecord c1 = AddConnection("a", "one");
  ConnectionRecord c2 = AddConnection("a", "two");
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) {
    clock_.Advance(seconds(1));
    UCF_ASSERT_OK_AND_ASSIGN(JobRecord j, Write([&](Session& s) {
                               return s.jobs().Create({.tenant_id = "a",
                                                       .connection_id = i % 2 ? c2.id : c1.id,
                                                       .type = i % 4 ? "sync" : "import"});
                             }));
    ids.push_back(j.id);
  }
  // Queued → canceled at once.
  UCF_ASSERT_OK_AND_ASSIGN(JobRecord canceled,
                           Write([&](Session& s) { return s.jobs().RequestCancel("a", ids[0]); }));
  EXPECT_EQ(canceled.status, JobStatus::kCanceled);
  EXPECT_EQ(canceled.finished_at, clock_.Now());
  // Running → cancel requested, visible at the next heartbeat.
  UCF_ASSERT_OK_AND_ASSIGN(std::optional<JobRecord> running, Write([&](Session& s) {
                             return s.jobs().ClaimNext("w", clock_.Now(), seconds(10));
                           }));
  ASSERT_TRUE(running.has_value());
  EXPECT_EQ(running->id, ids[1]) << "oldest claimable first";
  UCF_ASSERT_OK_AND_ASSIGN(JobRecord requested,
                           Write([&](Session& s) { return s.jobs().RequestCancel("a", ids[1]); }));
  EXPECT_EQ(requested.status, JobStatus::kRunning);
  EXPECT_TRUE(requested.cancel_requested);
  UCF_ASSERT_OK_AND_ASSIGN(JobRecord beat, Write([&](Session& s) {
                             return s.jobs().Heartbeat("a", ids[1], "w", clock_.Now(), seconds(10));
                           }));
  EXPECT_TRUE(beat.cancel_requested);
  // If that worker dies, the job is finished as canceled rather than resumed.
  clock_.Advance(minutes(1));
  UCF_ASSERT_OK_AND_ASSIGN(std::optional<JobRecord> next, Write([&](Session& s) {
                             return s.jobs().ClaimNext("w2", clock_.Now(), seconds(10));
                           }));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->id, ids[2]);
  UCF_ASSERT_OK_AND_ASSIGN(JobRecord dead,
                           Read([&](Session& s) { return s.jobs().Get("a", ids[1]); }));
  EXPECT_EQ(dead.status, JobStatus::kCanceled);

  // Newest first, paged, filtered.
  std::vector<std::string> seen;
  std::string cursor;
  do {
    UCF_ASSERT_OK_AND_ASSIGN(Page<JobRecord> page,
                             Read([&](Session& s) { return s.jobs().List("a", {}, cursor, 5); }));
    for (const JobRecord& j : page.items) seen.push_back(j.id);
    cursor = page.next.value_or("");
  } while (!cursor.empty());
  EXPECT_EQ(seen, std::vector<std::string>(ids.rbegin(), ids.rend()));
  UCF_ASSERT_OK_AND_ASSIGN(Page<JobRecord> of_c2, Read([&](Session& s) {
                             return s.jobs().List("a", {.connection_id = c2.id}, "", 50);
                           }));
  EXPECT_EQ(of_c2.items.size(), 6u);
  UCF_ASSERT_OK_AND_ASSIGN(Page<JobRecord> imports, Read([&](Session& s) {
                             return s.jobs().List("a", {.type = "import"}, "", 50);
                           }));
  EXPECT_EQ(imports.items.size(), 3u);
  UCF_ASSERT_OK_AND_ASSIGN(Page<JobRecord> queued, Read([&](Session& s) {
                             return s.jobs().List("a", {.status = JobStatus::kQueued}, "", 50);
                           }));
  EXPECT_EQ(queued.items.size(), 9u);
}

TEST_P(StorageContractTest, ConcurrentClaimsTakeEachJobOnce) {
  AddTenant("a");
  ConnectionRecord c = AddConnection("a", "main");
  constexpr int kJobs = 24;
  for (int i = 0; i < kJobs; ++i) {
    UCF_ASSERT_OK(Write([&](Session& s) {
      return s.jobs().Create({.tenant_id = "a", .connection_id = c.id, .type = "sync"});
    }));
  }
  std::mutex mu;
  std::map<std::string, std::string> owner_of;  // job → worker
  int duplicates = 0;
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      std::string name = "worker-" + std::to_string(w);
      for (;;) {
        absl::StatusOr<std::optional<JobRecord>> job =
            Write([&](Session& s) { return s.jobs().ClaimNext(name, clock_.Now(), minutes(5)); });
        if (!job.ok()) {
          ADD_FAILURE() << job.status();
          return;
        }
        if (!job->has_value()) return;
        std::lock_guard<std::mutex> lock(mu);
        if (!owner_of.emplace((*job)->id, name).second) ++duplicates;
      }
    });
  }
  for (std::thread& t : workers) t.join();
  EXPECT_EQ(duplicates, 0);
  EXPECT_EQ(owner_of.size(), static_cast<std::size_t>(kJobs));
}

}  // namespace
}  // namespace ucf::storage::test_support
