#include "tests/support/node_peer.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string_view>
#include <thread>

#include "boost/json/parse.hpp"

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

absl::StatusOr<boost::json::object> WaitForReadyJson(Subprocess& process, std::string_view what,
                                                     int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    std::string out = process.Output();
    std::size_t at = out.find("READY {");
    std::size_t eol = at == std::string::npos ? at : out.find('\n', at);
    if (eol != std::string::npos) {
      std::string line = out.substr(at + 6, eol - at - 6);
      boost::system::error_code ec;
      boost::json::value ready = boost::json::parse(line, ec);
      if (ec || !ready.is_object()) {
        return absl::InternalError(core::StrCat("unreadable READY line of ", what, ": ", line));
      }
      return ready.as_object();
    }
    if (process.Wait(0) != -1) {
      return absl::UnavailableError(core::StrCat(what, " exited: ", out));
    }
    if (std::chrono::steady_clock::now() > deadline) {
      return absl::UnavailableError(
          core::StrCat(what, " did not print READY within ", timeout_ms, " ms: ", out));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace ucf::testing
