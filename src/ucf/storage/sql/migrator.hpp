#pragma once
// Schema versioning: schema_migrations holds one row per applied migration.

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"
#include "ucf/storage/sql/driver.hpp"

namespace ucf::storage::sql {

// The highest applied version; 0 when schema_migrations does not exist yet.
absl::StatusOr<int> ReadSchemaVersion(Driver& driver);

// Applies the driver's missing migrations, one transaction each, each under the driver's
// migration lock. FailedPrecondition naming both versions when the database is newer than the
// driver's migrations; Internal when the migration list itself is malformed.
absl::Status ApplyMigrations(Driver& driver, const core::Clock& clock);

// The FailedPrecondition for a database newer than this binary.
absl::Status SchemaTooNewError(int database_version, int latest_known);

}  // namespace ucf::storage::sql
