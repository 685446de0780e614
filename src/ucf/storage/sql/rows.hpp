#pragma once
// Query results, materialised as text in one engine-neutral form.
//
// Drivers normalise every cell: integers in decimal, booleans "1"/"0", timestamps RFC 3339 UTC
// with milliseconds ("…T…Z"), JSON as JSON text, NULL as nullopt.
// Streamed rows (Executor::QueryEach) are the same cells as views into the engine's buffers.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/types/span.h"

namespace ucf::storage::sql {

using Cell = std::optional<std::string>;
using Row = std::vector<Cell>;
using Rows = std::vector<Row>;

using CellView = std::optional<std::string_view>;
// Called once per row; the views are valid only during the call.
using RowVisitor = absl::FunctionRef<absl::Status(absl::Span<const CellView> row)>;

}  // namespace ucf::storage::sql
