#include "ucf/storage/sql/secret_rotation.hpp"

#include <cstddef>
#include <string>
#include <vector>

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/secret_columns.hpp"
#include "ucf/storage/sql/transaction.hpp"

namespace ucf::storage::sql {
namespace {

// "$first, $first+1, …" for `count` placeholders.
std::string Placeholders(std::size_t first, std::size_t count) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back(core::StrCat("$", first + i));
  return core::Join(out, ", ");
}

std::string JoinNames(const std::vector<std::string_view>& names) {
  return core::Join(std::vector<std::string>(names.begin(), names.end()), ", ");
}

// The primary key of `row` for messages ("tenant/connector").
std::string RowKey(const Row& row, std::size_t nkeys) {
  std::vector<std::string> parts;
  for (std::size_t k = 0; k < nkeys; ++k) parts.push_back(row.at(k).value_or(""));
  return core::Join(parts, "/");
}

// One batch of one table: rotates up to `batch_size` rows after `last_key` (empty = from the
// start), then moves `last_key` to the batch's last row. Returns how many rows it read.
absl::StatusOr<std::size_t> RotateBatch(Executor& db, const crypto::SecretCipher& cipher,
                                        const SecretColumns& table, int batch_size,
                                        std::vector<std::string>& last_key,
                                        RotationReport& report) {
  const std::size_t nkeys = table.key_columns.size();
  const std::string keys = JoinNames(table.key_columns);
  std::string sql =
      core::StrCat("SELECT ", keys, ", ", JoinNames(table.secret_columns), " FROM ", table.table);
  std::vector<Value> params;
  if (!last_key.empty()) {
    for (const std::string& part : last_key) params.push_back(part);
    core::StrAppend(&sql, " WHERE (", keys, ") > (", Placeholders(1, nkeys), ")");
  }
  params.push_back(batch_size);
  core::StrAppend(&sql, " ORDER BY ", keys, " LIMIT $", params.size());
  UCF_ASSIGN_OR_RETURN(Rows rows, db.Query(sql, params));

  for (const Row& row : rows) {
    ++report.rows_scanned;
    std::vector<std::string> sets;
    std::vector<std::string> guards;
    std::vector<Value> update_params;
    for (std::size_t c = 0; c < table.secret_columns.size(); ++c) {
      const Cell& cell = row.at(nkeys + c);
      if (!cell.has_value()) continue;
      if (cipher.IsCurrent(*cell)) {
        ++report.values_current;
        continue;
      }
      absl::StatusOr<std::string> plain = cipher.Decrypt(*cell);
      if (!plain.ok()) {
        return absl::DataLossError(core::StrCat(
            "cannot decrypt ", table.table, ".", table.secret_columns[c], " of row ",
            RowKey(row, nkeys), ": sealed with a key missing from ENCRYPTION_KEY, or corrupted"));
      }
      absl::StatusOr<std::string> sealed = cipher.Encrypt(*plain);
      if (!sealed.ok()) {
        return absl::InternalError(
            core::StrCat("cannot encrypt ", table.table, ".", table.secret_columns[c]));
      }
      update_params.push_back(*sealed);
      sets.push_back(core::StrCat(table.secret_columns[c], " = $", update_params.size()));
      update_params.push_back(*cell);
      guards.push_back(
          core::StrCat(table.secret_columns[c], " IS NOT DISTINCT FROM $", update_params.size()));
    }
    if (!sets.empty()) {
      for (std::size_t k = 0; k < nkeys; ++k) {
        update_params.push_back(row.at(k).value_or(""));
        guards.push_back(core::StrCat(table.key_columns[k], " = $", update_params.size()));
      }
      std::string update = core::StrCat("UPDATE ", table.table, " SET ", core::Join(sets, ", "),
                                        " WHERE ", core::Join(guards, " AND "));
      UCF_ASSIGN_OR_RETURN(std::int64_t changed, db.Exec(update, update_params));
      if (changed > 0) report.values_rotated += static_cast<std::int64_t>(sets.size());
    }
  }
  if (!rows.empty()) {
    last_key.clear();
    for (std::size_t k = 0; k < nkeys; ++k) last_key.push_back(rows.back().at(k).value_or(""));
  }
  return rows.size();
}

}  // namespace

absl::StatusOr<RotationReport> RotateAllSecrets(Driver& driver, const crypto::SecretCipher& cipher,
                                                int batch_size) {
  if (batch_size < 1) return absl::InvalidArgumentError("batch size must be at least 1");
  RotationReport report;
  for (const SecretColumns& table : AllSecretColumns()) {
    std::vector<std::string> last_key;
    std::size_t read = 0;
    do {
      // Counted into a copy so a rolled-back batch leaves the report untouched.
      RotationReport batch = report;
      UCF_RETURN_IF_ERROR(RunTransaction(driver, TxMode::kWrite, [&](Executor& db) -> absl::Status {
        UCF_ASSIGN_OR_RETURN(read, RotateBatch(db, cipher, table, batch_size, last_key, batch));
        return absl::OkStatus();
      }));
      report = batch;
      ++report.batches;
    } while (read == static_cast<std::size_t>(batch_size));
  }
  return report;
}

}  // namespace ucf::storage::sql
