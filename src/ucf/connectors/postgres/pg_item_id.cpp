#include "ucf/connectors/postgres/pg_item_id.hpp"

#include "ucf/connectors/postgres/pg_ident.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::postgres {
namespace {

// The end of one container-id part starting at `i` (a quoted or bare name); npos when malformed.
std::size_t PartEnd(std::string_view s, std::size_t i) {
  if (i >= s.size()) return std::string_view::npos;
  if (s[i] == '"') {
    for (std::size_t j = i + 1; j < s.size(); ++j) {
      if (s[j] != '"') continue;
      if (j + 1 < s.size() && s[j + 1] == '"') {
        ++j;  // "" inside a quoted name
        continue;
      }
      return j + 1;
    }
    return std::string_view::npos;
  }
  std::size_t j = i;
  while (j < s.size() && s[j] != '.' && s[j] != ':' && s[j] != '"') ++j;
  return j == i ? std::string_view::npos : j;
}

}  // namespace

std::string ItemId(std::string_view container_id, std::string_view row_id) {
  return core::StrCat(container_id, ":", row_id);
}

absl::StatusOr<ItemIdParts> SplitItemId(std::string_view item_id) {
  auto bad = [] {
    return core::InvalidField("itemId", "must be <schema>.<table>:<row key> as listed in the items");
  };
  if (item_id.empty() || item_id.size() > kMaxItemIdBytes) return bad();
  std::size_t first = PartEnd(item_id, 0);
  if (first == std::string_view::npos || first >= item_id.size() || item_id[first] != '.') return bad();
  std::size_t second = PartEnd(item_id, first + 1);
  if (second == std::string_view::npos || second >= item_id.size() || item_id[second] != ':') return bad();
  ItemIdParts out{std::string(item_id.substr(0, second)), std::string(item_id.substr(second + 1))};
  if (out.row_id.empty()) return bad();
  UCF_RETURN_IF_ERROR(ParseContainerId(out.container_id, "itemId").status());
  return out;
}

}  // namespace ucf::connectors::postgres
