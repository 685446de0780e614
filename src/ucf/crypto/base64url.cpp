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
  // Whole groups without padding: table lookups only; a bad character makes `invalid` negative,
  // checked once at the end (the partial output is then discarded).
  const std::size_t whole = text.size() - (padding > 0 ? 4 : 0);
  int invalid = 0;
  for (std::size_t i = 0; i < whole; i += 4, o += 3) {
    const int a = kSextets[in[i]], b = kSextets[in[i + 1]], c = kSextets[in[i + 2]],
              d = kSextets[in[i + 3]];
    invalid |= a | b | c | d;
    const std::uint32_t group = (static_cast<std::uint32_t>(a & 0x3f) << 18) |
                                (static_cast<std::uint32_t>(b & 0x3f) << 12) |
                                (static_cast<std::uint32_t>(c & 0x3f) << 6) |
                                static_cast<std::uint32_t>(d & 0x3f);
    o[0] = static_cast<char>(group >> 16);
    o[1] = static_cast<char>((group >> 8) & 0xff);
    o[2] = static_cast<char>(group & 0xff);
  }
  if (padding > 0) {
    // The last group: 2 (two '=') or 3 (one '=') data characters.
    const unsigned char* g = in + whole;
    const int a = kSextets[g[0]], b = kSextets[g[1]], c = padding == 1 ? kSextets[g[2]] : 0;
    invalid |= a | b | c;
    const std::uint32_t group = (static_cast<std::uint32_t>(a & 0x3f) << 18) |
                                (static_cast<std::uint32_t>(b & 0x3f) << 12) |
                                (static_cast<std::uint32_t>(c & 0x3f) << 6);
    // Padding drops the low 8 (one '=') or 16 (two '=') bits; they must be zero to be canonical.
    if ((group & ((1u << (8 * padding)) - 1)) != 0) return std::nullopt;
    o[0] = static_cast<char>(group >> 16);
    if (padding == 1) o[1] = static_cast<char>((group >> 8) & 0xff);
  }
  if (invalid < 0) return std::nullopt;
  return out;
}

}  // namespace ucf::crypto
