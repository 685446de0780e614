#include "ucf/observability/trace_context.hpp"

#include <algorithm>

#include "ucf/core/ids.hpp"

namespace ucf::observability {
namespace {

bool LowerHex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool AllZero(std::string_view s) { return s.find_first_not_of('0') == std::string_view::npos; }

std::string RandomHex32() {
  std::string id = core::NewRequestId();  // a random UUID: 32 hex digits and 4 dashes
  id.erase(std::remove(id.begin(), id.end(), '-'), id.end());
  return id;
}

}  // namespace

std::optional<TraceParent> ParseTraceParent(std::string_view header) {
  // version "-" trace-id "-" parent-id "-" flags; future versions may append "-…" fields.
  if (header.size() < 55 || header.size() > 512) return std::nullopt;
  std::string_view version = header.substr(0, 2);
  if (!LowerHex(version) || version == "ff" || header[2] != '-' || header[35] != '-' || header[52] != '-') {
    return std::nullopt;
  }
  if (version == "00" && header.size() != 55) return std::nullopt;
  if (version != "00" && header.size() > 55 && header[55] != '-') return std::nullopt;
  TraceParent out{std::string(header.substr(3, 32)), std::string(header.substr(36, 16)),
                  std::string(header.substr(53, 2))};
  if (!LowerHex(out.trace_id) || !LowerHex(out.parent_id) || !LowerHex(out.flags)) return std::nullopt;
  if (AllZero(out.trace_id) || AllZero(out.parent_id)) return std::nullopt;
  return out;
}

std::string FormatTraceParent(const TraceParent& parent) {
  return "00-" + parent.trace_id + "-" + parent.parent_id + "-" + parent.flags;
}

std::string NewTraceId() { return RandomHex32(); }

std::string NewSpanId() { return RandomHex32().substr(16); }  // the half without the UUID version digit

}  // namespace ucf::observability
