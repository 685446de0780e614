#pragma once
// The unified item id of a row: <container id>:<row id>, e.g. public.users:42,
// "Sales"."Q1":["2026","7"] (composite key) or public.logs:(0,3) (ctid). The container id part
// follows pg_ident.hpp's grammar, so the first ':' after it separates the row id even when a
// quoted name holds ':' itself. SplitItemId is strict and bounded (kMaxItemIdBytes) and fails
// with InvalidArgument naming "itemId"; the container part is checked by ParseContainerId.

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace ucf::connectors::postgres {

inline constexpr std::size_t kMaxItemIdBytes = 4096;

struct ItemIdParts {
  std::string container_id;
  std::string row_id;
};

std::string ItemId(std::string_view container_id, std::string_view row_id);
absl::StatusOr<ItemIdParts> SplitItemId(std::string_view item_id);

}  // namespace ucf::connectors::postgres
