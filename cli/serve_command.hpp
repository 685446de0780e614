#pragma once
// `ucf serve`: run the HTTP service until SIGINT/SIGTERM, then shut down gracefully (exit 0).

#include "CLI/CLI.hpp"

namespace ucf::cli {

void RegisterServeCommand(CLI::App& app);

}  // namespace ucf::cli
