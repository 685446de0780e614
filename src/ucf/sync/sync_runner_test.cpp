#include "ucf/sync/sync_runner.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <thread>

#include "tests/support/scratch_sqlite.hpp"
#include "ucf/connectors/fake_api_client.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/sync/sync_marker.hpp"

namespace ucf::sync {
namespace {

struct Note {
  std::string id;
  std::string name;
  int updated_minute = 0;  // provider change time: 2026-01-01T00:00Z + this many minutes
};

std::string MinuteStamp(int minute) {
  return core::FormatRfc3339(core::TimePoint(std::chrono::seconds(1767225600) + std::chrono::minutes(minute)));
}

// Two containers; items are whatever the test puts in `items` (all in container "c1"), in pages of
// two. With `marked`, "notes" declares a change marker and changed-since listings return the items
// changed at or after it, oldest change first, as a provider's filter would.
class ListConnector final : public connectors::HttpConnector {
 public:
  explicit ListConnector(bool marked) {
    description_.id = "list";
    description_.sync_models = {"folders", "notes", "remarks"};
    if (marked) description_.change_markers = {{"notes", "updated"}};
  }
  const connectors::ConnectorDescription& Describe() const override { return description_; }
  absl::StatusOr<connectors::AccountInfo> CheckCredentials(connectors::ApiClient&) const override {
    return connectors::AccountInfo{};
  }
  absl::StatusOr<connectors::Page<connectors::Container>> ListContainers(
      connectors::ApiClient&, const connectors::PageRequest&) const override {
    return connectors::Page<connectors::Container>{{{"c1", "One", "t", {}, {}}, {"c2", "Two", "t", {}, {}}}, {}};
  }
  absl::StatusOr<connectors::Page<connectors::Item>> ListItems(connectors::ApiClient&,
                                                               const connectors::ItemQuery& q) const override {
    ++item_calls;
    if (!failures.empty()) {
      absl::Status failure = failures.front();
      failures.pop_front();
      return failure;
    }
    connectors::Page<connectors::Item> page;
    if (q.container_id != "c1") return page;
    std::vector<Note> listed = items;
    if (q.changed_since) {
      since.push_back(*q.changed_since);
      std::erase_if(listed, [&](const Note& n) { return *core::ParseRfc3339(MinuteStamp(n.updated_minute)) < *q.changed_since; });
      std::stable_sort(listed.begin(), listed.end(), [](const Note& a, const Note& b) { return a.updated_minute < b.updated_minute; });
    }
    std::size_t from = q.page.cursor.empty() ? 0 : std::stoul(q.page.cursor);
    for (std::size_t i = from; i < listed.size() && i < from + 2; ++i) {
      connectors::Item item;
      item.id = listed[i].id;
      item.name = listed[i].name;
      item.container_id = "c1";
      item.meta.updated = MinuteStamp(listed[i].updated_minute);
      page.items.push_back(item);
    }
    if (from + 2 < listed.size()) page.next = std::to_string(from + 2);
    return page;
  }
  std::vector<Note> items;
  mutable int item_calls = 0;
  mutable std::deque<absl::Status> failures;
  mutable std::vector<core::TimePoint> since;

 private:
  connectors::ConnectorDescription description_;
};

class SyncRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_ = std::make_unique<testing::ScratchSqlite>(clock_);
    db_ = &scratch_->db();
    ASSERT_TRUE(db_->Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
                     if (auto t = s.tenants().Create({.id = "a", .name = "A"}); !t.ok()) return t.status();
                     storage::ConnectionRecord c;
                     c.tenant_id = "a";
                     c.connector_id = "list";
                     c.name = "main";
                     auto created = s.connections().Create(c);
                     if (!created.ok()) return created.status();
                     connection_id_ = created->id;
                     return absl::OkStatus();
                   }).ok());
  }
  void TearDown() override { scratch_.reset(); }

  absl::StatusOr<SyncCounts> Run(ListConnector& connector, std::string_view model, bool full,
                                 const Checkpoint& checkpoint = [](const SyncCounts&) { return absl::OkStatus(); },
                                 std::string job_id = "job_1", std::vector<std::string> containers = {}) {
    connections::ResolvedConnection c;
    c.connection.id = connection_id_;
    c.connection.tenant_id = "a";
    c.connector = &connector;
    c.session = std::make_unique<connectors::FakeApiClient>();
    RetryPolicy fast{.attempts = 3, .base = std::chrono::milliseconds(1), .max = std::chrono::milliseconds(5)};
    return SyncRunner(*db_, clock_, fast)
        .Run(c, SyncRequest{std::string(model), full, std::move(job_id), std::move(containers)}, checkpoint);
  }
  std::vector<storage::SyncedRecord> Feed(std::int64_t after = 0) {
    storage::RecordChanges changes;
    EXPECT_TRUE(db_->Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
                     auto got = s.records().ListChanges("a", connection_id_, {}, after, 200);
                     if (!got.ok()) return got.status();
                     changes = *got;
                     return absl::OkStatus();
                   }).ok());
    return changes.items;
  }
  SyncMarker Marker(std::string_view model) {
    std::string text;
    EXPECT_TRUE(db_->Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
                     auto got = s.sync_states().Get("a", connection_id_, MarkerStateKey(model));
                     if (got.ok()) text = got->cursor.value_or("");
                     return absl::OkStatus();
                   }).ok());
    return ParseSyncMarker(text);
  }

  core::SystemClock clock_;
  std::unique_ptr<testing::ScratchSqlite> scratch_;
  storage::Database* db_ = nullptr;
  std::string connection_id_;
  ListConnector plain_{false};
  ListConnector marked_{true};
};

