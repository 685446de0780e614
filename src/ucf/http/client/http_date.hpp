#pragma once
// HTTP-date (RFC 9110 §5.6.7), as found in Retry-After and Date headers.

#include <optional>
#include <string>
#include <string_view>

#include "ucf/core/clock.hpp"

namespace ucf::http {

// Parses the preferred IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") and the two obsolete forms
// recipients must accept: RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT"; two-digit years within 50
// years of 2000 map to 20xx, else 19xx) and asctime ("Sun Nov  6 08:49:37 1994"). The day name is
// not checked against the date. nullopt for anything else. Pure; thread-safe.
std::optional<core::TimePoint> ParseHttpDate(std::string_view text);

// IMF-fixdate of `t` (truncated to whole seconds).
std::string FormatHttpDate(core::TimePoint t);

}  // namespace ucf::http
