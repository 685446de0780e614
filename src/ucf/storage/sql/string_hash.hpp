#pragma once
// A transparent hash so std::unordered_map<std::string, …> can be searched with a string_view.

#include <cstddef>
#include <functional>
#include <string_view>

namespace ucf::storage::sql {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace ucf::storage::sql