TEST_F(SyncRunnerTest, CopiesAcrossPagesKeepsUnchangedAndFullRunsMarkVanishedDeleted) {
  plain_.items = {{"n1", "one"}, {"n2", "two"}, {"n3", "three"}, {"n4", "four"}, {"n5", "five"}};
  auto first = Run(plain_, "notes", false);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->fetched - 2, 5);  // + the two containers
  EXPECT_EQ(first->changed, 5);
  auto feed = Feed();
  ASSERT_EQ(feed.size(), 5u);
  std::int64_t mark = feed.back().seq;

  plain_.items = {{"n1", "one"}, {"n2", "TWO"}, {"n3", "three"}, {"n5", "five"}};
  auto incremental = Run(plain_, "notes", false);
  ASSERT_TRUE(incremental.ok()) << incremental.status();
  EXPECT_EQ(incremental->deleted, 0) << "deletions are detected on full runs only";
  auto full = Run(plain_, "notes", true);
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_EQ(full->changed, 0);
  EXPECT_EQ(full->unchanged, 4);
  EXPECT_EQ(full->deleted, 1);
  auto changes = Feed(mark);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].external_id, "n2");
  EXPECT_EQ(changes[1].external_id, "n4");
  EXPECT_TRUE(changes[1].deleted);
}

