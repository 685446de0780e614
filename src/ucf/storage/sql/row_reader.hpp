#pragma once
// Decodes one result row column by column into C++ values.
//
//   RowReader r(row, "connections");
//   rec.id = r.Text();
//   rec.created_at = r.Time();
//   UCF_RETURN_IF_ERROR(r.status());
//
// Each getter consumes the next column. A NULL where a value is required, an unparsable value, or
// a secret that does not decrypt records the first error (DataLoss naming table and column) and
// yields a default; status() reports it. Messages never contain the value.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "boost/json/object.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/crypto/secret_cipher.hpp"
#include "ucf/storage/sql/rows.hpp"

namespace ucf::storage::sql {

class RowReader {
 public:
  RowReader(const Row& row, std::string_view table) : row_(row), table_(table) {}

  std::string Text();
  std::optional<std::string> OptText();
  std::int64_t Int();
  bool Bool();
  core::TimePoint Time();
  std::optional<core::TimePoint> OptTime();
  boost::json::object Object();
  std::vector<std::string> StringArray();
  // Decrypts the column with `cipher`; `column` names it in errors.
  std::string Secret(const crypto::SecretCipher& cipher, std::string_view column);
  std::optional<std::string> OptSecret(const crypto::SecretCipher& cipher, std::string_view column);
  // A secret column holding an encrypted JSON object; NULL → empty object.
  boost::json::object SecretObject(const crypto::SecretCipher& cipher, std::string_view column);

  const absl::Status& status() const { return status_; }

 private:
  // The next cell, or nullptr (after recording an error) past the end.
  const Cell* Next();
  const std::string* Required();
  void Fail(std::string_view what);

  const Row& row_;
  std::string_view table_;
  std::size_t index_ = 0;
  absl::Status status_;
};

}  // namespace ucf::storage::sql
