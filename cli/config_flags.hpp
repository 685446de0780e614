#pragma once
// Command-line flags shared by the subcommands, mapped onto configuration variable names so that
// the one config loader validates them (flags beat the environment, which beats .env).

#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "ucf/config/config.hpp"
#include "ucf/config/env_source.hpp"

namespace ucf::cli {

struct CommonFlags {
  std::string env_file = ".env";
  config::VarMap values;  // variable name → flag value, only for flags that were given
};

// Adds --env-file, --data-dir, --database-url, --log-level, --log-json to `app`.
void AddCommonFlags(CLI::App& app, CommonFlags& flags);

// Loads and validates the configuration from flags, environment and the .env file.
absl::StatusOr<config::Config> LoadFromFlags(const CommonFlags& flags);

}  // namespace ucf::cli
