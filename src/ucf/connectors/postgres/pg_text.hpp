#pragma once
// UTF-8 hygiene at the browser's two edges: text from clients must be NUL-free, well-formed UTF-8
// before it is bound as a libpq parameter (a C string); text from the database server (values,
// names, error messages) is repaired before it reaches JSON, since a hostile or misconfigured
// server may send anything.

#include <cstddef>
#include <string>
#include <string_view>

namespace ucf::connectors::postgres {

// True when `s` is well-formed UTF-8 without NUL bytes (no overlongs, surrogates, > U+10FFFF).
bool IsCleanUtf8(std::string_view s);

// `s` with every NUL byte and malformed sequence replaced by U+FFFD, cut to at most `max_bytes`
// on a character boundary.
std::string ToCleanUtf8(std::string_view s, std::size_t max_bytes = std::string::npos);

}  // namespace ucf::connectors::postgres
