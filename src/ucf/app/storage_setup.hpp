#pragma once
// Opens the encrypted store from configuration: resolves the encryption keys (generating a
// development key once, refusing production without one), builds the key ring, and opens the
// database (SQLite in the data dir, or PostgreSQL from DATABASE_URL). Shared by `ucf serve`,
// `ucf migrate` and `ucf rotate-keys`.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "ucf/config/config.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/crypto/key_ring.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::app {

struct OpenedStorage {
  std::unique_ptr<crypto::KeyRing> key_ring;  // declared first: the database uses it until the end
  std::unique_ptr<storage::Database> db;
  std::string key_warning;                    // non-empty when a development key was generated
};

// `clock` must outlive the result. With `migrate` false, a database whose schema is not the
// latest is refused (FailedPrecondition) instead of migrated.
absl::StatusOr<OpenedStorage> OpenStorage(const config::Config& config, const core::Clock& clock,
                                          bool migrate = true);

}  // namespace ucf::app
