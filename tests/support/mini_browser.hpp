#pragma once
// MiniBrowser: just enough of a browser to walk an authorization server's login and consent
// pages: libcurl with its cookie engine on, redirects followed by hand (so the final redirect to
// the client's redirect URI is captured, never fetched), the first HTML form of a page parsed and
// submitted with its hidden fields plus a login and password for text/password inputs.
// Not thread-safe; one per test.

#include <map>
#include <string>

#include "absl/status/statusor.h"

namespace ucf::testing {

// The decoded query parameters of `url` (a provider redirect, an authorize URL); empty when it
// has none or they do not decode.
std::map<std::string, std::string> QueryOf(const std::string& url);

class MiniBrowser {
 public:
  MiniBrowser();
  ~MiniBrowser();
  MiniBrowser(const MiniBrowser&) = delete;
  MiniBrowser& operator=(const MiniBrowser&) = delete;

  // Starts at `auth_url` and follows redirects and forms until the server redirects to a URL that
  // starts with `redirect_prefix`; returns that URL (with its code and state, or error).
  // FailedPrecondition (with the page's text) when a page has no form, or after `max_steps`.
  absl::StatusOr<std::string> Authorize(const std::string& auth_url,
                                        const std::string& redirect_prefix, int max_steps = 20);

 private:
  struct Response {
    int status = 0;
    std::string effective_url;
    std::string redirect_url;  // absolute, resolved by libcurl; empty without Location
    std::string body;
  };
  absl::StatusOr<Response> Fetch(const std::string& url, const std::string* form_body);

  void* curl_;  // CURL*
};

// Decodes the first HTML form of `html`: its absolute action (resolved against `page_url`) and
// the form-encoded body a user would submit (hidden values kept, text inputs "alice", password
// inputs "wonderland"). Exposed for its own test.
absl::StatusOr<std::pair<std::string, std::string>> FillFirstForm(const std::string& html,
                                                                  const std::string& page_url);

}  // namespace ucf::testing
