#pragma once
// KeyRing: the production SecretCipher, a list of Fernet keys with MultiFernet semantics.
//
// The first key (the primary) seals every new token; every key opens tokens. Rotation: put a new
// key first ("new,old"), re-encrypt stored tokens (Reencrypt, skipping those IsCurrent reports),
// then drop the old key. Tokens carry no TTL here: stored secrets never expire.
//
// Immutable after construction and thread-safe. Error messages never contain key or token text.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"
#include "ucf/crypto/fernet.hpp"
#include "ucf/crypto/secret_cipher.hpp"

namespace ucf::crypto {

// Parses a comma-separated list of Fernet keys; whitespace around each entry is ignored.
// InvalidArgument "entry N is not a valid Fernet key (32 bytes, URL-safe base64)" (N counts from 1)
// for the first malformed or empty entry, and "no encryption keys given" for a blank list.
absl::StatusOr<std::vector<Fernet>> ParseKeyList(std::string_view keys);

class KeyRing final : public SecretCipher {
 public:
  // Builds a ring from a ParseKeyList-style list (same errors). `clock` stamps new tokens and must
  // outlive the ring.
  static absl::StatusOr<std::unique_ptr<KeyRing>> FromList(std::string_view keys,
                                                           const core::Clock& clock);

  // Seals with the primary key; never fails (OK status always).
  absl::StatusOr<std::string> Encrypt(std::string_view plaintext) const override;

  // Opens with whichever key sealed `token`. InvalidArgument when the token is malformed, or is
  // not sealed by any key in the ring (tampered, or its key was removed).
  absl::StatusOr<std::string> Decrypt(std::string_view token) const override;

  // True when the primary key opens `token`.
  bool IsCurrent(std::string_view token) const override;

  // Opens `token` with any key and reseals it with the primary, keeping the original timestamp
  // (pyca MultiFernet.rotate). Same errors as Decrypt.
  absl::StatusOr<std::string> Reencrypt(std::string_view token) const;

  // Fernet::DeriveKey(label) of every key, the primary's first: sign with [0], accept any.
  std::vector<std::string> DeriveKeys(std::string_view label) const;

  // Number of keys (at least 1).
  std::size_t KeyCount() const { return keys_.size(); }

 private:
  KeyRing(std::vector<Fernet> keys, const core::Clock& clock)
      : keys_(std::move(keys)), clock_(clock) {}

  // The key that opens `token` and the plaintext, or the Decrypt error.
  absl::StatusOr<std::pair<const Fernet*, std::string>> Open(std::string_view token) const;

  std::vector<Fernet> keys_;  // keys_[0] is the primary
  const core::Clock& clock_;
};

}  // namespace ucf::crypto
