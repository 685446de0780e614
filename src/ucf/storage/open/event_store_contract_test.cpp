// EventStore on both engines: per-tenant ids 1, 2, 3, … in commit order with no gap (also under
// concurrent writers, as a tailing reader sees them), job filter, tenant isolation, the events
// hook after commit only, retention that keeps the ids counting, and (PostgreSQL) the
// notification a commit sends.

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "ucf/storage/maintenance.hpp"
#include "ucf/storage/open/contract_test_fixture.hpp"
#include "ucf/storage/open/open_database.hpp"

namespace ucf::storage::test_support {
namespace {

using std::chrono::hours;

absl::StatusOr<std::int64_t> AppendOne(Session& s, std::string_view tenant, std::string_view job = "j1") {
  return s.events().Append(tenant, "job.progress", job, {{"n", 1}});
}

TEST_P(StorageContractTest, EventsCountPerTenantFilterByJobAndIsolateTenants) {
  AddTenant("a");
  AddTenant("b");
  UCF_EXPECT_OK(Read([&](Session& s) { return s.events().LastId("a"); }));
  EXPECT_EQ(*Read([&](Session& s) { return s.events().LastId("a"); }), 0);
  for (int i = 1; i <= 3; ++i) {
    auto id = Write([&](Session& s) { return AppendOne(s, "a", i == 2 ? "j2" : "j1"); });
    ASSERT_TRUE(id.ok()) << id.status();
    EXPECT_EQ(*id, i);
  }
  EXPECT_EQ(*Write([&](Session& s) { return AppendOne(s, "b"); }), 1) << "each tenant counts on its own";
  // A rolled-back append consumes no id: ids have no gap.
  EXPECT_EQ(db().Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
              UCF_RETURN_IF_ERROR(AppendOne(s, "a").status());
              return absl::AbortedError("changed my mind");
            }).code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(*Write([&](Session& s) { return AppendOne(s, "a"); }), 4);

  auto all = Read([&](Session& s) { return s.events().ListAfter("a", 1, std::nullopt, 100); });
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].id, 2);
  EXPECT_EQ((*all)[0].job_id, "j2");
  EXPECT_EQ((*all)[0].type, "job.progress");
  EXPECT_EQ((*all)[0].data.at("n"), 1);
  EXPECT_EQ((*all)[2].id, 4);
  auto limited = Read([&](Session& s) { return s.events().ListAfter("a", 0, std::nullopt, 2); });
  ASSERT_EQ(limited->size(), 2u);
  EXPECT_EQ(limited->back().id, 2);
  auto j2 = Read([&](Session& s) { return s.events().ListAfter("a", 0, std::string_view("j2"), 100); });
  ASSERT_EQ(j2->size(), 1u);
  EXPECT_EQ(j2->front().id, 2);
  auto b = Read([&](Session& s) { return s.events().ListAfter("b", 0, std::nullopt, 100); });
  ASSERT_EQ(b->size(), 1u) << "never another tenant's";
  EXPECT_EQ(b->front().tenant_id, "b");
  EXPECT_EQ(*Read([&](Session& s) { return s.events().LastId("a"); }), 4);
}

TEST_P(StorageContractTest, EventsHookHearsCommittedAppendsOnly) {
  AddTenant("a");
  AddTenant("b");
  std::mutex mu;
  std::vector<std::vector<std::string>> heard;
  db().SetEventsHook([&](const std::vector<std::string>& tenants) {
    std::lock_guard lock(mu);
    heard.push_back(tenants);
  });
  UCF_ASSERT_OK(Write([&](Session& s) -> absl::Status {
    UCF_RETURN_IF_ERROR(AppendOne(s, "a").status());
    UCF_RETURN_IF_ERROR(AppendOne(s, "a").status());
    return AppendOne(s, "b").status();
  }));
  EXPECT_FALSE(db().Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
                     UCF_RETURN_IF_ERROR(AppendOne(s, "b").status());
                     return absl::AbortedError("rolled back");
                   }).ok());
  UCF_ASSERT_OK(Write([&](Session& s) { return s.tenants().Get("a").status(); }));
  db().SetEventsHook(nullptr);
  std::lock_guard lock(mu);
  ASSERT_EQ(heard.size(), 1u) << "one call for the committed transaction only";
  EXPECT_EQ(heard[0], (std::vector<std::string>{"a", "b"}));
}

