#pragma once
// The table of every configuration option: its variable name, default, meaning, and how it is
// parsed into Config. `ucf config --help`-style listings and the README table come from here.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "ucf/config/config.hpp"

namespace ucf::config {

struct OptionSpec {
  std::string_view name;         // environment variable, e.g. "UCF_PORT"
  std::string_view default_text; // as documented
  std::string_view help;
  bool secret = false;           // never echoed in errors
  // Parses `value` into `config`; InvalidArgument explains what is expected (without the name).
  std::function<absl::Status(Config& config, std::string_view value)> apply;
};

const std::vector<OptionSpec>& Options();

}  // namespace ucf::config
