#include "ucf/storage/sql/paging.hpp"

#include <algorithm>
#include <optional>

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/storage/page.hpp"

namespace ucf::storage::sql {
namespace {

constexpr std::string_view kVersionTag = "c1";

}  // namespace

std::string EncodeCursor(const std::vector<std::string>& parts) {
  std::string joined = core::StrCat(kVersionTag, "\n", core::Join(parts, "\n"));
  return core::Base64UrlEncode(joined);
}

absl::StatusOr<std::vector<std::string>> DecodeCursor(std::string_view cursor,
                                                      std::size_t expected_parts) {
  std::optional<std::string> joined = core::Base64UrlDecode(cursor);
  if (!joined.has_value()) return absl::InvalidArgumentError("invalid cursor");
  std::vector<std::string_view> parts = core::Split(*joined, '\n');
  if (parts.size() != expected_parts + 1 || parts[0] != kVersionTag) {
    return absl::InvalidArgumentError("invalid cursor");
  }
  return std::vector<std::string>(parts.begin() + 1, parts.end());
}

std::string CreatedAtCursor(core::TimePoint created_at, std::string_view id) {
  return EncodeCursor({core::FormatRfc3339(created_at), std::string(id)});
}

absl::Status AppendCreatedAtAfter(std::string_view cursor, std::string_view op, std::string& sql,
                                  std::vector<Value>& params) {
  UCF_ASSIGN_OR_RETURN(std::vector<std::string> key, DecodeCursor(cursor, 2));
  absl::StatusOr<core::TimePoint> created = core::ParseRfc3339(key[0]);
  if (!created.ok()) return absl::InvalidArgumentError("invalid cursor");
  params.push_back(*created);
  params.push_back(key[1]);
  core::StrAppend(&sql, " AND (created_at, id) ", op, " ($", params.size() - 1, ", $",
                  params.size(), ")");
  return absl::OkStatus();
}

int ClampLimit(int limit) { return std::clamp(limit, 1, kMaxPageSize); }

}  // namespace ucf::storage::sql
