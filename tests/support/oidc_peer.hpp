#pragma once
// OidcPeer: the oidc-provider test peer (tests/peers/oidc/server.mjs) as a child process of the
// test, on a free loopback port. The process is stopped (SIGTERM, then SIGKILL) when the object
// goes away, also when the test fails.

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "tests/support/subprocess.hpp"

namespace ucf::testing {

inline constexpr const char* kPeerClientId = "ucf-peer-client";
inline constexpr const char* kPeerClientSecret = "peer secret/+&=";
inline constexpr const char* kPeerRedirectUri = "http://127.0.0.1:1/oauth/callback";

class OidcPeer {
 public:
  // Whether tests/peers/node_modules holds oidc-provider (`npm ci` in tests/peers ran).
  static bool Installed();
  // Starts the peer with `env` added to the defaults above; Unavailable with the peer's output
  // when it does not print READY within 15 s.
  static absl::StatusOr<std::unique_ptr<OidcPeer>> Start(std::map<std::string, std::string> env);
  ~OidcPeer();

  const std::string& issuer() const { return issuer_; }  // "http://127.0.0.1:PORT"
  // GET /test/stats.
  absl::StatusOr<boost::json::object> Stats() const;
  // A provider catalog document with one provider, `id`, pointing at this peer (the shape a
  // UCF_PROVIDERS_FILE uses).
  std::string CatalogJson(const std::string& id, bool pkce = true) const;

 private:
  explicit OidcPeer(std::unique_ptr<ucf::testing::Subprocess> process)
      : process_(std::move(process)) {}

  std::unique_ptr<ucf::testing::Subprocess> process_;
  std::string issuer_;
};

// A small blocking HTTP call for the test's own checks (userinfo, revocation, introspection):
// returns {status, body}.
absl::StatusOr<std::pair<int, std::string>> PlainHttp(const std::string& method,
                                                      const std::string& url,
                                                      const std::string& authorization,
                                                      const std::string& form_body = "");

}  // namespace ucf::testing
