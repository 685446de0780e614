#include "ucf/storage/sqlite/sqlite_backup.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "ucf/core/strings.hpp"

namespace ucf::storage::sqlite {
namespace {

// Closes both handles on every path.
struct Handles {
  sqlite3* source = nullptr;
  sqlite3* destination = nullptr;
  ~Handles() {
    sqlite3_close(destination);
    sqlite3_close(source);
  }
};

absl::Status SqliteError(std::string_view what, sqlite3* db) {
  return absl::InternalError(core::StrCat("sqlite backup: ", what, ": ", db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

absl::StatusOr<BackupReport> BackupDatabaseFile(const std::string& source, const std::string& destination,
                                                int pages_per_step) {
  if (pages_per_step < 1) return absl::InvalidArgumentError("pages_per_step must be at least 1");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(source, ec)) {
    return absl::NotFoundError(core::StrCat("no SQLite database at ", source));
  }
  if (std::filesystem::exists(destination, ec) && std::filesystem::equivalent(source, destination, ec)) {
    return absl::InvalidArgumentError("the backup must not overwrite the database itself");
  }
  const std::string partial = core::StrCat(destination, ".partial-", ::getpid());
  std::filesystem::remove(partial, ec);
  BackupReport report;
  {
    Handles h;
    if (sqlite3_open_v2(source.c_str(), &h.source, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      return SqliteError("opening the database", h.source);
    }
    sqlite3_busy_timeout(h.source, 5000);
    if (sqlite3_open_v2(partial.c_str(), &h.destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      return SqliteError("creating the backup file", h.destination);
    }
    sqlite3_backup* backup = sqlite3_backup_init(h.destination, "main", h.source, "main");
    if (backup == nullptr) return SqliteError("starting", h.destination);
    int rc = SQLITE_OK;
    do {
      rc = sqlite3_backup_step(backup, pages_per_step);
      ++report.steps;
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(25);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    report.pages = sqlite3_backup_pagecount(backup);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      absl::Status failed = SqliteError("copying", h.destination);
      std::filesystem::remove(partial, ec);
      return failed;
    }
  }
  std::filesystem::rename(partial, destination, ec);
  if (ec) {
    std::filesystem::remove(partial, ec);
    return absl::InternalError(core::StrCat("sqlite backup: cannot move the copy to ", destination));
  }
  return report;
}

}  // namespace ucf::storage::sqlite
