#pragma once
// Query results, materialised as text in one engine-neutral form.
//
// Drivers normalise every cell: integers in decimal, booleans "1"/"0", timestamps RFC 3339 UTC
// with milliseconds ("…T…Z"), JSON as JSON text, NULL as nullopt.

#include <optional>
#include <string>
#include <vector>

namespace ucf::storage::sql {

using Cell = std::optional<std::string>;
using Row = std::vector<Cell>;
using Rows = std::vector<Row>;

}  // namespace ucf::storage::sql
