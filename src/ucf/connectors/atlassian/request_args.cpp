#include "ucf/connectors/atlassian/request_args.hpp"

#include <algorithm>

#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::atlassian {

absl::Status RequireId(std::string_view field, std::string_view value) {
  std::string_view id = core::Trim(value);
  if (id.empty()) return core::InvalidField(field, "is required");
  if (id.size() > kMaxIdLength) {
    return core::InvalidField(field, core::StrCat("must be at most ", kMaxIdLength, " characters"));
  }
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return core::InvalidField(field, "must be a key or id of letters, digits, '_' and '-'");
  }
  return absl::OkStatus();
}

int ClampLimit(int limit, int max) { return std::clamp(limit, 1, max); }

}  // namespace ucf::connectors::atlassian
