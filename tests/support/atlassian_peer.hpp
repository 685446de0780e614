#pragma once
// AtlassianPeer: the fake Atlassian Cloud upstream (tests/peers/atlassian/server.mjs) behind two
// validating Stoplight Prism proxies (one with Jira's, one with Confluence's official OpenAPI
// description), started through tests/peers/atlassian/start.mjs as a child process of the test on
// free loopback ports. Any request that violates the spec is rejected by Prism (422, or 401 for
// missing credentials) before the fake sees it, and any answer that violates it becomes a 500
// (`type` …#VIOLATIONS). Stopped (SIGTERM, then SIGKILL) when the object goes away, also when the
// test fails; the node processes also exit by themselves when the test process dies.
//
// URL forms (same data behind both):
//   site, Basic email:token:   jira_url() + "/rest/api/3/...", confluence_url() +
//   "/wiki/api/v2/..." OAuth gateway, Bearer:     JiraGatewayUrl() + "/rest/api/3/...",
//                              ConfluenceGatewayUrl() + "/wiki/api/v2/..."
// Not behind Prism: AccessibleResourcesUrl() and the test controls (Control("POST",
// "/__test/...")). See tests/peers/README.md § atlassian for the data, the env variables and the
// test routes.

#include <map>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "boost/json/value.hpp"
#include "tests/support/subprocess.hpp"

namespace ucf::testing {

// The default Basic-auth user of the fake (ATL_USERS default).
inline constexpr const char* kAtlassianEmail = "alice@example.com";
inline constexpr const char* kAtlassianApiToken = "alice-api-token";
inline constexpr const char* kAtlassianAccountId = "5b10a2844c20165700ede21g";
// The default sites (ATL_SITES default): the first has Jira and Confluence scopes, the second
// Jira scopes only.
inline constexpr const char* kAtlassianCloudId = "11111111-2222-4333-8444-555555555555";
inline constexpr const char* kAtlassianJiraOnlyCloudId = "99999999-8888-4777-8666-555555555555";

class AtlassianPeer {
 public:
  // Whether tests/peers/node_modules holds @stoplight/prism-cli (`npm ci` in tests/peers ran).
  static bool Installed();
  // Starts the stack with `env` added (the fake's ATL_* variables, e.g. ATL_BEARER_TOKENS,
  // ATL_LATENCY_MS; ATL_EXIT_WITH_PARENT=1 is always set). Waits up to 90 s for the READY line
  // (Prism needs ~10-15 s to load Jira's 4 MB test spec); Unavailable with the launcher's output
  // when it fails or times out. `start_timeout_ms` replaces the 90 s (also passed on to the
  // launcher as ATL_START_TIMEOUT_MS) for suites that must survive a loaded machine.
  static absl::StatusOr<std::unique_ptr<AtlassianPeer>> Start(
      std::map<std::string, std::string> env = {}, int start_timeout_ms = 0);
  // Env making the fake check Bearer tokens with an RFC 7662 introspection endpoint
  // (client_secret_basic), e.g. OidcPeer's issuer + "/token/introspection".
  static std::map<std::string, std::string> IntrospectionEnv(const std::string& introspection_url,
                                                             const std::string& client_id,
                                                             const std::string& client_secret);
  // "Basic base64(email:token)".
  static std::string BasicAuthorization(const std::string& email = kAtlassianEmail,
                                        const std::string& token = kAtlassianApiToken);
  ~AtlassianPeer();

  const std::string& fake_url() const { return fake_url_; }              // the fake itself
  const std::string& jira_url() const { return jira_url_; }              // Prism with Jira's spec
  const std::string& confluence_url() const { return confluence_url_; }  // Prism, Confluence's
  std::string JiraGatewayUrl(const std::string& cloud_id = kAtlassianCloudId) const;
  std::string ConfluenceGatewayUrl(const std::string& cloud_id = kAtlassianCloudId) const;
  std::string AccessibleResourcesUrl() const;

  // A call to the fake's test routes, `path` like "/__test/faults"; `json_body` sent as
  // application/json when not empty. Returns the parsed answer (null for 204); Internal with the
  // status and body for any non-2xx answer.
  absl::StatusOr<boost::json::value> Control(const std::string& method, const std::string& path,
                                             const std::string& json_body = "") const;
  // GET /__test/stats.
  absl::StatusOr<boost::json::object> Stats() const;
  // POST /__test/reset: zero stats, drop faults, restore the seeded data.
  absl::Status Reset() const;

  // A UCF_PROVIDERS_FILE document with providers "jira" and "confluence" whose OAuth endpoints are
  // those of `oauth_issuer` (the oidc-provider peer: /auth, /token, /token/revocation, /me), whose
  // post-connect accessible-resources step calls this fake and whose apiBaseUrl is the Prism
  // gateway form ".../ex/{product}/{cloudId}".
  std::string CatalogJson(const std::string& oauth_issuer, bool pkce = true) const;
  static std::string CatalogJsonFor(const std::string& jira_url, const std::string& confluence_url,
                                    const std::string& fake_url, const std::string& oauth_issuer,
                                    bool pkce = true);

  // Everything the launcher printed so far (timings, Prism's violation log lines).
  std::string Output() const;

 private:
  explicit AtlassianPeer(std::unique_ptr<Subprocess> process) : process_(std::move(process)) {}

  std::unique_ptr<Subprocess> process_;
  std::string fake_url_;
  std::string jira_url_;
  std::string confluence_url_;
};

}  // namespace ucf::testing
