#include "ucf/storage/sql/secrets.hpp"

#include "ucf/core/strings.hpp"

namespace ucf::storage::sql {

absl::StatusOr<std::string> SealSecret(const crypto::SecretCipher& cipher, std::string_view plain,
                                       std::string_view table, std::string_view column) {
  absl::StatusOr<std::string> token = cipher.Encrypt(plain);
  if (!token.ok()) {
    return absl::InternalError(core::StrCat("cannot encrypt ", table, ".", column, ": ",
                                            absl::StatusCodeToString(token.status().code())));
  }
  return token;
}

absl::StatusOr<std::string> OpenSecret(const crypto::SecretCipher& cipher, std::string_view token,
                                       std::string_view table, std::string_view column) {
  absl::StatusOr<std::string> plain = cipher.Decrypt(token);
  if (!plain.ok()) {
    return absl::DataLossError(
        core::StrCat("cannot decrypt ", table, ".", column,
                     ": sealed with a key missing from ENCRYPTION_KEY, or corrupted"));
  }
  return plain;
}

}  // namespace ucf::storage::sql
