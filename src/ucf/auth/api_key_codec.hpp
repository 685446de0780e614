#pragma once
// The format of service API keys: "ucf_<prefix>_<secret>", where <prefix> is 12 hex characters
// (48 random bits, shown in listings and used to find the key) and <secret> is 32 URL-safe base64
// characters (192 random bits). Only the SHA-256 of the whole key is stored.

#include <optional>
#include <string>
#include <string_view>

namespace ucf::auth {

struct GeneratedKey {
  std::string key;     // shown once, never stored
  std::string prefix;  // "ucf_<prefix>" — visible part
  std::string hash;    // hex SHA-256 of key
};

GeneratedKey GenerateApiKey();

// Hex SHA-256 of `key`.
std::string HashApiKey(std::string_view key);

// The visible prefix ("ucf_<12 hex>") of a well-formed key, or nullopt.
std::optional<std::string> ApiKeyPrefix(std::string_view key);

// Compares in time independent of where the inputs differ (CRYPTO_memcmp).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace ucf::auth
