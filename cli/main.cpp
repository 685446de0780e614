// The `ucf` command: one binary for the service and its maintenance tasks.

#include <iostream>

#include "CLI/CLI.hpp"
#include "maintenance_commands.hpp"
#include "openapi_command.hpp"
#include "serve_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"UCF — Unified Connector Framework"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(UCF_VERSION));
  ucf::cli::RegisterServeCommand(app);
  ucf::cli::RegisterMaintenanceCommands(app);
  ucf::cli::RegisterOpenApiCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}