// The property the tail relies on: a reader that has seen id n of a tenant has seen every id < n,
// whatever the writers' interleaving (the counter row's lock orders commits).
TEST_P(StorageContractTest, ConcurrentAppendersCommitIdsInOrderForATailingReader) {
  AddTenant("a");
  constexpr int kWriters = 4;
  constexpr int kEach = 40;
  std::atomic<int> done{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        absl::Status st = db().Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
          UCF_RETURN_IF_ERROR(s.tenants().Get("a").status());  // some work before, as real writers do
          return AppendOne(s, "a", "w" + std::to_string(w)).status();
        });
        EXPECT_TRUE(st.ok()) << st;
      }
      ++done;
    });
  }
  std::int64_t last = 0;
  std::set<std::int64_t> seen;
  bool in_order = true;
  while (true) {
    const bool finished = done.load() == kWriters;
    auto rows = Read([&](Session& s) { return s.events().ListAfter("a", last, std::nullopt, 1000); });
    ASSERT_TRUE(rows.ok()) << rows.status();
    for (const EventRecord& e : *rows) {
      if (e.id != last + 1) in_order = false;
      last = e.id;
      seen.insert(e.id);
    }
    if (finished && rows->empty()) break;
  }
  for (auto& t : writers) t.join();
  EXPECT_TRUE(in_order) << "a tailing reader never skips an id that commits later";
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kWriters * kEach));
  EXPECT_EQ(last, kWriters * kEach);
}

TEST_P(StorageContractTest, RetentionPrunesOldEventsAndIdsKeepCounting) {
  AddTenant("a");
  for (int i = 0; i < 3; ++i) UCF_ASSERT_OK(Write([&](Session& s) { return AppendOne(s, "a"); }));
  clock_.Advance(hours(48));
  UCF_ASSERT_OK(Write([&](Session& s) { return AppendOne(s, "a"); }));
  auto pruned = MaintenanceOf(db())->PruneBatch(Prunable::kEvents, clock_.Now() - hours(24), 2);
  ASSERT_TRUE(pruned.ok()) << pruned.status();
  EXPECT_EQ(*pruned, 2);
  EXPECT_EQ(*MaintenanceOf(db())->PruneBatch(Prunable::kEvents, clock_.Now() - hours(24), 2), 1);
  auto left = Read([&](Session& s) { return s.events().ListAfter("a", 0, std::nullopt, 100); });
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ(left->front().id, 4);
  // Every event pruned: the next id still follows the last one ever handed out.
  clock_.Advance(hours(48));
  EXPECT_EQ(*MaintenanceOf(db())->PruneBatch(Prunable::kEvents, clock_.Now() - hours(24), 10), 1);
  EXPECT_EQ(*Write([&](Session& s) { return AppendOne(s, "a"); }), 5);
}

TEST_P(StorageContractTest, ACommittedAppendNotifiesListenersOnPostgres) {
  auto listener = OpenChangeListener(options_, kEventsChannel);
  ASSERT_TRUE(listener.ok()) << listener.status();
  if (GetParam() == Engine::kSqlite) {
    EXPECT_EQ(*listener, nullptr) << "SQLite has no notifications";
    return;
  }
  ASSERT_NE(*listener, nullptr);
  AddTenant("a");
  EXPECT_TRUE((*listener)->Wait(std::chrono::milliseconds(50))->empty());
  EXPECT_FALSE(db().Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
                     UCF_RETURN_IF_ERROR(AppendOne(s, "a").status());
                     return absl::AbortedError("rolled back");
                   }).ok());
  EXPECT_TRUE((*listener)->Wait(std::chrono::milliseconds(200))->empty()) << "a rollback notifies nobody";
  UCF_ASSERT_OK(Write([&](Session& s) -> absl::Status {
    UCF_RETURN_IF_ERROR(AppendOne(s, "a").status());
    return AppendOne(s, "a").status();
  }));
  std::vector<std::string> got;
  for (int i = 0; i < 20 && got.empty(); ++i) got = *(*listener)->Wait(std::chrono::milliseconds(100));
  EXPECT_EQ(got, std::vector<std::string>{"a"}) << "one notification per transaction and tenant";
  EXPECT_EQ(OpenChangeListener(options_, "bad channel; DROP").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ucf::storage::test_support
