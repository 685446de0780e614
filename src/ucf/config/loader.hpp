#pragma once
// Loads Config from an EnvSource and validates it once. Any bad value is InvalidArgument with one
// line naming the variable, e.g. "UCF_PORT: must be an integer in [0, 65535] (got 'abc')".

#include "absl/status/statusor.h"
#include "ucf/config/config.hpp"
#include "ucf/config/env_source.hpp"

namespace ucf::config {

absl::StatusOr<Config> LoadConfig(const EnvSource& source);

// The development default of UCF_PUBLIC_URL: http://<listen host>:<port>, a wildcard listen
// address replaced by loopback (0.0.0.0 → 127.0.0.1, :: → [::1]), IPv6 in brackets.
std::string LocalPublicUrl(std::string_view listen_host, int port);

}  // namespace ucf::config
