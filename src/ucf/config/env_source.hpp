#pragma once
// Where configuration values come from: flags override the process environment, which overrides
// the .env file. Each layer is a plain name → value map so tests build them directly.

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace ucf::config {

using VarMap = std::map<std::string, std::string, std::less<>>;

struct EnvSource {
  VarMap flags;
  VarMap environment;
  VarMap dotenv;

  // The winning value for `name`, if any layer sets it.
  std::optional<std::string> Get(std::string_view name) const;
};

// Reads KEY=VALUE lines (optional `export `, '#' comments, single or double quotes).
// A missing file is an empty map; a malformed line is InvalidArgument naming the line number.
absl::StatusOr<VarMap> ReadDotenv(const std::filesystem::path& path);

// The current process environment.
VarMap ProcessEnvironment();

}  // namespace ucf::config
