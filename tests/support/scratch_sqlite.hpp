#pragma once
// ScratchSqlite: a real SQLite database (migrated) in a fresh temp directory with a fresh Fernet
// key, removed again on destruction — for unit tests of services that need storage. Header-only so
// test_support gains no storage dependency; users link ucf_storage and ucf_crypto themselves.

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "ucf/core/clock.hpp"
#include "ucf/crypto/fernet.hpp"
#include "ucf/crypto/key_ring.hpp"
#include "ucf/storage/open/open_database.hpp"

namespace ucf::testing {

class ScratchSqlite {
 public:
  explicit ScratchSqlite(const core::Clock& clock) {
    std::string pattern = (std::filesystem::path(::testing::TempDir()) / "ucf_scratch_XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    storage::DatabaseOptions options;
    options.data_dir = dir_;
    ring_ = crypto::KeyRing::FromList(crypto::Fernet::GenerateKey(), clock).value();
    db_ = storage::OpenDatabase(options, *ring_, clock).value();
  }
  ~ScratchSqlite() {
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  ScratchSqlite(const ScratchSqlite&) = delete;
  ScratchSqlite& operator=(const ScratchSqlite&) = delete;

  storage::Database& db() { return *db_; }

 private:
  std::string dir_;
  std::unique_ptr<crypto::KeyRing> ring_;
  std::unique_ptr<storage::Database> db_;
};

}  // namespace ucf::testing
