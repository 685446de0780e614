#pragma once
// Re-encryption of every stored secret with the cipher's primary key (Database::RotateSecrets).

#include "absl/status/statusor.h"
#include "ucf/crypto/secret_cipher.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/storage/sql/driver.hpp"

namespace ucf::storage::sql {

// See Database::RotateSecrets. Walks AllSecretColumns() table by table in primary-key order,
// `batch_size` rows per write transaction. A value is rewritten only if it still holds the
// ciphertext that was read (compare-and-set), so a concurrent writer's newer value always wins.
absl::StatusOr<RotationReport> RotateAllSecrets(Driver& driver, const crypto::SecretCipher& cipher,
                                                int batch_size);

}  // namespace ucf::storage::sql
