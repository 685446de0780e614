#pragma once
// SHA-256, HMAC-SHA256 on OpenSSL and a constant-time comparison. Pure functions; thread-safe.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace ucf::crypto {

// The 32-byte HMAC-SHA256 of `data` under `key` (raw bytes).
std::string HmacSha256(std::string_view key, std::string_view data);

// An HMAC-SHA256 key prepared once (algorithm fetched, key schedule done) for signing many messages
// with it: the hot path of Fernet, where a one-shot HMAC spends most of its time looking the
// algorithm up. Immutable after construction; Sign is thread-safe. Copies share the prepared state.
class HmacSha256Key {
 public:
  using Mac = std::array<std::uint8_t, 32>;
  explicit HmacSha256Key(std::string_view key);
  Mac Sign(std::string_view data) const;

 private:
  struct Prepared;
  std::shared_ptr<const Prepared> prepared_;
};

// The 32-byte SHA-256 of `data`.
std::string Sha256(std::string_view data);

// Equality of two byte strings in time independent of where they differ (lengths may leak).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace ucf::crypto
