#pragma once
// What every SQL store of one transaction shares.

#include "ucf/core/clock.hpp"
#include "ucf/crypto/secret_cipher.hpp"
#include "ucf/storage/sql/executor.hpp"

namespace ucf::storage::sql {

// References only: the session owns the executor; cipher and clock outlive the database.
struct StoreContext {
  Executor& db;
  const crypto::SecretCipher& cipher;
  const core::Clock& clock;
};

}  // namespace ucf::storage::sql
