#include "ucf/auth/oauth/pkce.hpp"

#include <openssl/sha.h>

#include <algorithm>

#include "ucf/core/ids.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::auth::oauth {
namespace {

constexpr std::size_t kRandomBytes = 32;

std::string Sha256(std::string_view data) {
  std::string digest(SHA256_DIGEST_LENGTH, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         reinterpret_cast<unsigned char*>(digest.data()));
  return digest;
}

}  // namespace

std::string GenerateCodeVerifier() { return core::RandomToken(kRandomBytes); }

std::string CodeChallengeS256(std::string_view verifier) {
  return core::Base64UrlEncode(Sha256(verifier));
}

bool IsValidCodeVerifier(std::string_view verifier) {
  if (verifier.size() < 43 || verifier.size() > 128) return false;
  return std::all_of(verifier.begin(), verifier.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
  });
}

std::string GenerateState() { return core::RandomToken(kRandomBytes); }

std::string HashState(std::string_view state) { return core::HexEncode(Sha256(state)); }

}  // namespace ucf::auth::oauth
