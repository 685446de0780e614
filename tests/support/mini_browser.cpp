#include "tests/support/mini_browser.hpp"

#include <curl/curl.h>

#include <vector>

#include "ucf/auth/oauth/form_encoding.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::testing {

using auth::oauth::DecodeFormParams;
using auth::oauth::EncodeFormParams;
using auth::oauth::FormParams;

std::map<std::string, std::string> QueryOf(const std::string& url) {
  std::map<std::string, std::string> out;
  std::size_t q = url.find('?');
  if (q == std::string::npos) return out;
  auto params = DecodeFormParams(url.substr(q + 1));
  if (params.ok()) {
    for (auto& [k, v] : *params) out[k] = v;
  }
  return out;
}
namespace {

std::size_t Collect(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

std::string HtmlUnescape(std::string s) {
  const std::pair<const char*, const char*> entities[] = {
      {"&quot;", "\""}, {"&#39;", "'"},  {"&#x27;", "'"}, {"&lt;", "<"},
      {"&gt;", ">"},    {"&#x2F;", "/"}, {"&#47;", "/"},  {"&amp;", "&"}};
  for (const auto& [from, to] : entities) s = core::ReplaceAll(s, from, to);
  return s;
}

// The value of attribute `name` (double-quoted) in the tag text `tag`, or "".
std::string Attribute(const std::string& tag, const std::string& name) {
  std::string lower = core::ToLower(tag);
  std::string needle = core::StrCat(" ", core::ToLower(name), "=\"");
  std::size_t at = lower.find(needle);
  if (at == std::string::npos) return "";
  std::size_t start = at + needle.size();
  std::size_t end = tag.find('"', start);
  if (end == std::string::npos) return "";
  return HtmlUnescape(tag.substr(start, end - start));
}

// Every "<input ...>" tag of `html`.
std::vector<std::string> InputTags(const std::string& html) {
  std::vector<std::string> out;
  std::string lower = core::ToLower(html);
  for (std::size_t at = lower.find("<input"); at != std::string::npos;
       at = lower.find("<input", at + 1)) {
    std::size_t end = html.find('>', at);
    if (end == std::string::npos) break;
    out.push_back(html.substr(at, end - at + 1));
  }
  return out;
}

std::string Origin(const std::string& url) {
  std::size_t scheme = url.find("://");
  std::size_t path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return path == std::string::npos ? url : url.substr(0, path);
}

}  // namespace

absl::StatusOr<std::pair<std::string, std::string>> FillFirstForm(const std::string& html,
                                                                  const std::string& page_url) {
  std::size_t start = html.find("<form");
  if (start == std::string::npos) return absl::NotFoundError("no form on the page");
  std::size_t end = html.find("</form>", start);
  if (end == std::string::npos) end = html.size();
  std::string form = html.substr(start, end - start);
  std::string open_tag = form.substr(0, form.find('>') + 1);
  std::string action = Attribute(open_tag, "action");
  if (action.empty()) action = page_url;
  if (action.starts_with("/")) action = Origin(page_url) + action;

  FormParams fields;
  for (const std::string& tag : InputTags(form)) {
    std::string name = Attribute(tag, "name");
    if (name.empty()) continue;
    std::string type = core::ToLower(Attribute(tag, "type"));
    std::string value = Attribute(tag, "value");
    if (type == "password") {
      value = "wonderland";
    } else if ((type.empty() || type == "text" || type == "email") && value.empty()) {
      value = "alice";
    }
    fields.emplace_back(name, value);
  }
  return std::make_pair(action, EncodeFormParams(fields));
}

MiniBrowser::MiniBrowser() : curl_(curl_easy_init()) {
  CURL* c = static_cast<CURL*>(curl_);
  curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");  // in-memory cookie engine
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Collect);
}

MiniBrowser::~MiniBrowser() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

absl::StatusOr<MiniBrowser::Response> MiniBrowser::Fetch(const std::string& url,
                                                         const std::string* form_body) {
  CURL* c = static_cast<CURL*>(curl_);
  Response r;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  if (form_body != nullptr) {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, form_body->c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(form_body->size()));
  } else {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  }
  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    return absl::UnavailableError(core::StrCat("GET/POST ", url, ": ", curl_easy_strerror(rc)));
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  r.status = static_cast<int>(status);
  char* effective = nullptr;
  curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &effective);
  if (effective != nullptr) r.effective_url = effective;
  char* redirect = nullptr;
  curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &redirect);
  if (redirect != nullptr) r.redirect_url = redirect;
  return r;
}

absl::StatusOr<std::string> MiniBrowser::Authorize(const std::string& auth_url,
                                                   const std::string& redirect_prefix,
                                                   int max_steps) {
  std::string url = auth_url;
  std::string body;
  bool post = false;
  for (int step = 0; step < max_steps; ++step) {
    UCF_ASSIGN_OR_RETURN(Response r, Fetch(url, post ? &body : nullptr));
    if (r.status >= 300 && r.status < 400 && !r.redirect_url.empty()) {
      if (r.redirect_url.starts_with(redirect_prefix)) return r.redirect_url;
      url = r.redirect_url;
      post = false;
      continue;
    }
    if (r.status != 200) {
      return absl::FailedPreconditionError(
          core::StrCat("HTTP ", r.status, " at ", r.effective_url, ": ", r.body.substr(0, 500)));
    }
    absl::StatusOr<std::pair<std::string, std::string>> form =
        FillFirstForm(r.body, r.effective_url);
    if (!form.ok()) {
      return absl::FailedPreconditionError(
          core::StrCat("no form at ", r.effective_url, ": ", r.body.substr(0, 500)));
    }
    url = form->first;
    body = form->second;
    post = true;
  }
  return absl::FailedPreconditionError("too many steps before the redirect URI");
}

}  // namespace ucf::testing
