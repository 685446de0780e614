#pragma once
// SaasPeer: one of the fake SaaS upstreams in tests/peers (github/start.mjs: the fake GitHub behind
// a validating Prism proxy; salesforce/server.mjs: the fake Salesforce org), started as a child
// process on free loopback ports. The launcher prints one `READY {json}` line naming its URLs
// (url("fake"), url("api"), …). Stopped (SIGTERM, then SIGKILL) when the object goes away; the
// node processes also exit by themselves when the test process dies. See tests/peers/README.md.

#include <map>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "boost/json/value.hpp"
#include "tests/support/subprocess.hpp"

namespace ucf::testing {

class SaasPeer {
 public:
  // Whether tests/peers/node_modules holds @stoplight/prism-cli (`npm ci` in tests/peers ran).
  static bool Installed();
  // Runs `node tests/peers/<script>` with `env` added; waits up to `timeout_ms` for READY.
  static absl::StatusOr<std::unique_ptr<SaasPeer>> Start(const std::string& script,
                                                         std::map<std::string, std::string> env = {},
                                                         int timeout_ms = 150'000);
  ~SaasPeer();

  // A URL of the READY line ("" when it has none).
  std::string url(const std::string& key) const;

  // A call to the fake's test routes (url("fake") + path), JSON body when not empty. The parsed
  // answer (null for an empty one); Internal with status and body for a non-2xx answer.
  absl::StatusOr<boost::json::value> Control(const std::string& method, const std::string& path,
                                             const std::string& json_body = "") const;

 private:
  explicit SaasPeer(std::unique_ptr<Subprocess> process) : process_(std::move(process)) {}
  std::unique_ptr<Subprocess> process_;
  boost::json::object urls_;
};

}  // namespace ucf::testing
