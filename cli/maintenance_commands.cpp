#include "maintenance_commands.hpp"

#include <iostream>
#include <memory>

#include "config_flags.hpp"
#include "ucf/app/storage_setup.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/crypto/fernet.hpp"

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

  app.add_subcommand("keygen", "Print a new Fernet key for ENCRYPTION_KEY")->callback([] {
    std::cout << crypto::Fernet::GenerateKey() << "\n";
    throw CLI::RuntimeError(0);
  });
}

}  // namespace ucf::cli
