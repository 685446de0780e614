#include "ucf/storage/sqlite/wal_checkpointer.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

namespace ucf::storage::sqlite {
namespace {

using std::chrono::milliseconds;

class WalCheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/ucf_wal_XXXXXX";
    dir_ = mkdtemp(pattern);
    path_ = dir_ + "/ucf.db";
    auto writer = SqliteConnection::Open(path_, ConnectionRole::kWriter, milliseconds(5000));
    ASSERT_TRUE(writer.ok()) << writer.status();
    writer_ = *std::move(writer);
    ASSERT_TRUE(writer_->ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)").ok());
  }
  void TearDown() override {
    writer_.reset();
    std::filesystem::remove_all(dir_);
  }

  // `n` transactions of one 4 KB row each (about two WAL pages per commit).
  void Write(int n) {
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(writer_->Exec("INSERT INTO t (v) VALUES ($1)", {std::string(4000, 'x')}).ok());
    }
  }
  std::uintmax_t Size(const std::string& file) const { return std::filesystem::file_size(file); }

  static bool Eventually(const std::function<bool()>& done) {
    for (int i = 0; i < 500 && !done(); ++i) std::this_thread::sleep_for(milliseconds(10));
    return done();
  }

  std::string dir_, path_;
  std::unique_ptr<SqliteConnection> writer_;
};

// Past the mark, the thread copies the WAL into the database file — the commits themselves never
// do — and once it has, the next commits reuse the WAL from its start instead of growing it.
TEST_F(WalCheckpointerTest, CommitsPastTheMarkAreCheckpointedOnTheThread) {
  auto checkpointer = WalCheckpointer::Start(path_, milliseconds(5000), {.background_at = 50, .inline_at = 1'000'000});
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.status();
  (*checkpointer)->Attach(*writer_);
  std::uintmax_t db_before = Size(path_);
  Write(100);
  ASSERT_TRUE(Eventually([&] { return (*checkpointer)->background_checkpoints() > 0; }));
  EXPECT_TRUE(Eventually([&] { return Size(path_) > db_before + 200'000; })) << Size(path_);
  std::uintmax_t wal_after_first = Size(path_ + "-wal");
  std::this_thread::sleep_for(milliseconds(200));  // let the last requested checkpoint finish
  Write(100);
  EXPECT_LE(Size(path_ + "-wal"), wal_after_first + 100'000);  // reused, not doubled
  EXPECT_EQ((*checkpointer)->inline_checkpoints(), 0u);
}

// Without the hook the WAL grows with every commit: what the test above would see without the
// thread (so its bound can fail).
TEST_F(WalCheckpointerTest, WithoutCheckpointsTheWalGrows) {
  writer_->OnWalCommit([](SqliteConnection&, int) {});
  Write(100);
  std::uintmax_t wal = Size(path_ + "-wal");
  Write(100);
  EXPECT_GT(Size(path_ + "-wal"), wal + 300'000);
}

// When the WAL reaches inline_at pages anyway, the committing thread checkpoints itself (as
// SQLite would), so the WAL stays bounded whatever the thread does.
TEST_F(WalCheckpointerTest, AFarBehindWalIsCheckpointedByTheCommit) {
  auto checkpointer = WalCheckpointer::Start(path_, milliseconds(5000), {.background_at = 1'000'000, .inline_at = 60});
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.status();
  (*checkpointer)->Attach(*writer_);
  Write(300);
  EXPECT_GT((*checkpointer)->inline_checkpoints(), 0u);
  EXPECT_EQ((*checkpointer)->background_checkpoints(), 0u);
  EXPECT_LT(Size(path_ + "-wal"), 150u * 4096);
}

}  // namespace
}  // namespace ucf::storage::sqlite
