#include "tests/support/node_peer.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string_view>

#include "ucf/core/strings.hpp"

#ifndef UCF_SOURCE_DIR
#error "UCF_SOURCE_DIR must be defined (the project's source root)"
#endif

namespace ucf::testing {

std::filesystem::path PeersDir() { return std::filesystem::path(UCF_SOURCE_DIR) / "tests/peers"; }

std::string FindNode() {
  const char* path = std::getenv("PATH");
  for (std::string_view dir : core::Split(path ? path : "/usr/local/bin:/usr/bin", ':', true)) {
    std::filesystem::path candidate = std::filesystem::path(dir) / "node";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "/usr/bin/node";
}

}  // namespace ucf::testing
