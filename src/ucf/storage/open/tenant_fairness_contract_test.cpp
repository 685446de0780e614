// Contract (issue 9, one tenant must not starve the others): fair job claims across tenants, one
// active job per connection and model, the queued-job count, and the webhook keep-alive order
// with per-webhook backoff and revoked connections left out.

#include <chrono>
#include <string>
#include <vector>

#include "ucf/core/error_details.hpp"
#include "ucf/storage/open/contract_test_fixture.hpp"

namespace ucf::storage::test_support {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

JobRecord Job(const std::string& tenant, const std::string& connection, const std::string& model) {
  JobRecord j{.tenant_id = tenant, .connection_id = connection, .type = "sync"};
  if (!model.empty()) j.params = {{"model", model}};
  return j;
}

TEST_P(StorageContractTest, JobClaimsTakeTurnsAcrossTenants) {
  AddTenant("a");
  AddTenant("b");
  ConnectionRecord ca = AddConnection("a", "main");
  ConnectionRecord cb = AddConnection("b", "main");
  // Tenant a floods the queue first; b queues one job afterwards.
  for (int i = 0; i < 10; ++i) {
    UCF_ASSERT_OK(Write([&](Session& s) { return s.jobs().Create(Job("a", ca.id, "m" + std::to_string(i))); }));
    clock_.Advance(seconds(1));
  }
  UCF_ASSERT_OK_AND_ASSIGN(JobRecord b1, Write([&](Session& s) { return s.jobs().Create(Job("b", cb.id, "m")); }));
  clock_.Advance(seconds(1));

  auto claim = [&](const std::string& worker) {
    return Write([&](Session& s) { return s.jobs().ClaimNext(worker, clock_.Now(), minutes(5)); });
  };
  // Nobody has run anything: the oldest job goes first.
  UCF_ASSERT_OK_AND_ASSIGN(std::optional<JobRecord> first, claim("w1"));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->tenant_id, "a");
  // A second worker serves b (no running job) before a's backlog.
  UCF_ASSERT_OK_AND_ASSIGN(std::optional<JobRecord> second, claim("w2"));
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->id, b1.id);

  // One worker in turn: a and b both idle again, b queues another job; b's last job started after
  // a's, so a goes next, then b, then a.
  clock_.Advance(seconds(1));
  UCF_ASSERT_OK(Write([&](Session& s) {
    return s.jobs().Update("a", first->id, {.lease_owner = "w1", .status = JobStatus::kSucceeded});
  }));
  UCF_ASSERT_OK(Write([&](Session& s) {
    return s.jobs().Update("b", b1.id, {.lease_owner = "w2", .status = JobStatus::kSucceeded});
  }));
  UCF_ASSERT_OK_AND_ASSIGN(JobRecord b2, Write([&](Session& s) { return s.jobs().Create(Job("b", cb.id, "m")); }));
  std::vector<std::string> order;
  for (int i = 0; i < 3; ++i) {
    clock_.Advance(seconds(1));
    UCF_ASSERT_OK_AND_ASSIGN(std::optional<JobRecord> next, claim("w1"));
    ASSERT_TRUE(next.has_value());
    order.push_back(next->tenant_id);
    UCF_ASSERT_OK(Write([&](Session& s) {
      return s.jobs().Update(next->tenant_id, next->id, {.lease_owner = "w1", .status = JobStatus::kSucceeded});
    }));
  }
  // b's job b2 is taken within one turn of a's backlog (a FIFO would serve a's 9 jobs first).
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "a"}));
  UCF_ASSERT_OK_AND_ASSIGN(JobRecord b2_now, Read([&](Session& s) { return s.jobs().Get("b", b2.id); }));
  EXPECT_EQ(b2_now.status, JobStatus::kSucceeded);
}

TEST_P(StorageContractTest, OneActiveJobPerConnectionAndModel) {
  AddTenant("a");
  ConnectionRecord c = AddConnection("a", "main");
  ConnectionRecord other = AddConnection("a", "other");
  UCF_ASSERT_OK_AND_ASSIGN(JobRecord issues, Write([&](Session& s) { return s.jobs().Create(Job("a", c.id, "issues")); }));
  clock_.Advance(seconds(1));
  absl::StatusOr<JobRecord> twice = Write([&](Session& s) { return s.jobs().Create(Job("a", c.id, "issues")); });
  ASSERT_EQ(twice.status().code(), absl::StatusCode::kAlreadyExists) << twice.status();
  std::optional<boost::json::object> details = core::GetDetails(twice.status());
  ASSERT_TRUE(details.has_value());
  EXPECT_EQ(details->at("jobId"), boost::json::value(issues.id));
  EXPECT_NE(twice.status().message().find(issues.id), std::string_view::npos);
  // Another model, another connection, and jobs without a model are separate.
  UCF_EXPECT_OK(Write([&](Session& s) { return s.jobs().Create(Job("a", c.id, "projects")); }));
  UCF_EXPECT_OK(Write([&](Session& s) { return s.jobs().Create(Job("a", other.id, "issues")); }));
  UCF_EXPECT_OK(Write([&](Session& s) { return s.jobs().Create(Job("a", c.id, "")); }));
  UCF_EXPECT_OK(Write([&](Session& s) { return s.jobs().Create(Job("a", c.id, "")); }));
  UCF_ASSERT_OK_AND_ASSIGN(std::int64_t queued, Read([&](Session& s) { return s.jobs().CountQueued("a"); }));
  EXPECT_EQ(queued, 5);

  // Running is still active; once finished, the model can be queued again.
  UCF_ASSERT_OK_AND_ASSIGN(std::optional<JobRecord> running, Write([&](Session& s) {
                             return s.jobs().ClaimNext("w", clock_.Now(), minutes(5));
                           }));
  ASSERT_TRUE(running.has_value());
  ASSERT_EQ(running->id, issues.id);
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.jobs().Create(Job("a", c.id, "issues")); }), kAlreadyExists);
  UCF_ASSERT_OK(Write([&](Session& s) {
    return s.jobs().Update("a", issues.id, {.lease_owner = "w", .status = JobStatus::kFailed});
  }));
  UCF_EXPECT_OK(Write([&](Session& s) { return s.jobs().Create(Job("a", c.id, "issues")); }));
  AddTenant("b");
  UCF_ASSERT_OK_AND_ASSIGN(std::int64_t of_b, Read([&](Session& s) { return s.jobs().CountQueued("b"); }));
  EXPECT_EQ(of_b, 0);
}

