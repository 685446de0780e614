#pragma once
// The SQLite schema, as versioned migrations (kept in step with postgres/migrations.cpp: same
// tables, columns and keys; SQLite types: TEXT for timestamps (RFC 3339 UTC), JSON and
// ciphertext, INTEGER for booleans).

#include "absl/types/span.h"
#include "ucf/storage/sql/driver.hpp"

namespace ucf::storage::sqlite {

absl::Span<const sql::Migration> SqliteMigrations();

}  // namespace ucf::storage::sqlite
