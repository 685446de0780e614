#include "ucf/storage/sql/secrets.hpp"

#include "absl/strings/str_cat.h"

namespace ucf::storage::sql {

absl::StatusOr<std::string> SealSecret(const crypto::SecretCipher& cipher, std::string_view plain,
                                       std::string_view table, std::string_view column) {
  absl::StatusOr<std::string> token = cipher.Encrypt(plain);
  if (!token.ok()) {
    return absl::InternalError(absl::StrCat("cannot encrypt ", table, ".", column, ": ",
                                            absl::StatusCodeToString(token.status().code())));
  }
  return token;
}

absl::StatusOr<std::string> OpenSecret(const crypto::SecretCipher& cipher, std::string_view token,
                                       std::string_view table, std::string_view column) {
  absl::StatusOr<std::string> plain = cipher.Decrypt(token);
  if (!plain.ok()) {
    return absl::DataLossError(absl::StrCat(
        "cannot decrypt ", table, ".", column,
        ": sealed with a key missing from ENCRYPTION_KEY, or corrupted"));
  }
  return plain;
}

}  // namespace ucf::storage::sql
