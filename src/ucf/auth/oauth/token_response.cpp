#include "ucf/auth/oauth/token_response.hpp"

#include <charconv>
#include <cmath>

#include "boost/json/parse.hpp"
#include "ucf/auth/oauth/form_encoding.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/url_credentials.hpp"
#include "ucf/http/client/secret_scrubber.hpp"
#include "ucf/http/client/upstream_error.hpp"
#include "ucf/observability/redact.hpp"

namespace ucf::auth::oauth {
namespace {

constexpr std::size_t kMaxDescriptionBytes = 300;

// The response body as a JSON object, whichever encoding the provider used.
std::optional<boost::json::object> BodyAsObject(const http::UpstreamResponse& response) {
  std::string_view body = core::Trim(response.body);
  std::string content_type = core::ToLower(response.headers.Get("Content-Type").value_or(""));
  if (body.starts_with("{") || core::Contains(content_type, "json")) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    if (ec || !v.is_object()) return std::nullopt;
    return std::move(v.as_object());
  }
  if (!core::Contains(content_type, "x-www-form-urlencoded") &&
      (body.empty() || body.find('=') == std::string_view::npos)) {
    return std::nullopt;
  }
  absl::StatusOr<FormParams> params = DecodeFormParams(body);
  if (!params.ok()) return std::nullopt;
  boost::json::object out;
  for (auto& [k, v] : *params) out[k] = v;
  return out;
}

std::string StringField(const boost::json::object& obj, std::string_view key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->value().is_string()) return "";
  return std::string(it->value().as_string());
}

absl::Status OAuthError(const http::UpstreamResponse& response, const boost::json::object& body,
                        const catalog::ProviderSpec& spec, std::string_view action) {
  std::string error = http::ScrubAndTruncate(StringField(body, "error"), 64);
  std::string description =
      http::ScrubAndTruncate(StringField(body, "error_description"), kMaxDescriptionBytes);
  std::string message = core::StrCat(spec.display_name, " rejected the ", action, ": ", error);
  if (!description.empty()) core::StrAppend(&message, ": ", description);
  boost::json::object details{
      {"provider", spec.id}, {"oauthError", error}, {"upstreamStatus", response.status}};
  if (!description.empty()) details["oauthErrorDescription"] = description;
  return core::WithDetails(absl::InvalidArgumentError(message), details);
}

absl::Status Unusable(const catalog::ProviderSpec& spec, std::string_view what) {
  return absl::UnavailableError(
      core::StrCat(spec.display_name, " returned an unusable token response: ", what));
}

// expires_in as a JSON number or numeric string; nullopt when absent or not positive.
absl::StatusOr<std::optional<std::int64_t>> ExpiresIn(
    const boost::json::object& body, std::string_view field,
    const catalog::ProviderSpec& spec) {
  auto it = body.find(field);
  if (it == body.end() || it->value().is_null()) return std::optional<std::int64_t>();
  const boost::json::value& v = it->value();
  double seconds = 0;
  if (v.is_int64()) {
    seconds = static_cast<double>(v.as_int64());
  } else if (v.is_uint64()) {
    seconds = static_cast<double>(v.as_uint64());
  } else if (v.is_double()) {
    seconds = v.as_double();
  } else if (v.is_string()) {
    std::string_view s = core::Trim(std::string_view(v.as_string()));
    auto parsed = core::ParseInt64(s);
    if (!parsed) return Unusable(spec, core::StrCat(field, " is not a number"));
    seconds = static_cast<double>(*parsed);
  } else {
    return Unusable(spec, core::StrCat(field, " is not a number"));
  }
  if (!(seconds > 0) || seconds > 10.0 * 365 * 24 * 3600) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(static_cast<std::int64_t>(std::floor(seconds)));
}

}  // namespace

std::vector<std::string> SplitScopes(std::string_view scope) {
  std::vector<std::string> out;
  std::string current;
  for (char c : scope) {
    if (c == ' ' || c == ',' || c == '\t' || c == '\n') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

absl::StatusOr<TokenResponse> ParseTokenResponse(const http::UpstreamResponse& response,
                                                 const catalog::ProviderSpec& spec,
                                                 std::string_view action, core::TimePoint now) {
  std::optional<boost::json::object> body = BodyAsObject(response);
  if (body && body->contains("error") && (*body)["error"].is_string()) {
    return OAuthError(response, *body, spec, action);
  }
  if (response.status < 200 || response.status > 299) {
    return http::StatusFromUpstream(response, spec.display_name, now);
  }
  if (!body) return Unusable(spec, "the body is neither JSON nor form-encoded");
  TokenResponse out;
  out.access_token = StringField(*body, "access_token");
  if (out.access_token.empty()) return Unusable(spec, "access_token is missing");
  if (std::string rt = StringField(*body, "refresh_token"); !rt.empty()) out.refresh_token = rt;
  if (std::string type = StringField(*body, "token_type"); !type.empty()) {
    out.token_type = core::EqualsIgnoreCase(type, "bearer") ? "Bearer" : type;
  }
  const std::string& expires_field =
      spec.oauth ? spec.oauth->token_response.expires_in_field : std::string("expires_in");
  auto expires_in = ExpiresIn(*body, expires_field, spec);
  if (!expires_in.ok()) return expires_in.status();
  out.expires_in = *expires_in;
  if (out.expires_in) out.expires_at = now + std::chrono::seconds(*out.expires_in);
  if (auto it = body->find("scope"); it != body->end()) {
    if (it->value().is_string()) {
      out.scopes = SplitScopes(std::string_view(it->value().as_string()));
    } else if (it->value().is_array()) {
      std::vector<std::string> scopes;
      for (const auto& s : it->value().as_array()) {
        if (s.is_string()) scopes.emplace_back(s.as_string());
      }
      out.scopes = std::move(scopes);
    }
  }
  if (spec.oauth) {
    for (const std::string& key : spec.oauth->token_response.keep_fields) {
      auto it = body->find(key);
      if (it == body->end()) continue;
      const boost::json::value& v = it->value();
      // Kept fields are stored in plain text with the connection: never a secret-like field
      // (id_token, …) or a URL carrying credentials, whatever the catalog says.
      if (observability::IsSecretKey(key)) continue;
      if (v.is_string() && core::HasUrlUserInfo(std::string_view(v.get_string()))) continue;
      if (v.is_string() || v.is_number() || v.is_bool()) out.extras[key] = v;
    }
  }
  return out;
}

std::string OAuthErrorOf(const absl::Status& status) {
  std::optional<boost::json::object> details = core::GetDetails(status);
  if (!details) return "";
  auto it = details->find("oauthError");
  if (it == details->end() || !it->value().is_string()) return "";
  return std::string(it->value().as_string());
}

}  // namespace ucf::auth::oauth
