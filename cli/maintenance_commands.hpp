#pragma once
// Maintenance subcommands:
//   ucf migrate       apply pending schema migrations and report the version
//   ucf rotate-keys   re-encrypt every stored secret with the first ENCRYPTION_KEY (resumable)
//   ucf backup -o F   online copy of the SQLite database to F (PostgreSQL: pg_dump advice, exit 3)
//   ucf keygen        print a new Fernet key

#include "CLI/CLI.hpp"

namespace ucf::cli {

void RegisterMaintenanceCommands(CLI::App& app);

}  // namespace ucf::cli
