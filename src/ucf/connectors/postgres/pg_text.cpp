#include "ucf/connectors/postgres/pg_text.hpp"

#include <algorithm>
#include <cstdint>

namespace ucf::connectors::postgres {
namespace {

// Length of the well-formed, non-NUL UTF-8 character at the start of `s`; 0 when malformed.
std::size_t CharLength(std::string_view s) {
  auto c = static_cast<unsigned char>(s[0]);
  if (c == 0) return 0;
  if (c < 0x80) return 1;
  std::size_t len;
  std::uint32_t cp;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    auto cc = static_cast<unsigned char>(s[k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    return 0;
  }
  return len;
}

}  // namespace

bool IsCleanUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = CharLength(s.substr(i));
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string ToCleanUtf8(std::string_view s, std::size_t max_bytes) {
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  out.reserve(std::min(s.size(), max_bytes));
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = CharLength(s.substr(i));
    std::string_view piece = len == 0 ? kReplacement : s.substr(i, len);
    if (out.size() + piece.size() > max_bytes) break;
    out.append(piece);
    i += len == 0 ? 1 : len;
  }
  return out;
}

}  // namespace ucf::connectors::postgres
