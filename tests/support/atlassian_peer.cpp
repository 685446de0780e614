#include "tests/support/atlassian_peer.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <utility>
#include <vector>

#include "boost/json/array.hpp"
#include "boost/json/parse.hpp"
#include "tests/support/node_peer.hpp"
#include "boost/json/serialize.hpp"
#include "tests/support/test_http.hpp"
#include "ucf/core/strings.hpp"

#ifndef UCF_SOURCE_DIR
#error "UCF_SOURCE_DIR must be defined (the project's source root)"
#endif

namespace ucf::testing {
namespace {

constexpr int kStartTimeoutMs = 90'000;


std::string StringField(const boost::json::object& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->value().is_string()) return {};
  return std::string(it->value().as_string());
}

boost::json::object Provider(const std::string& id, const std::string& display_name,
                             const std::string& api_base_url, const std::string& fake_url,
                             const std::string& issuer, bool pkce,
                             const std::vector<std::string>& scopes,
                             const std::string& scope_contains) {
  boost::json::array default_scopes;
  for (const std::string& s : scopes) default_scopes.emplace_back(s);
  boost::json::object site_param{
      {"name", "site"},
      {"description", "The Atlassian site to connect when the account can reach several."},
      {"pattern",
       "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
       "[A-Za-z0-9])?)*$"},
      {"example", "zoe-labs.atlassian.net"},
      {"required", false}};
  boost::json::object oauth{
      {"authorizeUrl", issuer + "/auth"},
      {"tokenUrl", issuer + "/token"},
      {"revokeUrl", issuer + "/token/revocation"},
      {"userinfoUrl", issuer + "/me"},
      {"defaultScopes", std::move(default_scopes)},
      {"scopeSeparator", " "},
      {"extraAuthorizeParams",
       boost::json::object{{"audience", "api.atlassian.com"}, {"prompt", "consent"}}},
      {"pkce", pkce},
      {"clientAuth", "basic"},
      {"tokenRequestFormat", "form"},
      {"refreshTokens", true}};
  return boost::json::object{
      {"id", id},
      {"displayName", display_name},
      {"description", "The fake Atlassian upstream behind Prism (tests/peers/atlassian)."},
      {"authMethods", boost::json::array{"oauth2", "api_key"}},
      {"apiBaseUrl", api_base_url},
      {"urlParams", boost::json::array{std::move(site_param)}},
      {"oauth", std::move(oauth)},
      {"postConnect", boost::json::array{boost::json::object{
                          {"type", "atlassian_accessible_resources"},
                          {"url", fake_url + "/oauth/token/accessible-resources"},
                          {"scopeContains", scope_contains}}}},
      {"rateLimit", boost::json::object{{"retryAfterHeader", "Retry-After"},
                                        {"limitHeader", "X-RateLimit-Limit"},
                                        {"remainingHeader", "X-RateLimit-Remaining"},
                                        {"resetHeader", "X-RateLimit-Reset"},
                                        {"resetFormat", "iso8601"}}}};
}

}  // namespace

bool AtlassianPeer::Installed() {
  return std::filesystem::exists(PeersDir() / "node_modules/@stoplight/prism-cli/package.json");
}

absl::StatusOr<std::unique_ptr<AtlassianPeer>> AtlassianPeer::Start(
    std::map<std::string, std::string> env, int start_timeout_ms) {
  env["ATL_EXIT_WITH_PARENT"] = "1";
  const int timeout_ms = start_timeout_ms > 0 ? start_timeout_ms : kStartTimeoutMs;
  env["ATL_START_TIMEOUT_MS"] = std::to_string(timeout_ms);
  auto process = std::make_unique<Subprocess>(
      std::vector<std::string>{FindNode(), (PeersDir() / "atlassian/start.mjs").string()},
      std::move(env));
  std::unique_ptr<AtlassianPeer> peer(new AtlassianPeer(std::move(process)));

  auto ready = WaitForReadyJson(*peer->process_, "the Atlassian peer (tests/peers/atlassian/start.mjs)",
                                timeout_ms);
  if (!ready.ok()) return ready.status();
  const boost::json::object& urls = *ready;
  std::string line = boost::json::serialize(urls);
  peer->fake_url_ = StringField(urls, "fake");
  peer->jira_url_ = StringField(urls, "jira");
  peer->confluence_url_ = StringField(urls, "confluence");
  if (peer->fake_url_.empty() || peer->jira_url_.empty() || peer->confluence_url_.empty()) {
    return absl::InternalError(
        fmt::format("incomplete READY line of the Atlassian peer: {}", line));
  }
  return peer;
}

