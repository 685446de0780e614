#pragma once
// Sealing and opening secret column values, with errors that name the column but never the value.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/crypto/secret_cipher.hpp"

namespace ucf::storage::sql {

// The ciphertext to store in table.column. Internal when the cipher fails.
absl::StatusOr<std::string> SealSecret(const crypto::SecretCipher& cipher, std::string_view plain,
                                       std::string_view table, std::string_view column);

// The plaintext of a stored table.column value. DataLoss when no key of the cipher opens it.
absl::StatusOr<std::string> OpenSecret(const crypto::SecretCipher& cipher, std::string_view token,
                                       std::string_view table, std::string_view column);

}  // namespace ucf::storage::sql
