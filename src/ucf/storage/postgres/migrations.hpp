#pragma once
// The PostgreSQL schema, as versioned migrations (kept in step with sqlite/migrations.cpp: same
// tables, columns and keys; PostgreSQL types: TIMESTAMPTZ, JSONB, BOOLEAN, BIGINT; key text
// columns use COLLATE "C" so ordering and cursors match SQLite's byte order on any server locale).

#include "absl/types/span.h"
#include "ucf/storage/sql/driver.hpp"

namespace ucf::storage::postgres {

absl::Span<const sql::Migration> PostgresMigrations();

}  // namespace ucf::storage::postgres
