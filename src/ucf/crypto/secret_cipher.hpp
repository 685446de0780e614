#pragma once
// The seam through which every secret is sealed before it reaches storage.
//
// Implementations are thread-safe. Encrypt returns printable text (a Fernet token) safe to store in
// a TEXT column; Decrypt returns InvalidArgument when the text was not produced under any key the
// cipher holds (tampered, truncated, or sealed with a key that was removed).

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace ucf::crypto {

class SecretCipher {
 public:
  virtual ~SecretCipher() = default;

  virtual absl::StatusOr<std::string> Encrypt(std::string_view plaintext) const = 0;
  virtual absl::StatusOr<std::string> Decrypt(std::string_view token) const = 0;

  // True when `token` is sealed with the current primary key (rotation can skip it).
  virtual bool IsCurrent(std::string_view token) const = 0;
};

}  // namespace ucf::crypto
