#pragma once
// Where a test parameterised over both engines keeps its database: a scratch PostgreSQL database
// on the test command's throwaway cluster, or SQLite in a fresh temporary directory. Removed when
// the object goes away. Header-only (needs only the storage options header).

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "tests/support/pg_database.hpp"
#include "ucf/storage/database_options.hpp"

namespace ucf::testing {

class ScratchDatabase {
 public:
  // `prefix` names the SQLite directory (e.g. "ucf_oauth"). Check skip_reason() / ok() after.
  ScratchDatabase(bool postgres, const std::string& prefix) {
    if (postgres) {
      pg_ = std::make_unique<ScratchPostgresDatabase>();
      if (pg_->url().empty()) {
        skip_reason_ = pg_->error();
        return;
      }
      options_.url = pg_->url();
      return;
    }
    std::string pattern =
        (std::filesystem::temp_directory_path() / (prefix + "_XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      error_ = "mkdtemp failed for " + pattern;
      return;
    }
    dir_ = pattern;
    options_.data_dir = dir_;
  }
  ~ScratchDatabase() {
    pg_.reset();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  // Non-empty when PostgreSQL was asked for but is not available (the test should skip).
  const std::string& skip_reason() const { return skip_reason_; }
  // Non-empty when setting up failed (the test should fail).
  const std::string& error() const { return error_; }
  // Options pointing at this database; callers may adjust the rest (pool size, …).
  const storage::DatabaseOptions& options() const { return options_; }

 private:
  std::unique_ptr<ScratchPostgresDatabase> pg_;
  std::string dir_;
  std::string skip_reason_;
  std::string error_;
  storage::DatabaseOptions options_;
};

}  // namespace ucf::testing
