#pragma once
// Fernet symmetric tokens, byte-compatible with the Fernet spec (github.com/fernet/spec) and with
// Python's cryptography.fernet.Fernet.
//
//   token = base64url(0x80 || timestamp (8, big-endian Unix seconds) || IV (16) ||
//                     AES-128-CBC-PKCS7(plaintext) || HMAC-SHA256(everything before it))
//
// Key = base64url(32 bytes): the first 16 bytes sign, the last 16 encrypt. Keys and tokens are
// URL-safe base64 with '=' padding, decoded strictly (see base64url.hpp).
//
// A Fernet is immutable and thread-safe. Error messages never contain key or token text.

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"
#include "ucf/crypto/hmac.hpp"

namespace ucf::crypto {

class Fernet {
 public:
  using Iv = std::array<std::uint8_t, 16>;

  // Tokens stamped more than this far after the verifier's clock are rejected (pyca's value).
  static constexpr std::chrono::seconds kMaxClockSkew{60};

  // InvalidArgument "not a valid Fernet key (32 bytes, URL-safe base64)" unless `key_b64` is the
  // padded URL-safe base64 of exactly 32 bytes. Surrounding whitespace is NOT accepted.
  static absl::StatusOr<Fernet> FromKey(std::string_view key_b64);

  // A fresh random key (32 bytes from the OS CSPRNG), in the text form FromKey accepts.
  static std::string GenerateKey();

  // InvalidArgument unless `token` has the shape of a Fernet token (base64, version, length,
  // block alignment). Needs no key and authenticates nothing.
  static absl::Status CheckFormat(std::string_view token);

  Fernet(const Fernet&) = default;
  Fernet& operator=(const Fernet&) = default;
  Fernet(Fernet&&) = default;
  Fernet& operator=(Fernet&&) = default;
  ~Fernet();  // wipes the key bytes

  // Seals `plaintext` with a random IV; the token's timestamp is `now` in whole Unix seconds
  // (times before 1970 are stamped 0). Aborts only if OpenSSL itself fails (no entropy, no memory).
  std::string Encrypt(std::string_view plaintext, core::TimePoint now) const;

  // As above with a caller-chosen IV: for reproducing spec vectors only. Reusing an IV under one
  // key breaks confidentiality.
  std::string Encrypt(std::string_view plaintext, core::TimePoint now, const Iv& iv) const;

  // Opens `token`, checking in the spec's order: base64, version, length; then, when `ttl` is
  // given, that the token is not older than `ttl` and not stamped more than kMaxClockSkew after
  // `now`; then the HMAC (constant-time); then the padding. Without `ttl` the timestamp is not
  // checked at all, as in pyca. Every failure is InvalidArgument.
  absl::StatusOr<std::string> Decrypt(std::string_view token, core::TimePoint now,
                                      std::optional<std::chrono::seconds> ttl = {}) const;

  // The authenticated timestamp of `token` (InvalidArgument if the token is malformed or not
  // signed with this key), like pyca's extract_timestamp.
  absl::StatusOr<core::TimePoint> ExtractTimestamp(std::string_view token) const;

  // A 32-byte key for another purpose, derived from this key and `label` (HMAC-SHA256 over the
  // whole key), so other signatures (e.g. cursors) need no key of their own.
  std::string DeriveKey(std::string_view label) const;

 private:
  using Key = std::array<std::uint8_t, 16>;

  Fernet(const Key& signing_key, const Key& encryption_key)
      : signing_key_(signing_key),
        encryption_key_(encryption_key),
        signer_(std::string_view(reinterpret_cast<const char*>(signing_key.data()),
                                 signing_key.size())) {}

  // The decoded bytes of `token` if its HMAC is valid under signing_key_.
  absl::StatusOr<std::string> DecodeAndVerify(std::string_view token, core::TimePoint now,
                                              std::optional<std::chrono::seconds> ttl) const;

  Key signing_key_;
  Key encryption_key_;
  HmacSha256Key signer_;  // signing_key_, prepared once
};

}  // namespace ucf::crypto
