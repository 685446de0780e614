#include "ucf/crypto/base64url.hpp"

#include <algorithm>
#include <cstdint>

namespace ucf::crypto {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The 6-bit value of a URL-safe base64 character, or -1.
int SextetOf(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string text;
  text.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < 3; ++j) {
      const std::uint8_t byte = j < n ? static_cast<std::uint8_t>(bytes[i + j]) : 0;
      group = (group << 8) | byte;
    }
    for (std::size_t j = 0; j < 4; ++j) {
      text.push_back(j <= n ? kAlphabet[(group >> (18 - 6 * j)) & 0x3f] : '=');
    }
  }
  return text;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  if (text.ends_with("==")) {
    padding = 2;
  } else if (text.ends_with('=')) {
    padding = 1;
  }
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const std::size_t data_chars = last ? 4 - padding : 4;
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      int sextet = 0;
      if (j < data_chars) {
        sextet = SextetOf(text[i + j]);
        if (sextet < 0) return std::nullopt;
      }
      group = (group << 6) | static_cast<std::uint32_t>(sextet);
    }
    // Padding drops the low 8 (one '=') or 16 (two '=') bits; they must be zero to be canonical.
    if (last && (group & ((1u << (8 * padding)) - 1)) != 0) return std::nullopt;
    out.push_back(static_cast<char>(group >> 16));
    if (data_chars > 2) out.push_back(static_cast<char>((group >> 8) & 0xff));
    if (data_chars > 3) out.push_back(static_cast<char>(group & 0xff));
  }
  return out;
}

}  // namespace ucf::crypto
