#pragma once
// The one place that knows which engine serves a DatabaseOptions.

#include <memory>

#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"
#include "ucf/crypto/secret_cipher.hpp"
#include "ucf/storage/change_listener.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/storage/database_options.hpp"
#include "ucf/storage/maintenance.hpp"

namespace ucf::storage {

// Opens the database named by `options` (see DatabaseOptions::url) and brings its schema up to
// date (or checks it, when options.migrate is false). `cipher` seals and opens every secret column
// and `clock` stamps every write; both must outlive the returned Database.
// InvalidArgument for an unsupported URL scheme; Unavailable when the server cannot be reached;
// FailedPrecondition when the schema is newer than this binary (the message names both versions).
absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options,
                                                       const crypto::SecretCipher& cipher,
                                                       const core::Clock& clock);

// The fleet-wide claims and retention of a database OpenDatabase returned (valid as long as it
// is); nullptr for any other Database (a fake).
Maintenance* MaintenanceOf(Database& db);

// A listener on `channel` of the PostgreSQL database named by `options` (its own connection,
// outside the pool); nullptr for SQLite, which has no notifications. Unavailable when the server
// cannot be reached; InvalidArgument for a bad channel name.
absl::StatusOr<std::unique_ptr<ChangeListener>> OpenChangeListener(const DatabaseOptions& options,
                                                                   std::string_view channel);

}  // namespace ucf::storage
