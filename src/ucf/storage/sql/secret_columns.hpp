#pragma once
// Every column that holds SecretCipher ciphertext, for key rotation. A new secret column must be
// added here (the contract test checks that each listed column round-trips through rotation).

#include <string_view>
#include <vector>

namespace ucf::storage::sql {

struct SecretColumns {
  std::string_view table;
  std::vector<std::string_view> key_columns;     // the primary key, in ORDER BY order
  std::vector<std::string_view> secret_columns;  // nullable TEXT ciphertext
};

const std::vector<SecretColumns>& AllSecretColumns();

}  // namespace ucf::storage::sql
