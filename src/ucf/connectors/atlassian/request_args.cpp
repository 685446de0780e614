#include "ucf/connectors/atlassian/request_args.hpp"

#include <algorithm>

#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::atlassian {

absl::Status RequireId(std::string_view field, std::string_view value) {
  if (core::Trim(value).empty()) return core::InvalidField(field, "is required");
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f)
      return core::InvalidField(field, "must not contain control characters");
  }
  return absl::OkStatus();
}

int ClampLimit(int limit, int max) { return std::clamp(limit, 1, max); }

}  // namespace ucf::connectors::atlassian
