#pragma once
// Where the npm test peers live and how to start them: shared by the peer launchers
// (tests/support/atlassian_peer.cpp, src/ucf/auth/oauth/peer/oidc_peer.cpp).

#include <filesystem>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "tests/support/subprocess.hpp"

namespace ucf::testing {

// <source>/tests/peers (package.json, node_modules, one folder per peer).
std::filesystem::path PeersDir();

// The absolute path of `node` on PATH (execv needs one); /usr/bin/node when none is found.
std::string FindNode();

// Waits up to `timeout_ms` for the child's "READY {json}" line and returns that object;
// Unavailable with the child's output when it exits first or times out (`what` names it).
absl::StatusOr<boost::json::object> WaitForReadyJson(Subprocess& process, std::string_view what,
                                                     int timeout_ms);

}  // namespace ucf::testing
