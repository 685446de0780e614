#include "ucf/sync/sync_schedules.hpp"

#include <gtest/gtest.h>

#include "tests/support/scratch_sqlite.hpp"
#include "ucf/connectors/jira/jira_connector.hpp"

namespace ucf::sync {
namespace {

using std::chrono::seconds;

class SyncSchedulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(registry_.Add(connectors::jira::MakeJiraConnector()).ok());
    scratch_ = std::make_unique<testing::ScratchSqlite>(clock_);
    db_ = &scratch_->db();
    ASSERT_TRUE(db_->Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
                     if (auto t = s.tenants().Create({.id = "a", .name = "A"}); !t.ok()) return t.status();
                     storage::ConnectionRecord c;
                     c.tenant_id = "a";
                     c.connector_id = "jira";
                     c.name = "main";
                     c.status = storage::ConnectionStatus::kConnected;
                     auto created = s.connections().Create(c);
                     if (!created.ok()) return created.status();
                     connection_ = created->id;
                     return absl::OkStatus();
                   }).ok());
  }
  std::vector<storage::JobRecord> Jobs() {
    std::vector<storage::JobRecord> out;
    EXPECT_TRUE(db_->Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
                     auto page = s.jobs().List("a", {}, "", 100);
                     if (!page.ok()) return page.status();
                     out = page->items;
                     return absl::OkStatus();
                   }).ok());
    return out;
  }
  void FinishAll() {
    ASSERT_TRUE(db_->Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
                     for (const auto& j : Jobs()) {
                       if (storage::IsFinal(j.status)) continue;
                       storage::JobUpdate u;
                       u.status = storage::JobStatus::kSucceeded;
                       if (auto st = s.jobs().Update("a", j.id, u); !st.ok()) return st.status();
                     }
                     return absl::OkStatus();
                   }).ok());
  }

  core::FakeClock clock_{core::TimePoint(std::chrono::hours(500'000))};
  connectors::ConnectorRegistry registry_;
  std::unique_ptr<testing::ScratchSqlite> scratch_;
  storage::Database* db_ = nullptr;
  std::string connection_;
  audit::Actor actor_ = audit::Actor::System("a");
};

TEST_F(SyncSchedulesTest, ValidatesTheRequest) {
  SyncSchedules schedules(*db_, registry_, clock_);
  EXPECT_EQ(schedules.Put(actor_, connection_, {"issues", 29, 0}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(schedules.Put(actor_, connection_, {"issues", 60, -1}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(schedules.Put(actor_, connection_, {"tasks", 60, 0}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(schedules.Put(audit::Actor::System("b"), connection_, {"issues", 60, 0}).status().code(),
            absl::StatusCode::kNotFound);
  auto put = schedules.Put(actor_, connection_, {"", 60, 0});
  ASSERT_TRUE(put.ok()) << put.status();
  EXPECT_EQ(put->model, "issues") << "the item model by default";
  EXPECT_GE(put->next_fire_at, clock_.Now() + seconds(54));
  EXPECT_LE(put->next_fire_at, clock_.Now() + seconds(66));
  EXPECT_EQ(schedules.List("a", connection_)->size(), 1u);
  EXPECT_TRUE(schedules.Delete(actor_, connection_, "issues").ok());
  EXPECT_EQ(schedules.Delete(actor_, connection_, "issues").code(), absl::StatusCode::kNotFound);
}

TEST_F(SyncSchedulesTest, FiresOncePerPeriodSkipsWhileARunIsActiveAndForcesEveryNthFull) {
  SyncSchedules schedules(*db_, registry_, clock_);
  ASSERT_TRUE(schedules.Put(actor_, connection_, {"issues", 60, 2}).ok());
  EXPECT_EQ(*schedules.FireDue(), 0) << "not due yet";
  clock_.Advance(seconds(67));
  EXPECT_EQ(*schedules.FireDue(), 1);
  EXPECT_EQ(*schedules.FireDue(), 0) << "fired once";
  auto jobs = Jobs();
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_FALSE(jobs[0].params.at("full").as_bool()) << "run 1 of 2: incremental";

  clock_.Advance(seconds(67));
  EXPECT_EQ(*schedules.FireDue(), 0) << "the previous run is still queued: nothing more queued";
  FinishAll();
  clock_.Advance(seconds(67));
  EXPECT_EQ(*schedules.FireDue(), 1);
  jobs = Jobs();
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_TRUE(jobs[0].params.at("full").as_bool()) << "the 2nd run: full every 2nd";  // newest first
}

TEST(SyncScheduleJitterTest, StaysWithinTenPercent) {
  core::TimePoint now{};
  EXPECT_EQ(SyncSchedules::NextFire(now, 100, 0.0), now + seconds(90));
  EXPECT_EQ(SyncSchedules::NextFire(now, 100, 0.5), now + seconds(100));
  EXPECT_LT(SyncSchedules::NextFire(now, 100, 0.999), now + seconds(110));
}

}  // namespace
}  // namespace ucf::sync