std::map<std::string, std::string> AtlassianPeer::IntrospectionEnv(
    const std::string& introspection_url, const std::string& client_id,
    const std::string& client_secret) {
  return {{"ATL_INTROSPECTION_URL", introspection_url},
          {"ATL_INTROSPECTION_CLIENT_ID", client_id},
          {"ATL_INTROSPECTION_CLIENT_SECRET", client_secret}};
}

std::string AtlassianPeer::BasicAuthorization(const std::string& email, const std::string& token) {
  return "Basic " + core::Base64Encode(email + ":" + token);
}

AtlassianPeer::~AtlassianPeer() {
  if (process_ && process_->Signal(SIGTERM, 5'000) < 0) process_->Signal(SIGKILL, 3'000);
}

std::string AtlassianPeer::JiraGatewayUrl(const std::string& cloud_id) const {
  return jira_url_ + "/ex/jira/" + cloud_id;
}

std::string AtlassianPeer::ConfluenceGatewayUrl(const std::string& cloud_id) const {
  return confluence_url_ + "/ex/confluence/" + cloud_id;
}

std::string AtlassianPeer::AccessibleResourcesUrl() const {
  return fake_url_ + "/oauth/token/accessible-resources";
}

absl::StatusOr<boost::json::value> AtlassianPeer::Control(const std::string& method,
                                                          const std::string& path,
                                                          const std::string& json_body) const {
  std::vector<std::string> headers = {"Accept: application/json"};
  if (!json_body.empty()) headers.emplace_back("Content-Type: application/json");
  TestResponse response = Fetch(method, fake_url_ + path, headers, json_body);
  if (response.status == 0) {
    return absl::UnavailableError(fmt::format("{} {}: {}", method, path, response.error));
  }
  if (response.status < 200 || response.status >= 300) {
    return absl::InternalError(
        fmt::format("{} {} answered {}: {}", method, path, response.status, response.body));
  }
  if (response.body.empty()) return boost::json::value(nullptr);
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(response.body, ec);
  if (ec) return absl::InternalError(fmt::format("{} {}: unreadable JSON", method, path));
  return v;
}

absl::StatusOr<boost::json::object> AtlassianPeer::Stats() const {
  auto v = Control("GET", "/__test/stats");
  if (!v.ok()) return v.status();
  if (!v->is_object()) return absl::InternalError("/__test/stats is not an object");
  return v->as_object();
}

absl::Status AtlassianPeer::Reset() const { return Control("POST", "/__test/reset").status(); }

std::string AtlassianPeer::CatalogJson(const std::string& oauth_issuer, bool pkce) const {
  return CatalogJsonFor(jira_url_, confluence_url_, fake_url_, oauth_issuer, pkce);
}

std::string AtlassianPeer::CatalogJsonFor(const std::string& jira_url,
                                          const std::string& confluence_url,
                                          const std::string& fake_url,
                                          const std::string& oauth_issuer, bool pkce) {
  // `openid` keeps the oidc-provider peer in the configuration its own suite proves; the other
  // scopes are Atlassian's (oidc-provider ignores scopes it does not know).
  boost::json::object doc{
      {"_comment",
       "Generated by tests/support/atlassian_peer.cpp: Jira and Confluence against the fake "
       "Atlassian upstream behind Prism, OAuth against a local authorization server."},
      {"version", 1},
      {"providers",
       boost::json::array{
           Provider("jira", "Jira (test peer)", jira_url + "/ex/jira/{cloudId}", fake_url,
                    oauth_issuer, pkce,
                    {"openid", "read:jira-work", "write:jira-work", "read:jira-user",
                     "manage:jira-webhook", "offline_access"},
                    "jira"),
           Provider("confluence", "Confluence (test peer)",
                    confluence_url + "/ex/confluence/{cloudId}", fake_url, oauth_issuer, pkce,
                    {"openid", "read:confluence-space.summary", "read:confluence-content.all",
                     "write:confluence-content", "read:page:confluence", "read:space:confluence",
                     "read:comment:confluence", "write:page:confluence", "write:comment:confluence",
                     "offline_access"},
                    "confluence")}}};
  return boost::json::serialize(doc);
}

std::string AtlassianPeer::Output() const { return process_ ? process_->Output() : std::string(); }

}  // namespace ucf::testing
