#pragma once
// The kind of transaction Database::Transact opens.

namespace ucf::storage {

enum class TxMode {
  // A consistent snapshot for reading; any write inside it fails.
  kRead,
  // A read-write transaction. Writers are serialised per row (PostgreSQL) or per database (SQLite).
  kWrite,
};

}  // namespace ucf::storage
