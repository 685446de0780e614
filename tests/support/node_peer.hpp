#pragma once
// Where the npm test peers live and how to start them: shared by the peer launchers
// (tests/support/atlassian_peer.cpp, src/ucf/auth/oauth/peer/oidc_peer.cpp).

#include <filesystem>
#include <string>

namespace ucf::testing {

// <source>/tests/peers (package.json, node_modules, one folder per peer).
std::filesystem::path PeersDir();

// The absolute path of `node` on PATH (execv needs one); /usr/bin/node when none is found.
std::string FindNode();

}  // namespace ucf::testing
