#pragma once
// SHA-256, HMAC-SHA256 on OpenSSL and a constant-time comparison. Pure functions; thread-safe.

#include <string>
#include <string_view>

namespace ucf::crypto {

// The 32-byte HMAC-SHA256 of `data` under `key` (raw bytes).
std::string HmacSha256(std::string_view key, std::string_view data);

// The 32-byte SHA-256 of `data`.
std::string Sha256(std::string_view data);

// Equality of two byte strings in time independent of where they differ (lengths may leak).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace ucf::crypto
