#include "maintenance_commands.hpp"

#include <iostream>
#include <memory>

#include "config_flags.hpp"
#include "ucf/app/storage_setup.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/crypto/fernet.hpp"
#include "ucf/storage/sqlite/sqlite_backup.hpp"

namespace ucf::cli {
namespace {

// Exit codes: 0 done, 1 failed, 2 bad configuration.
int Fail(std::string_view what, const absl::Status& status, int code = 1) {
  std::cerr << "ucf: " << what << ": " << status.message() << "\n";
  return code;
}

int Migrate(const CommonFlags& flags) {
  auto config = LoadFromFlags(flags);
  if (!config.ok()) return Fail("configuration error", config.status(), 2);
  core::SystemClock clock;
  auto opened = app::OpenStorage(*config, clock, /*migrate=*/true);
  if (!opened.ok()) return Fail("migrate failed", opened.status());
  auto version = opened->db->SchemaVersion();
  if (!version.ok()) return Fail("migrate failed", version.status());
  std::cout << "database (" << opened->db->Engine() << ") is at schema version " << *version
            << "\n";
  return 0;
}

int RotateKeys(const CommonFlags& flags, int batch_size) {
  auto config = LoadFromFlags(flags);
  if (!config.ok()) return Fail("configuration error", config.status(), 2);
  core::SystemClock clock;
  auto opened = app::OpenStorage(*config, clock, /*migrate=*/true);
  if (!opened.ok()) return Fail("rotate-keys failed", opened.status());
  if (opened->key_ring->KeyCount() < 2) {
    std::cerr << "ucf: note: ENCRYPTION_KEY holds one key; put the new key first and keep the old "
                 "ones after it (new,old) to rotate\n";
  }
  auto report = opened->db->RotateSecrets(batch_size);
  if (!report.ok()) return Fail("rotate-keys failed (safe to run again)", report.status());
  std::cout << "rotated " << report->values_rotated << " secret values in " << report->batches
            << " batches; " << report->values_current << " were already current; "
            << report->rows_scanned << " rows scanned\n"
            << "Every secret is now sealed with the first key; older keys can be removed.\n";
  return 0;
}

// SQLite: an online copy of the database file (the service may keep running). PostgreSQL: UCF
// does not copy a server's database; the operator's pg_dump does (exit 3, advice on stderr).
int Backup(const CommonFlags& flags, const std::string& output) {
  auto config = LoadFromFlags(flags);
  if (!config.ok()) return Fail("configuration error", config.status(), 2);
  if (!config->database_url.empty()) {
    std::cerr << "ucf: backup copies the embedded SQLite database only. For PostgreSQL use its own tools, e.g.\n"
                 "  pg_dump --format=custom --file=ucf-$(date +%F).dump \"$DATABASE_URL\"\n"
                 "(restore with pg_restore --clean --if-exists -d \"$DATABASE_URL\" FILE); see deploy/README.md.\n"
                 "Keep ENCRYPTION_KEY with the backup: the secrets in it are sealed with those keys.\n";
    return 3;
  }
  const std::string source = (config->data_dir / "ucf.db").string();
  auto report = storage::sqlite::BackupDatabaseFile(source, output);
  if (!report.ok()) return Fail("backup failed", report.status());
  std::cout << "backed up " << source << " to " << output << " (" << report->pages << " pages, "
            << report->steps << " steps)\n"
            << "Keep ENCRYPTION_KEY with the backup: the secrets in it are sealed with those keys.\n";
  return 0;
}

}  // namespace

void RegisterMaintenanceCommands(CLI::App& app) {
  auto migrate_flags = std::make_shared<CommonFlags>();
  CLI::App* migrate = app.add_subcommand("migrate", "Apply pending database migrations");
  AddCommonFlags(*migrate, *migrate_flags);
  migrate->callback([migrate_flags] { throw CLI::RuntimeError(Migrate(*migrate_flags)); });

  auto rotate_flags = std::make_shared<CommonFlags>();
  auto batch = std::make_shared<int>(500);
  CLI::App* rotate = app.add_subcommand(
      "rotate-keys", "Re-encrypt every stored secret with the first ENCRYPTION_KEY (resumable)");
  AddCommonFlags(*rotate, *rotate_flags);
  rotate->add_option("--batch-size", *batch, "Rows per transaction")->check(CLI::Range(1, 100000));
  rotate->callback([rotate_flags, batch] { throw CLI::RuntimeError(RotateKeys(*rotate_flags, *batch)); });

  auto backup_flags = std::make_shared<CommonFlags>();
  auto output = std::make_shared<std::string>();
  CLI::App* backup = app.add_subcommand(
      "backup", "Copy the SQLite database online to --output (PostgreSQL: prints the pg_dump advice)");
  AddCommonFlags(*backup, *backup_flags);
  backup->add_option("--output,-o", *output, "The backup file to write")->required();
  backup->callback([backup_flags, output] { throw CLI::RuntimeError(Backup(*backup_flags, *output)); });

  app.add_subcommand("keygen", "Print a new Fernet key for ENCRYPTION_KEY")->callback([] {
    std::cout << crypto::Fernet::GenerateKey() << "\n";
    throw CLI::RuntimeError(0);
  });
}

}  // namespace ucf::cli
