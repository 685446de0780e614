#include "ucf/auth/api_key_codec.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdlib>

#include "ucf/core/ids.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::auth {
namespace {

constexpr std::string_view kScheme = "ucf_";
constexpr size_t kPrefixHex = 12;
constexpr size_t kSecretChars = 32;

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    std::abort();  // no entropy: nothing secure can be made
  }
  return out;
}

bool IsHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

GeneratedKey GenerateApiKey() {
  GeneratedKey g;
  g.prefix = core::StrCat(kScheme, core::HexEncode(RandomBytes(kPrefixHex / 2)));
  g.key = core::StrCat(g.prefix, "_", core::Base64UrlEncode(RandomBytes(kSecretChars * 3 / 4)));
  g.hash = HashApiKey(g.key);
  return g;
}

std::string HashApiKey(std::string_view key) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(key.data()), key.size(), digest);
  return core::HexEncode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::optional<std::string> ApiKeyPrefix(std::string_view key) {
  size_t prefix_len = kScheme.size() + kPrefixHex;
  if (key.size() != prefix_len + 1 + kSecretChars || !key.starts_with(kScheme) ||
      key[prefix_len] != '_' || !IsHex(key.substr(kScheme.size(), kPrefixHex))) {
    return std::nullopt;
  }
  return std::string(key.substr(0, prefix_len));
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ucf::auth
