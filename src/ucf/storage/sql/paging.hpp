#pragma once
// Keyset-pagination helpers: opaque cursors and limits.
//
// A cursor is the sort key of the last row of a page (e.g. created_at and id), joined and
// base64url-encoded with a version tag. It is opaque to callers but not secret.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"
#include "ucf/storage/sql/value.hpp"

namespace ucf::storage::sql {

// The cursor for the sort key `parts` (no part may contain '\n').
std::string EncodeCursor(const std::vector<std::string>& parts);

// The sort key of `cursor`, which must have `expected_parts` parts. InvalidArgument otherwise.
absl::StatusOr<std::vector<std::string>> DecodeCursor(std::string_view cursor,
                                                      std::size_t expected_parts);

// Most lists page by (created_at, id). The cursor of a row with that key:
std::string CreatedAtCursor(core::TimePoint created_at, std::string_view id);

// Appends " AND (created_at, id) <op> ($i, $j)" to `sql` and the decoded key of a
// CreatedAtCursor to `params` (op is ">" for ascending lists, "<" for descending ones).
// InvalidArgument for a malformed cursor.
absl::Status AppendCreatedAtAfter(std::string_view cursor, std::string_view op, std::string& sql,
                                  std::vector<Value>& params);

// `limit` clamped to 1..kMaxPageSize.
int ClampLimit(int limit);

}  // namespace ucf::storage::sql
