#pragma once
// Checks of caller-supplied arguments shared by the Atlassian connectors. Failures are
// InvalidArgument naming the field (core::InvalidField). Pure; thread-safe.

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"

namespace ucf::connectors::atlassian {

inline constexpr std::size_t kMaxIdLength = 255;

// A Jira issue key or id, or a project key or id, as a caller gives it (surrounding blanks are
// trimmed): 1..kMaxIdLength characters from [A-Za-z0-9_-] ("ENG-42", "10001", "MY_PROJ"). Nothing
// else reaches a URL path or a JQL clause: no "." / ".." (dot segments), "/", "%", blanks or
// control characters. InvalidArgument naming `field` otherwise.
absl::Status RequireId(std::string_view field, std::string_view value);

// `limit` clamped into 1..max (the framework passes 1..200; providers cap lower or higher).
int ClampLimit(int limit, int max);

}  // namespace ucf::connectors::atlassian
