#pragma once
// AtlassianSpecMock: two Stoplight Prism mock servers in dynamic mode, one with Jira's official
// OpenAPI description and one with Confluence's (tests/peers/atlassian/mock.mjs): every request
// that is valid under the spec is answered with a RANDOM body that is valid under it (optional
// properties present or absent, nullable ones sometimes null, arrays of 0-4 items), a different
// one each time. Randomness is seeded (`seed()`; env ATL_MOCK_SEED picks another), so the same
// sequence of requests gets the same bodies again. Requests that violate the spec get Prism's 4xx.
// URLs: jira_url() + "/rest/api/3/...", confluence_url() + "/wiki/api/v2/...". Stopped (SIGTERM,
// then SIGKILL) when the object goes away; the node processes also exit when the test dies.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "tests/support/subprocess.hpp"

namespace ucf::testing {

class AtlassianSpecMock {
 public:
  // Whether tests/peers/node_modules holds @stoplight/prism-cli.
  static bool Installed();
  // Waits up to 180 s for READY (Prism loads Jira's 4 MB spec in 10-20 s on an idle machine).
  static absl::StatusOr<std::unique_ptr<AtlassianSpecMock>> Start();
  ~AtlassianSpecMock();

  const std::string& jira_url() const { return jira_url_; }
  const std::string& confluence_url() const { return confluence_url_; }
  const std::string& seed() const { return seed_; }
  std::string Output() const { return process_->Output(); }

 private:
  explicit AtlassianSpecMock(std::unique_ptr<Subprocess> process) : process_(std::move(process)) {}

  std::unique_ptr<Subprocess> process_;
  std::string jira_url_;
  std::string confluence_url_;
  std::string seed_;
};

}  // namespace ucf::testing
