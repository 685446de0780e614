#include "ucf/storage/sqlite/sqlite_backup.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>

namespace ucf::storage::sqlite {
namespace {

class SqliteBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/ucf_backup_XXXXXX";
    dir_ = mkdtemp(pattern);
    source_ = dir_ + "/ucf.db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static long long Scalar(sqlite3* db, const char* sql) {
    sqlite3_stmt* st = nullptr;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      v = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return v;
  }

  std::string dir_, source_;
};

// A writer in WAL mode keeps committing while the backup runs: the copy is a consistent database
// (integrity check passes, every committed batch whole), and no partial file is left behind.
TEST_F(SqliteBackupTest, CopiesALiveDatabaseConsistently) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(source_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA journal_mode=WAL; CREATE TABLE t (batch INTEGER, pad TEXT);", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  auto write_batch = [&](int batch) {
    std::string sql = "BEGIN;";
    for (int i = 0; i < 10; ++i) {
      sql += "INSERT INTO t VALUES (" + std::to_string(batch) + ", hex(randomblob(200)));";
    }
    sql += "COMMIT;";
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  };
  for (int b = 0; b < 300; ++b) ASSERT_EQ(write_batch(b), SQLITE_OK);
  std::atomic<bool> stop{false};
  std::atomic<int> batches{300};
  std::thread writer([&] {
    while (!stop.load()) {
      if (write_batch(batches.load()) == SQLITE_OK) ++batches;
    }
  });
  auto report = BackupDatabaseFile(source_, dir_ + "/backup.db", /*pages_per_step=*/8);
  stop = true;
  writer.join();
  sqlite3_close(db);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_GT(report->pages, 100);
  EXPECT_GT(report->steps, 1);

  sqlite3* copy = nullptr;
  ASSERT_EQ(sqlite3_open_v2((dir_ + "/backup.db").c_str(), &copy, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(copy, "PRAGMA integrity_check", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok");
  sqlite3_finalize(st);
  long long rows = Scalar(copy, "SELECT count(*) FROM t");
  EXPECT_GE(rows, 3000);
  EXPECT_EQ(rows % 10, 0) << "only whole transactions";
  EXPECT_EQ(Scalar(copy, "SELECT count(*) FROM (SELECT batch FROM t GROUP BY batch HAVING count(*) <> 10)"), 0);
  sqlite3_close(copy);
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().find(".partial"), std::string::npos) << entry.path();
  }
}

TEST_F(SqliteBackupTest, RefusesAMissingSourceAndOverwritingItself) {
  EXPECT_EQ(BackupDatabaseFile(source_, dir_ + "/b.db").status().code(), absl::StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(source_)) << "never creates the source";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(source_.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE t (x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_EQ(BackupDatabaseFile(source_, source_).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(BackupDatabaseFile(source_, dir_ + "/b.db", 0).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ucf::storage::sqlite
