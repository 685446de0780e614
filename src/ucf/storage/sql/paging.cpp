#include "ucf/storage/sql/paging.hpp"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/storage/page.hpp"

namespace ucf::storage::sql {
namespace {

constexpr std::string_view kVersionTag = "c1";

}  // namespace

std::string EncodeCursor(const std::vector<std::string>& parts) {
  std::string joined = absl::StrCat(kVersionTag, "\n", absl::StrJoin(parts, "\n"));
  return absl::WebSafeBase64Escape(joined);
}

absl::StatusOr<std::vector<std::string>> DecodeCursor(std::string_view cursor,
                                                      std::size_t expected_parts) {
  std::string joined;
  if (!absl::WebSafeBase64Unescape(cursor, &joined)) {
    return absl::InvalidArgumentError("invalid cursor");
  }
  std::vector<std::string> parts = absl::StrSplit(joined, '\n');
  if (parts.size() != expected_parts + 1 || parts[0] != kVersionTag) {
    return absl::InvalidArgumentError("invalid cursor");
  }
  parts.erase(parts.begin());
  return parts;
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
  absl::StrAppend(&sql, " AND (created_at, id) ", op, " ($", params.size() - 1, ", $",
                  params.size(), ")");
  return absl::OkStatus();
}

int ClampLimit(int limit) { return std::clamp(limit, 1, kMaxPageSize); }

}  // namespace ucf::storage::sql