TEST_F(SyncRunnerTest, ContainersLevelAndUnknownModel) {
  auto folders = Run(plain_, "folders", false);
  ASSERT_TRUE(folders.ok()) << folders.status();
  EXPECT_EQ(folders->fetched, 2);
  EXPECT_EQ(Run(plain_, "tasks", false).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(SyncRunnerTest, IncrementalRunsReadOnlyWhatChangedSinceTheMarker) {
  for (int i = 0; i < 20; ++i) marked_.items.push_back({"n" + std::to_string(i), "v1", i});
  auto first = Run(marked_, "notes", false);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->changed, 20);
  EXPECT_EQ(Marker("notes").markers.at("c1"), *core::ParseRfc3339(MinuteStamp(19)));

  marked_.items[3] = {"n3", "v2", 30};
  marked_.items.erase(marked_.items.begin() + 7);  // gone at the provider: not noticed incrementally
  int calls_before = marked_.item_calls;
  auto second = Run(marked_, "notes", false);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(marked_.since.back(), *core::ParseRfc3339(MinuteStamp(19)));
  EXPECT_EQ(second->changed, 1);
  EXPECT_EQ(second->unchanged, 1);  // n19, at the marker itself
  EXPECT_EQ(second->deleted, 0);
  EXPECT_EQ(marked_.item_calls - calls_before, 2) << "one page of c1 (+ the empty c2), not ten";
  EXPECT_EQ(Marker("notes").markers.at("c1"), *core::ParseRfc3339(MinuteStamp(30)));

  auto full = Run(marked_, "notes", true, [](const SyncCounts&) { return absl::OkStatus(); }, "job_full");
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_EQ(full->deleted, 1);
  EXPECT_FALSE(Marker("notes").full.has_value());
}

TEST_F(SyncRunnerTest, TheMarkerAdvancesOnlyWithCommittedPagesAndAFullRunResumesFromIt) {
  for (int i = 0; i < 10; ++i) marked_.items.push_back({"n" + std::to_string(i), "v1", i});
  ASSERT_TRUE(Run(marked_, "notes", false).ok());
  marked_.items.erase(marked_.items.begin() + 8);  // on the last page: a full run notices it

  // The first attempt of a full run dies at the first checkpoint after its second page of items.
  // Pages the store was slower than the provider on are committed together, so how many pages
  // that first commit holds depends on timing: the test reads it from the checkpoint.
  int pages_at_kill = 0;
  auto crashed = Run(marked_, "notes", true, [&](const SyncCounts& c) {
    if (c.pages < 3) return absl::OkStatus();
    pages_at_kill = static_cast<int>(c.pages);
    return absl::AbortedError("killed");
  }, "job_full");
  EXPECT_EQ(crashed.status().code(), absl::StatusCode::kAborted);
  const int committed = pages_at_kill - 1;  // pages of c1's items (the first page read was the containers)
  ASSERT_GE(committed, 2);
  ASSERT_LE(committed, 5);
  const std::vector<int> minutes = {0, 1, 2, 3, 4, 5, 6, 7, 9};  // the full run's items, two per page
  const int newest = minutes[std::min<std::size_t>(2 * committed, minutes.size()) - 1];
  SyncMarker after_crash = Marker("notes");
  ASSERT_TRUE(after_crash.full.has_value());
  EXPECT_EQ(after_crash.full->job_id, "job_full");
  EXPECT_EQ(after_crash.full->markers.at("c1"), *core::ParseRfc3339(MinuteStamp(newest)))
      << committed << " committed pages, nothing beyond";
  for (const auto& r : Feed()) EXPECT_FALSE(r.deleted) << r.external_id;

  // Taken over: the same job continues from the newest committed change and still detects the
  // deletion, reading fewer pages than the 5 of c1 a fresh start would.
  int calls_before = marked_.item_calls;
  auto resumed = Run(marked_, "notes", true, [](const SyncCounts&) { return absl::OkStatus(); }, "job_full");
  ASSERT_TRUE(resumed.ok()) << resumed.status();
  EXPECT_TRUE(resumed->resumed);
  EXPECT_EQ(marked_.since.back(), *core::ParseRfc3339(MinuteStamp(newest)));
  const int left = static_cast<int>(std::count_if(minutes.begin(), minutes.end(), [&](int m) { return m >= newest; }));
  EXPECT_EQ(marked_.item_calls - calls_before, (left + 1) / 2 + 1) << "the pages of c1 from the marker on, and c2";
  EXPECT_LT((left + 1) / 2, 5);
  EXPECT_EQ(resumed->deleted, 1);

  // Another job does not take that checkpoint: it starts from the beginning.
  auto fresh = Run(marked_, "notes", true, [](const SyncCounts&) { return absl::OkStatus(); }, "job_other");
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_FALSE(fresh->resumed);
  EXPECT_EQ(marked_.since.back(), core::TimePoint{});
}

// When the store is slower than the provider, the helper keeps fetching (at most 4 pages ahead)
// and the next transaction stores every page queued by then, in order.
TEST_F(SyncRunnerTest, AStoreSlowerThanTheProviderWritesQueuedPagesInOneTransaction) {
  for (int i = 0; i < 20; ++i) marked_.items.push_back({"n" + std::to_string(i), "v1", i});  // 10 pages
  std::vector<std::int64_t> pages_at_commit;
  auto run = Run(marked_, "notes", false, [&](const SyncCounts& c) {
    pages_at_commit.push_back(c.pages);
    // After c1's first page: the store "takes" 200 ms, the provider answers at once.
    if (c.pages == 2) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return absl::OkStatus();
  });
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->changed, 20);
  ASSERT_GE(pages_at_commit.size(), 3u);
  EXPECT_EQ(pages_at_commit[0], 1) << "the containers";
  EXPECT_EQ(pages_at_commit[1], 2) << "c1's first page, alone";
  EXPECT_EQ(pages_at_commit[2], 6) << "then the 4 pages queued meanwhile, in one commit";
  std::vector<storage::SyncedRecord> feed = Feed();
  ASSERT_EQ(feed.size(), 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(feed[i].external_id, "n" + std::to_string(i)) << "in provider order";
  EXPECT_EQ(Marker("notes").markers.at("c1"), *core::ParseRfc3339(MinuteStamp(19)));
}

TEST_F(SyncRunnerTest, RetryableErrorsBackOffAndResumeAuthErrorsFailAtOnce) {
  marked_.items = {{"n1", "one", 1}, {"n2", "two", 2}, {"n3", "three", 3}};
  marked_.failures = {absl::UnavailableError("503"), absl::ResourceExhaustedError("429")};
  auto retried = Run(marked_, "notes", false);
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ(retried->retries, 2);
  EXPECT_EQ(retried->changed, 3);

  marked_.failures = {absl::UnavailableError("503"), absl::UnavailableError("503"), absl::UnavailableError("503")};
  EXPECT_EQ(Run(marked_, "notes", false).status().code(), absl::StatusCode::kUnavailable) << "3 attempts, then fail";

  marked_.failures = {absl::UnauthenticatedError("401")};
  int calls_before = marked_.item_calls;
  EXPECT_EQ(Run(marked_, "notes", false).status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(marked_.item_calls - calls_before, 1);
}

TEST_F(SyncRunnerTest, CheckpointStopsTheRunAndNothingIsMarkedDeleted) {
  plain_.items = {{"n1", "one"}, {"n2", "two"}, {"n3", "three"}};
  ASSERT_TRUE(Run(plain_, "notes", true).ok());
  plain_.items = {{"n1", "one"}};
  auto stopped = Run(plain_, "notes", true, [](const SyncCounts&) { return absl::CancelledError("canceled on request"); });
  EXPECT_EQ(stopped.status().code(), absl::StatusCode::kCancelled);
  for (const auto& r : Feed()) EXPECT_FALSE(r.deleted) << r.external_id;
}

// A run over chosen containers lists only their items, keeps markers for them only, detects no
// deletions when full (it saw part of the model), and fails before reading items when a chosen
// container is no longer listed.
TEST_F(SyncRunnerTest, ChosenContainersLimitTheRunAndItsMarkers) {
  auto none = [](const SyncCounts&) { return absl::OkStatus(); };
  marked_.items = {{"n1", "one", 1}, {"n2", "two", 2}, {"n3", "three", 3}};
  auto other = Run(marked_, "notes", false, none, "job_1", {"c2"});
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_EQ(other->changed, 0);
  EXPECT_TRUE(Feed().empty());
  EXPECT_EQ(Marker("notes").markers.count("c1"), 0u);

  auto chosen = Run(marked_, "notes", false, none, "job_2", {"c1"});
  ASSERT_TRUE(chosen.ok()) << chosen.status();
  EXPECT_EQ(chosen->changed, 3);
  EXPECT_EQ(Marker("notes").markers.at("c1"), *core::ParseRfc3339(MinuteStamp(3)));

  marked_.items.pop_back();
  auto full = Run(marked_, "notes", true, none, "job_3", {"c1"});
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_EQ(full->deleted, 0) << "a full run over chosen containers cannot tell what was deleted";

  int calls = marked_.item_calls;
  auto gone = Run(marked_, "notes", false, none, "job_4", {"c1", "c9"});
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().code(), absl::StatusCode::kNotFound) << gone.status();
  EXPECT_EQ(marked_.item_calls, calls) << "no items read";
}

TEST(SyncMarkerTest, RoundTripsAndIgnoresJunk) {
  SyncMarker m;
  Advance(m.markers, "c1", core::TimePoint(std::chrono::seconds(100)));
  Advance(m.markers, "c1", core::TimePoint(std::chrono::seconds(50)));  // never backwards
  m.full = SyncMarker::FullRun{"job_1", core::TimePoint(std::chrono::seconds(7)), {}};
  SyncMarker back = ParseSyncMarker(SerializeSyncMarker(m));
  EXPECT_EQ(back.markers.at("c1"), core::TimePoint(std::chrono::seconds(100)));
  ASSERT_TRUE(back.full.has_value());
  EXPECT_EQ(back.full->job_id, "job_1");
  EXPECT_TRUE(ParseSyncMarker("{not json").markers.empty());
  EXPECT_TRUE(ParseSyncMarker(std::string(kMaxMarkerBytes + 1, ' ')).markers.empty());
}

TEST(ProviderErrorsTest, ClassifiesAndBacksOffWithinBounds) {
  EXPECT_TRUE(IsRetryable(absl::UnavailableError("x")));
  EXPECT_FALSE(IsRetryable(absl::InvalidArgumentError("x")));
  EXPECT_TRUE(IsAuthFailure(absl::UnauthenticatedError("x")));
  EXPECT_FALSE(IsAuthFailure(absl::FailedPreconditionError("x")));
  RetryPolicy p{.attempts = 5, .base = std::chrono::milliseconds(100), .max = std::chrono::milliseconds(1000)};
  EXPECT_EQ(BackoffDelay(p, 0, 0.999).count(), 99);
  EXPECT_EQ(BackoffDelay(p, 3, 0.5).count(), 400);
  EXPECT_EQ(BackoffDelay(p, 30, 1.0).count(), 1000);
  EXPECT_EQ(BackoffDelay(p, 2, 0.0).count(), 0);
}

}  // namespace
}  // namespace ucf::sync
