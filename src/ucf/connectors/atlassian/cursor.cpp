#include "ucf/connectors/atlassian/cursor.hpp"

#include <vector>

#include "ucf/connectors/atlassian/url_parts.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::atlassian {
namespace {

// Whether one link's parameters (`; rel="next"; title=x`) include the relation `rel`.
bool HasRelation(std::string_view params, std::string_view rel) {
  for (std::string_view param : core::Split(params, ';', /*skip_empty=*/true)) {
    param = core::Trim(param);
    std::size_t eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (!core::EqualsIgnoreCase(core::Trim(param.substr(0, eq)), "rel")) continue;
    std::string_view value = core::Trim(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    for (std::string_view token : core::Split(value, ' ', /*skip_empty=*/true)) {
      if (core::EqualsIgnoreCase(token, rel)) return true;
    }
  }
  return false;
}

std::optional<std::string> CursorOf(std::string_view url) {
  std::optional<std::string> cursor = QueryParam(url, "cursor");
  if (!cursor || cursor->empty()) return std::nullopt;
  return cursor;
}

}  // namespace

std::optional<std::string> LinkHeaderNext(std::string_view header) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t open = header.find('<', pos);
    if (open == std::string_view::npos) return std::nullopt;
    std::size_t close = header.find('>', open + 1);
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view target = header.substr(open + 1, close - open - 1);
    // The parameters run to the next comma outside a quoted string.
    std::size_t end = close + 1;
    bool quoted = false;
    for (; end < header.size(); ++end) {
      if (header[end] == '"') quoted = !quoted;
      if (header[end] == ',' && !quoted) break;
    }
    if (HasRelation(header.substr(close + 1, end - close - 1), "next")) {
      return std::string(core::Trim(target));
    }
    pos = end + 1;
  }
  return std::nullopt;
}

std::optional<std::string> NextCursor(const boost::json::object& body,
                                      const http::Headers& headers) {
  if (const boost::json::value* links = body.if_contains("_links");
      links != nullptr && links->is_object()) {
    const boost::json::value* next = links->as_object().if_contains("next");
    if (next != nullptr && next->is_string()) {
      if (auto cursor = CursorOf(std::string_view(next->as_string()))) return cursor;
    }
  }
  for (const auto& [name, value] : headers) {
    if (!core::EqualsIgnoreCase(name, "Link")) continue;
    if (std::optional<std::string> next = LinkHeaderNext(value)) {
      if (auto cursor = CursorOf(*next)) return cursor;
    }
  }
  return std::nullopt;
}

}  // namespace ucf::connectors::atlassian
