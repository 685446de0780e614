#include "ucf/crypto/base64url.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace ucf::crypto {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The 6-bit value of each URL-safe base64 character, or -1.
constexpr std::array<std::int8_t, 256> kSextets = [] {
  std::array<std::int8_t, 256> table{};
  table.fill(-1);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  }
  return table;
}();

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string text((bytes.size() + 2) / 3 * 4, '=');
  char* out = text.data();
  const auto* in = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3, out += 4) {
    const std::uint32_t group = (std::uint32_t{in[i]} << 16) | (in[i + 1] << 8) | in[i + 2];
    out[0] = kAlphabet[group >> 18];
    out[1] = kAlphabet[(group >> 12) & 0x3f];
    out[2] = kAlphabet[(group >> 6) & 0x3f];
    out[3] = kAlphabet[group & 0x3f];
  }
  if (const std::size_t n = bytes.size() - i; n > 0) {
    const std::uint32_t group = (std::uint32_t{in[i]} << 16) | (n == 2 ? in[i + 1] << 8 : 0);
    out[0] = kAlphabet[group >> 18];
    out[1] = kAlphabet[(group >> 12) & 0x3f];
    if (n == 2) out[2] = kAlphabet[(group >> 6) & 0x3f];
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
  std::string out(text.size() / 4 * 3 - padding, '\0');
  char* o = out.data();
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const std::size_t data_chars = last ? 4 - padding : 4;
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      int sextet = 0;
      if (j < data_chars) {
        sextet = kSextets[in[i + j]];
        if (sextet < 0) return std::nullopt;
      }
      group = (group << 6) | static_cast<std::uint32_t>(sextet);
    }
    // Padding drops the low 8 (one '=') or 16 (two '=') bits; they must be zero to be canonical.
    if (last && (group & ((1u << (8 * padding)) - 1)) != 0) return std::nullopt;
    *o++ = static_cast<char>(group >> 16);
    if (data_chars > 2) *o++ = static_cast<char>((group >> 8) & 0xff);
    if (data_chars > 3) *o++ = static_cast<char>(group & 0xff);
  }
  return out;
}

}  // namespace ucf::crypto
