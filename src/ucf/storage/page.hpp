#pragma once
// One page of a keyset-paginated list.

#include <optional>
#include <string>
#include <vector>

namespace ucf::storage {

// Lists take `cursor` (empty = first page) and `limit` (clamped to 1..kMaxPageSize). `next` is the
// cursor of the following page, or nullopt on the last page. Cursors are opaque strings: callers
// hand them back unchanged; a malformed cursor is InvalidArgument. The order is stable, so rows
// inserted while paging never make a page repeat or skip an older row.
template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next;
};

inline constexpr int kMaxPageSize = 1000;

}  // namespace ucf::storage
