#include "tests/support/oidc_peer.hpp"

#include <curl/curl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "boost/json/parse.hpp"
#include "tests/support/node_peer.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::testing {
namespace {

using ucf::testing::FindNode;
using ucf::testing::PeersDir;

std::size_t AppendToString(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

}  // namespace

bool OidcPeer::Installed() {
  return std::filesystem::exists(PeersDir() / "node_modules/oidc-provider/package.json");
}

absl::StatusOr<std::unique_ptr<OidcPeer>> OidcPeer::Start(std::map<std::string, std::string> env) {
  env.emplace("OIDC_CLIENT_ID", kPeerClientId);
  env.emplace("OIDC_CLIENT_SECRET", kPeerClientSecret);
  env.emplace("OIDC_REDIRECT_URIS", kPeerRedirectUri);
  env.emplace("OIDC_EXIT_WITH_PARENT", "1");
  auto process = std::make_unique<ucf::testing::Subprocess>(
      std::vector<std::string>{FindNode(), (PeersDir() / "oidc/server.mjs").string(), "0"}, env);
  std::unique_ptr<OidcPeer> peer(new OidcPeer(std::move(process)));
  if (!peer->process_->WaitForOutput("READY http://", 15'000)) {
    return absl::UnavailableError(
        core::StrCat("the oidc peer did not start: ", peer->process_->Output()));
  }
  std::string out = peer->process_->Output();
  std::size_t at = out.find("READY ");
  std::size_t eol = out.find('\n', at);
  peer->issuer_ = out.substr(at + 6, eol == std::string::npos ? std::string::npos : eol - at - 6);
  return peer;
}

OidcPeer::~OidcPeer() {
  if (process_ && process_->Signal(SIGTERM, 3'000) < 0) process_->Signal(SIGKILL, 3'000);
}

absl::StatusOr<boost::json::object> OidcPeer::Stats() const {
  auto response = PlainHttp("GET", issuer_ + "/test/stats", "");
  if (!response.ok()) return response.status();
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(response->second, ec);
  if (ec || !v.is_object()) return absl::InternalError("unreadable /test/stats");
  return v.as_object();
}

std::string OidcPeer::CatalogJson(const std::string& id, bool pkce) const {
  return core::StrCat(R"({"providers": [{"id": ")", id,
                      R"(", "displayName": "Local OIDC", "authMethods": ["oauth2"],
    "apiBaseUrl": ")",
                      issuer_, R"(",
    "oauth": {"authorizeUrl": ")",
                      issuer_, R"(/auth", "tokenUrl": ")", issuer_, R"(/token", "revokeUrl": ")",
                      issuer_, R"(/token/revocation",
      "userinfoUrl": ")",
                      issuer_, R"(/me", "defaultScopes": ["openid", "offline_access"],
      "extraAuthorizeParams": {"prompt": "consent"}, "clientAuth": "basic", "pkce": )",
                      pkce ? "true" : "false", "}}]}");
}

absl::StatusOr<std::pair<int, std::string>> PlainHttp(const std::string& method,
                                                      const std::string& url,
                                                      const std::string& authorization,
                                                      const std::string& form_body) {
  CURL* c = curl_easy_init();
  std::string body;
  curl_slist* headers = nullptr;
  if (!authorization.empty()) {
    headers = curl_slist_append(headers, ("Authorization: " + authorization).c_str());
  }
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &AppendToString);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  if (method == "POST") curl_easy_setopt(c, CURLOPT_POSTFIELDS, form_body.c_str());
  CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(c);
  if (rc != CURLE_OK) return absl::UnavailableError(curl_easy_strerror(rc));
  return std::make_pair(static_cast<int>(status), body);
}

}  // namespace ucf::testing
