#include "ucf/catalog/provider_spec_parser.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <set>

#include "boost/json/object.hpp"
#include "ucf/catalog/url_template.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::catalog {
namespace {

constexpr std::string_view kAtlassianResources = "atlassian_accessible_resources";

const std::set<std::string_view>& KnownAuthMethods() {
  static const std::set<std::string_view> methods = {"oauth2", "api_key", "basic",
                                                     "personal_token"};
  return methods;
}

// Authorize parameters UCF sets itself; a catalog must not override them.
const std::set<std::string_view>& ReservedAuthorizeParams() {
  static const std::set<std::string_view> names = {
      "client_id",      "redirect_uri",         "state", "scope", "response_type",
      "code_challenge", "code_challenge_method"};
  return names;
}

bool IsProviderId(std::string_view id) {
  if (id.empty() || id.size() > 64 || !(id[0] >= 'a' && id[0] <= 'z')) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool IsParamName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Typed access to one JSON object of the catalog, naming fields as "<prefix><key>" in errors.
class Reader {
 public:
  Reader(const boost::json::object& obj, const SpecErrors& errors, std::string provider,
         std::string prefix)
      : obj_(obj), errors_(errors), provider_(std::move(provider)), prefix_(std::move(prefix)) {}

  absl::Status Error(std::string_view key, std::string_view reason) const {
    return errors_.Error(provider_, core::StrCat(prefix_, key), reason);
  }

  absl::Status OnlyKnown(std::initializer_list<std::string_view> known) const {
    for (const auto& field : obj_) {
      std::string_view key = field.key();
      if (key.starts_with("_")) continue;
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        return Error(key, "is not a known field");
      }
    }
    return absl::OkStatus();
  }

  const boost::json::value* Find(std::string_view key) const {
    auto it = obj_.find(key);
    return it == obj_.end() || it->value().is_null() ? nullptr : &it->value();
  }

  absl::StatusOr<std::optional<std::string>> OptString(std::string_view key) const {
    const boost::json::value* v = Find(key);
    if (v == nullptr) return std::optional<std::string>();
    if (!v->is_string()) return Error(key, "must be a string");
    return std::optional<std::string>(std::string(v->as_string()));
  }

  absl::StatusOr<std::string> String(std::string_view key) const {
    UCF_ASSIGN_OR_RETURN(std::optional<std::string> v, OptString(key));
    if (!v || v->empty()) return Error(key, "is required");
    return *v;
  }

  absl::StatusOr<std::string> StringOr(std::string_view key, std::string fallback) const {
    UCF_ASSIGN_OR_RETURN(std::optional<std::string> v, OptString(key));
    return v ? *v : fallback;
  }

  absl::StatusOr<bool> Bool(std::string_view key, bool fallback) const {
    const boost::json::value* v = Find(key);
    if (v == nullptr) return fallback;
    if (!v->is_bool()) return Error(key, "must be true or false");
    return v->as_bool();
  }

  absl::StatusOr<std::vector<std::string>> Strings(std::string_view key) const {
    std::vector<std::string> out;
    const boost::json::value* v = Find(key);
    if (v == nullptr) return out;
    if (!v->is_array()) return Error(key, "must be an array of strings");
    for (const boost::json::value& e : v->as_array()) {
      if (!e.is_string() || e.as_string().empty()) {
        return Error(key, "must be an array of non-empty strings");
      }
      out.emplace_back(e.as_string());
    }
    return out;
  }

  // nullptr when absent.
  absl::StatusOr<const boost::json::object*> Object(std::string_view key) const {
    const boost::json::value* v = Find(key);
    if (v == nullptr) return static_cast<const boost::json::object*>(nullptr);
    if (!v->is_object()) return Error(key, "must be an object");
    return &v->as_object();
  }

  absl::StatusOr<const boost::json::array*> Array(std::string_view key) const {
    const boost::json::value* v = Find(key);
    if (v == nullptr) return static_cast<const boost::json::array*>(nullptr);
    if (!v->is_array()) return Error(key, "must be an array");
    return &v->as_array();
  }

  Reader Nested(const boost::json::object& obj, std::string_view key) const {
    return Reader(obj, errors_, provider_, core::StrCat(prefix_, key, "."));
  }

 private:
  const boost::json::object& obj_;
  const SpecErrors& errors_;
  std::string provider_;
  std::string prefix_;
};

// Checks that `tmpl` is a valid URL template whose placeholders are all in `allowed`.
absl::Status CheckTemplate(const Reader& r, std::string_view key, std::string_view tmpl,
                           const std::set<std::string, std::less<>>& allowed) {
  absl::StatusOr<std::vector<std::string>> names = TemplatePlaceholders(tmpl);
  if (!names.ok()) return r.Error(key, core::ToStd(names.status().message()));
  for (const std::string& name : *names) {
    if (allowed.find(name) == allowed.end()) {
      return r.Error(key, core::StrCat("uses {", name, "}, which is not a declared URL parameter"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<UrlParamSpec>> ParseUrlParams(const Reader& r) {
  std::vector<UrlParamSpec> out;
  UCF_ASSIGN_OR_RETURN(const boost::json::array* list, r.Array("urlParams"));
  if (list == nullptr) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string key = core::StrCat("urlParams[", i, "]");
    if (!(*list)[i].is_object()) return r.Error(key, "must be an object");
    Reader p = r.Nested((*list)[i].as_object(), key);
    UCF_RETURN_IF_ERROR(p.OnlyKnown({"name", "description", "pattern", "example", "required"}));
    UrlParamSpec param;
    UCF_ASSIGN_OR_RETURN(param.name, p.String("name"));
    if (!IsParamName(param.name)) return p.Error("name", "must be letters, digits and '_'");
    UCF_ASSIGN_OR_RETURN(param.description, p.StringOr("description", ""));
    UCF_ASSIGN_OR_RETURN(param.pattern, p.String("pattern"));
    UCF_ASSIGN_OR_RETURN(param.example, p.StringOr("example", ""));
    UCF_ASSIGN_OR_RETURN(param.required, p.Bool("required", true));
    if (std::optional<std::string> error = param.Compile()) {
      return p.Error("pattern", core::StrCat("is not a valid regular expression: ", *error));
    }
    if (!param.example.empty() && !param.Matches(param.example)) {
      return p.Error("example", "does not match the pattern");
    }
    for (const UrlParamSpec& seen : out) {
      if (seen.name == param.name) return p.Error("name", "is declared twice");
    }
    out.push_back(std::move(param));
  }
  return out;
}

absl::StatusOr<OAuthSpec> ParseOAuth(const Reader& o) {
  UCF_RETURN_IF_ERROR(
      o.OnlyKnown({"authorizeUrl", "tokenUrl", "revokeUrl", "userinfoUrl", "defaultScopes",
                   "scopeSeparator", "extraAuthorizeParams", "pkce", "clientAuth",
                   "tokenRequestFormat", "refreshTokens", "tokenResponse"}));
  OAuthSpec oauth;
  UCF_ASSIGN_OR_RETURN(oauth.authorize_url, o.String("authorizeUrl"));
  UCF_ASSIGN_OR_RETURN(oauth.token_url, o.String("tokenUrl"));
  UCF_ASSIGN_OR_RETURN(oauth.revoke_url, o.OptString("revokeUrl"));
  UCF_ASSIGN_OR_RETURN(oauth.userinfo_url, o.OptString("userinfoUrl"));
  UCF_ASSIGN_OR_RETURN(oauth.default_scopes, o.Strings("defaultScopes"));
  UCF_ASSIGN_OR_RETURN(oauth.scope_separator, o.StringOr("scopeSeparator", " "));
  if (oauth.scope_separator.empty()) return o.Error("scopeSeparator", "must not be empty");
  UCF_ASSIGN_OR_RETURN(oauth.pkce, o.Bool("pkce", true));
  UCF_ASSIGN_OR_RETURN(oauth.refresh_tokens, o.Bool("refreshTokens", true));

  UCF_ASSIGN_OR_RETURN(std::string client_auth, o.StringOr("clientAuth", "basic"));
  if (client_auth == "basic") {
    oauth.client_auth = ClientAuth::kBasic;
  } else if (client_auth == "post") {
    oauth.client_auth = ClientAuth::kPost;
  } else {
    return o.Error("clientAuth", "must be \"basic\" or \"post\"");
  }
  UCF_ASSIGN_OR_RETURN(std::string format, o.StringOr("tokenRequestFormat", "form"));
  if (format == "form") {
    oauth.token_request_format = TokenRequestFormat::kForm;
  } else if (format == "json") {
    oauth.token_request_format = TokenRequestFormat::kJson;
  } else {
    return o.Error("tokenRequestFormat", "must be \"form\" or \"json\"");
  }

  UCF_ASSIGN_OR_RETURN(const boost::json::object* extra, o.Object("extraAuthorizeParams"));
  if (extra != nullptr) {
    for (const auto& field : *extra) {
      std::string key = core::StrCat("extraAuthorizeParams.", std::string_view(field.key()));
      if (!field.value().is_string()) return o.Error(key, "must be a string");
      if (field.key().empty()) return o.Error("extraAuthorizeParams", "has an empty name");
      if (ReservedAuthorizeParams().count(std::string_view(field.key())) != 0) {
        return o.Error(key, "is set by UCF itself and cannot be overridden");
      }
      oauth.extra_authorize_params.emplace_back(std::string(field.key()),
                                                std::string(field.value().as_string()));
    }
  }

  UCF_ASSIGN_OR_RETURN(const boost::json::object* response, o.Object("tokenResponse"));
  if (response != nullptr) {
    Reader t = o.Nested(*response, "tokenResponse");
    UCF_RETURN_IF_ERROR(t.OnlyKnown({"expiresInField", "keep"}));
    UCF_ASSIGN_OR_RETURN(oauth.token_response.expires_in_field,
                         t.StringOr("expiresInField", "expires_in"));
    UCF_ASSIGN_OR_RETURN(oauth.token_response.keep_fields, t.Strings("keep"));
  }
  return oauth;
}

absl::StatusOr<std::vector<PostConnectStep>> ParsePostConnect(const Reader& r) {
  std::vector<PostConnectStep> out;
  UCF_ASSIGN_OR_RETURN(const boost::json::array* list, r.Array("postConnect"));
  if (list == nullptr) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string key = core::StrCat("postConnect[", i, "]");
    if (!(*list)[i].is_object()) return r.Error(key, "must be an object");
    Reader s = r.Nested((*list)[i].as_object(), key);
    UCF_RETURN_IF_ERROR(s.OnlyKnown({"type", "url", "scopeContains"}));
    PostConnectStep step;
    UCF_ASSIGN_OR_RETURN(step.type, s.String("type"));
    if (step.type != kAtlassianResources) {
      return s.Error("type", core::StrCat("must be \"", kAtlassianResources, "\""));
    }
    UCF_ASSIGN_OR_RETURN(step.url, s.String("url"));
    UCF_ASSIGN_OR_RETURN(step.scope_contains, s.StringOr("scopeContains", ""));
    out.push_back(std::move(step));
  }
  return out;
}

absl::StatusOr<RateLimitSpec> ParseRateLimit(const Reader& r) {
  RateLimitSpec out;
  UCF_ASSIGN_OR_RETURN(const boost::json::object* obj, r.Object("rateLimit"));
  if (obj == nullptr) return out;
  Reader l = r.Nested(*obj, "rateLimit");
  UCF_RETURN_IF_ERROR(l.OnlyKnown({"retryAfterHeader", "limitHeader", "remainingHeader",
                                   "resetHeader", "resetFormat", "usageHeader"}));
  UCF_ASSIGN_OR_RETURN(out.retry_after_header, l.StringOr("retryAfterHeader", "Retry-After"));
  UCF_ASSIGN_OR_RETURN(out.limit_header, l.StringOr("limitHeader", ""));
  UCF_ASSIGN_OR_RETURN(out.remaining_header, l.StringOr("remainingHeader", ""));
  UCF_ASSIGN_OR_RETURN(out.reset_header, l.StringOr("resetHeader", ""));
  UCF_ASSIGN_OR_RETURN(out.reset_format, l.StringOr("resetFormat", ""));
  UCF_ASSIGN_OR_RETURN(out.usage_header, l.StringOr("usageHeader", ""));
  if (!out.reset_header.empty() && out.reset_format != "epoch_seconds" &&
      out.reset_format != "iso8601" && out.reset_format != "delta_seconds") {
    return l.Error("resetFormat", "must be \"epoch_seconds\", \"iso8601\" or \"delta_seconds\"");
  }
  return out;
}

// Cross-field checks: templates use only declared placeholders, and those are required.
absl::Status CheckTemplates(const Reader& r, const ProviderSpec& spec) {
  std::set<std::string, std::less<>> params;
  for (const UrlParamSpec& p : spec.url_params) params.insert(p.name);
  auto check_required = [&](std::string_view key, std::string_view tmpl) -> absl::Status {
    UCF_RETURN_IF_ERROR(CheckTemplate(r, key, tmpl, params));
    UCF_ASSIGN_OR_RETURN(std::vector<std::string> names, TemplatePlaceholders(tmpl));
    for (const std::string& name : names) {
      if (!spec.FindUrlParam(name)->required) {
        return r.Error(key, core::StrCat("uses {", name, "}, so that parameter must be required"));
      }
    }
    return absl::OkStatus();
  };
  if (spec.oauth) {
    UCF_RETURN_IF_ERROR(check_required("oauth.authorizeUrl", spec.oauth->authorize_url));
    UCF_RETURN_IF_ERROR(check_required("oauth.tokenUrl", spec.oauth->token_url));
    if (spec.oauth->revoke_url) {
      UCF_RETURN_IF_ERROR(check_required("oauth.revokeUrl", *spec.oauth->revoke_url));
    }
    if (spec.oauth->userinfo_url) {
      UCF_RETURN_IF_ERROR(check_required("oauth.userinfoUrl", *spec.oauth->userinfo_url));
    }
  }
  std::set<std::string, std::less<>> base_names = params;
  for (std::size_t i = 0; i < spec.post_connect.size(); ++i) {
    UCF_RETURN_IF_ERROR(
        check_required(core::StrCat("postConnect[", i, "].url"), spec.post_connect[i].url));
    for (std::string& out : PostConnectOutputs(spec.post_connect[i].type)) {
      base_names.insert(std::move(out));
    }
  }
  if (spec.oauth) {
    for (const std::string& keep : spec.oauth->token_response.keep_fields) base_names.insert(keep);
  }
  if (!spec.api_base_url.empty()) {
    UCF_RETURN_IF_ERROR(CheckTemplate(r, "apiBaseUrl", spec.api_base_url, base_names));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status SpecErrors::Error(std::string_view provider, std::string_view field,
                               std::string_view reason) const {
  std::string message = core::StrCat("provider catalog ", source, ": ");
  if (!provider.empty()) core::StrAppend(&message, "provider \"", provider, "\": ");
  if (!field.empty()) core::StrAppend(&message, field, ": ");
  core::StrAppend(&message, reason);
  return core::WithDetails(
      absl::InvalidArgumentError(message),
      {{"file", source}, {"provider", provider}, {"field", field}, {"reason", reason}});
}

std::vector<std::string> PostConnectOutputs(std::string_view type) {
  if (type == kAtlassianResources) return {"cloudId", "siteUrl", "siteName"};
  return {};
}

absl::StatusOr<ProviderSpec> ParseProviderSpec(const boost::json::value& entry, std::size_t index,
                                               const SpecErrors& errors) {
  std::string label = core::StrCat("#", index);
  if (!entry.is_object()) return errors.Error(label, "", "must be an object");
  const boost::json::object& obj = entry.as_object();
  if (auto id = obj.find("id"); id != obj.end() && id->value().is_string()) {
    label = std::string(id->value().as_string());
  }
  Reader r(obj, errors, label, "");
  UCF_RETURN_IF_ERROR(r.OnlyKnown({"id", "displayName", "description", "authMethods", "apiBaseUrl",
                                   "oauth", "urlParams", "postConnect", "rateLimit"}));
  ProviderSpec spec;
  UCF_ASSIGN_OR_RETURN(spec.id, r.String("id"));
  if (!IsProviderId(spec.id)) {
    return r.Error("id", "must be 1-64 of a-z, 0-9, '_' and '-', starting with a letter");
  }
  UCF_ASSIGN_OR_RETURN(spec.display_name, r.String("displayName"));
  UCF_ASSIGN_OR_RETURN(spec.description, r.StringOr("description", ""));
  UCF_ASSIGN_OR_RETURN(spec.auth_methods, r.Strings("authMethods"));
  if (spec.auth_methods.empty()) return r.Error("authMethods", "is required");
  for (const std::string& m : spec.auth_methods) {
    if (KnownAuthMethods().count(m) == 0) {
      return r.Error("authMethods",
                     core::StrCat("has unknown method \"", m,
                                  "\" (known: oauth2, api_key, basic, personal_token)"));
    }
  }
  UCF_ASSIGN_OR_RETURN(spec.api_base_url, r.StringOr("apiBaseUrl", ""));
  UCF_ASSIGN_OR_RETURN(spec.url_params, ParseUrlParams(r));

  UCF_ASSIGN_OR_RETURN(const boost::json::object* oauth, r.Object("oauth"));
  if (spec.SupportsAuthMethod("oauth2")) {
    if (oauth == nullptr) return r.Error("oauth", "is required when authMethods has \"oauth2\"");
    UCF_ASSIGN_OR_RETURN(spec.oauth, ParseOAuth(r.Nested(*oauth, "oauth")));
  } else if (oauth != nullptr) {
    return r.Error("oauth", "is only allowed when authMethods has \"oauth2\"");
  }
  UCF_ASSIGN_OR_RETURN(spec.post_connect, ParsePostConnect(r));
  UCF_ASSIGN_OR_RETURN(spec.rate_limit, ParseRateLimit(r));
  UCF_RETURN_IF_ERROR(CheckTemplates(r, spec));
  return spec;
}

}  // namespace ucf::catalog
