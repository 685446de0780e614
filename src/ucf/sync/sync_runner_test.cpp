#include "ucf/sync/sync_runner.hpp"

#include <gtest/gtest.h>

#include "tests/support/scratch_sqlite.hpp"


#include "ucf/connectors/fake_api_client.hpp"

namespace ucf::sync {
namespace {

// Two containers; items are whatever the test puts in `items` (all in container "c1").
class ListConnector final : public connectors::HttpConnector {
 public:
  ListConnector() {
    description_.id = "list";
    description_.sync_models = {"folders", "notes", "remarks"};
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
    // Pages of two, the cursor being the next offset.
    connectors::Page<connectors::Item> page;
    if (q.container_id != "c1") return page;
    std::size_t from = q.page.cursor.empty() ? 0 : std::stoul(q.page.cursor);
    for (std::size_t i = from; i < items.size() && i < from + 2; ++i) {
      connectors::Item item;
      item.id = items[i].first;
      item.name = items[i].second;
      item.container_id = "c1";
      page.items.push_back(item);
    }
    if (from + 2 < items.size()) page.next = std::to_string(from + 2);
    return page;
  }
  std::vector<std::pair<std::string, std::string>> items;

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
  void TearDown() override {
    scratch_.reset();
  }

  absl::StatusOr<SyncCounts> Run(std::string_view model, const Checkpoint& checkpoint = [](int) {
    return absl::OkStatus();
  }) {
    connections::ResolvedConnection c;
    c.connection.id = connection_id_;
    c.connection.tenant_id = "a";
    c.connector = &connector_;
    c.session = std::make_unique<connectors::FakeApiClient>();
    return SyncRunner(*db_, clock_).Run(c, model, checkpoint);
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

  core::SystemClock clock_;
  std::unique_ptr<testing::ScratchSqlite> scratch_;
  storage::Database* db_ = nullptr;
  std::string connection_id_;
  ListConnector connector_;
};

TEST_F(SyncRunnerTest, CopiesAcrossPagesKeepsUnchangedAndMarksVanishedDeleted) {
  connector_.items = {{"n1", "one"}, {"n2", "two"}, {"n3", "three"}, {"n4", "four"}, {"n5", "five"}};
  auto first = Run("notes");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->fetched, 5);
  EXPECT_EQ(first->changed, 5);
  auto feed = Feed();
  ASSERT_EQ(feed.size(), 5u);
  std::int64_t mark = feed.back().seq;

  connector_.items = {{"n1", "one"}, {"n2", "TWO"}, {"n3", "three"}, {"n5", "five"}};
  auto second = Run("notes");
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->changed, 1);
  EXPECT_EQ(second->unchanged, 3);
  EXPECT_EQ(second->deleted, 1);
  auto changes = Feed(mark);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].external_id, "n2");
  EXPECT_EQ(changes[1].external_id, "n4");
  EXPECT_TRUE(changes[1].deleted);
}

TEST_F(SyncRunnerTest, ContainersLevelAndUnknownModel) {
  auto folders = Run("folders");
  ASSERT_TRUE(folders.ok()) << folders.status();
  EXPECT_EQ(folders->fetched, 2);
  EXPECT_EQ(Run("tasks").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(SyncRunnerTest, CheckpointStopsTheRunAndNothingIsMarkedDeleted) {
  connector_.items = {{"n1", "one"}, {"n2", "two"}, {"n3", "three"}};
  ASSERT_TRUE(Run("notes").ok());
  connector_.items = {{"n1", "one"}};
  auto stopped = Run("notes", [](int) { return absl::CancelledError("canceled on request"); });
  EXPECT_EQ(stopped.status().code(), absl::StatusCode::kCancelled);
  for (const auto& r : Feed()) EXPECT_FALSE(r.deleted) << r.external_id;
}

}  // namespace
}  // namespace ucf::sync
