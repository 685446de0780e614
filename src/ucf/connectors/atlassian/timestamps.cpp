#include "ucf/connectors/atlassian/timestamps.hpp"

#include <cctype>

#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::connectors::atlassian {
namespace {

bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

std::string NormalizeTimestamp(std::string_view text) {
  std::string candidate(text);
  // "…+0000" / "…-0530" -> "…+00:00" / "…-05:30"
  if (text.size() > 5) {
    std::string_view tail = text.substr(text.size() - 5);
    if ((tail[0] == '+' || tail[0] == '-') && IsDigits(tail.substr(1))) {
      candidate = core::StrCat(text.substr(0, text.size() - 2), ":", text.substr(text.size() - 2));
    }
  }
  absl::StatusOr<core::TimePoint> parsed = core::ParseRfc3339(candidate);
  if (!parsed.ok()) return std::string(text);
  return core::FormatRfc3339(*parsed);
}

std::optional<std::string> NormalizeOptionalTimestamp(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return NormalizeTimestamp(std::string_view(*text));
}

}  // namespace ucf::connectors::atlassian
