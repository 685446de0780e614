#pragma once
// Atlassian timestamps -> RFC 3339 UTC. Jira writes "2021-01-17T12:34:00.000+0000" (offset
// without a colon), Confluence "2024-05-01T10:00:00.000Z"; both become
// "2021-01-17T12:34:00.000Z" (core::FormatRfc3339). Text that is not such a timestamp is returned
// unchanged rather than dropped. Pure; thread-safe.

#include <optional>
#include <string>
#include <string_view>

namespace ucf::connectors::atlassian {

std::string NormalizeTimestamp(std::string_view text);
std::optional<std::string> NormalizeOptionalTimestamp(const std::optional<std::string>& text);

}  // namespace ucf::connectors::atlassian