TEST_P(StorageContractTest, WebhooksDueInNextAttemptOrderWithBackoff) {
  AddTenant("a");
  AddTenant("b");
  ConnectionRecord ca = AddConnection("a", "main");
  ConnectionRecord cb = AddConnection("b", "main");
  ConnectionRecord gone = AddConnection("b", "gone");
  auto add = [&](const ConnectionRecord& c, const std::string& provider_id, minutes expires_in) {
    WebhookRecord w{.tenant_id = c.tenant_id,
                    .connection_id = c.id,
                    .connector_id = "github",
                    .provider_webhook_id = provider_id,
                    .callback_url = "https://ucf.example/webhooks/github/" + c.id,
                    .expires_at = clock_.Now() + expires_in};
    absl::StatusOr<WebhookRecord> stored = Write([&](Session& s) { return s.webhooks().Create(w); });
    EXPECT_TRUE(stored.ok()) << stored.status();
    return stored.ok() ? stored->id : std::string();
  };
  std::string a1 = add(ca, "a1", minutes(10));
  std::string a2 = add(ca, "a2", minutes(20));
  std::string b1 = add(cb, "b1", minutes(30));
  std::string revoked = add(gone, "g1", minutes(5));
  UCF_ASSERT_OK(Write([&](Session& s) {
    return s.connections().Update("b", gone.id, {.status = ConnectionStatus::kRevoked}).status();
  }));
  auto due = [&](core::TimePoint now, int limit = 10) {
    std::vector<std::string> ids;
    auto rows = Read([&](Session& s) { return s.webhooks().ListDue(now, now + minutes(60), limit); });
    EXPECT_TRUE(rows.ok()) << rows.status();
    if (rows.ok()) {
      for (const auto& w : *rows) ids.push_back(w.id);
    }
    return ids;
  };
  // Revoked connections' webhooks are inactive; the rest soonest expiry first, bounded.
  EXPECT_EQ(due(clock_.Now()), (std::vector<std::string>{a1, a2, b1}));
  EXPECT_EQ(due(clock_.Now(), 2), (std::vector<std::string>{a1, a2}));

  // A failure backs a1 off: not due before its next attempt, and then after the never-failed ones.
  UCF_ASSERT_OK(Write([&](Session& s) { return s.webhooks().MarkRefreshFailed("a", a1, clock_.Now() + minutes(15)); }));
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.webhooks().MarkRefreshFailed("b", a1, clock_.Now()); }), kNotFound);
  EXPECT_EQ(due(clock_.Now()), (std::vector<std::string>{a2, b1}));
  EXPECT_EQ(due(clock_.Now() + minutes(16)), (std::vector<std::string>{a2, b1, a1}));
  UCF_ASSERT_OK(Write([&](Session& s) { return s.webhooks().MarkRefreshFailed("a", a2, clock_.Now() + minutes(5)); }));
  // Backed-off ones by next attempt: a2 (5 min) before a1 (15 min).
  EXPECT_EQ(due(clock_.Now() + minutes(16)), (std::vector<std::string>{b1, a2, a1}));
  UCF_ASSERT_OK_AND_ASSIGN(WebhookRecord failed, Read([&](Session& s) { return s.webhooks().Get("a", a1); }));
  EXPECT_EQ(failed.failures, 1);
  EXPECT_EQ(failed.next_attempt_at, clock_.Now() + minutes(15));

  // A success resets the backoff.
  UCF_ASSERT_OK(Write([&](Session& s) { return s.webhooks().UpdateExpiry("a", a1, clock_.Now() + minutes(25)); }));
  UCF_ASSERT_OK_AND_ASSIGN(WebhookRecord healed, Read([&](Session& s) { return s.webhooks().Get("a", a1); }));
  EXPECT_EQ(healed.failures, 0);
  EXPECT_FALSE(healed.next_attempt_at.has_value());
  EXPECT_EQ(due(clock_.Now()), (std::vector<std::string>{a1, b1}));
}

}  // namespace
}  // namespace ucf::storage::test_support
