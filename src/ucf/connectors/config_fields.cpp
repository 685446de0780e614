#include "ucf/connectors/config_fields.hpp"

#include <algorithm>
#include <cstdint>
#include <map>

#include "boost/url/parse.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/url_credentials.hpp"

namespace ucf::connectors {
namespace {

std::string KnownKeys(const ConnectorDescription& d) {
  std::vector<std::string> names;
  for (const auto* fields : {&d.config_fields, &d.credential_fields}) {
    for (const FieldSpec& f : *fields) names.push_back(f.name);
  }
  return names.empty() ? std::string("none") : core::Join(names, ", ");
}

bool IsHttpUrl(std::string_view text) {
  auto parsed = boost::urls::parse_absolute_uri(boost::urls::string_view(text.data(), text.size()));
  if (!parsed || parsed->encoded_host().empty()) return false;
  std::string scheme = core::ToLower(std::string_view(parsed->scheme()));
  return scheme == "https" || scheme == "http";
}

absl::Status CheckInteger(const FieldSpec& field, std::string_view key, const boost::json::value& v) {
  std::int64_t n = 0;
  if (v.is_int64()) {
    n = v.get_int64();
  } else if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    n = static_cast<std::int64_t>(v.get_uint64());
  } else if (v.is_string() && !v.get_string().empty() && v.get_string().size() <= 18 &&
             std::all_of(v.get_string().begin(), v.get_string().end(),
                         [](char c) { return c >= '0' && c <= '9'; })) {
    for (char c : v.get_string()) n = n * 10 + (c - '0');
  } else {
    return core::InvalidField(key, "must be an integer");
  }
  if (field.max > field.min && (n < field.min || n > field.max)) {
    return core::InvalidField(key, core::StrCat("must be between ", field.min, " and ", field.max));
  }
  return absl::OkStatus();
}

absl::Status CheckValue(const FieldSpec& field, std::string_view key, const boost::json::value& v) {
  if (field.type == "integer") return CheckInteger(field, key, v);
  if (field.type == "boolean") {
    return v.is_bool() ? absl::OkStatus() : core::InvalidField(key, "must be true or false");
  }
  if (!v.is_string()) return core::InvalidField(key, "must be a string");
  std::string_view text(v.get_string());
  if (text.size() > kMaxConfigValueBytes) {
    return core::InvalidField(key, core::StrCat("must be at most ", kMaxConfigValueBytes, " bytes"));
  }
  if (field.type == "enum" && std::find(field.allowed.begin(), field.allowed.end(), text) == field.allowed.end()) {
    return core::InvalidField(key, core::StrCat("must be one of ", core::Join(field.allowed, ", ")));
  }
  if (!field.secret() && core::HasUrlUserInfo(text)) {
    return core::InvalidField(key, "must not hold credentials in a URL (user:password@); it is stored in "
                                   "plain text");
  }
  if (field.type == "url" && !text.empty() && !IsHttpUrl(text)) {
    return core::InvalidField(key, "must be an absolute http(s) URL");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckConfigFields(const ConnectorDescription& d, const boost::json::object& config) {
  if (config.size() > kMaxConfigKeys) {
    return core::InvalidField("config", core::StrCat("must have at most ", kMaxConfigKeys, " keys"));
  }
  std::map<const FieldSpec*, std::string_view> seen;
  for (const auto& [key, value] : config) {
    const FieldSpec* field = d.FindField(key);
    if (field == nullptr) {
      return core::InvalidField(key, core::StrCat("is not a setting of ", d.id, "; known: ", KnownKeys(d)));
    }
    if (auto [it, fresh] = seen.emplace(field, key); !fresh) {
      return core::InvalidField(key, core::StrCat("names the same setting as ", it->second));
    }
    if (!value.is_null()) {
      absl::Status ok = CheckValue(*field, key, value);
      if (!ok.ok()) return ok;
    }
  }
  for (const FieldSpec& field : d.config_fields) {
    if (field.required && FieldValue(field, config).empty()) return core::InvalidField(field.name, "is required");
  }
  return absl::OkStatus();
}

std::string FieldValue(const FieldSpec& field, const boost::json::object& o) {
  auto value_of = [&](std::string_view key) -> std::string {
    const boost::json::value* v = o.if_contains(key);
    if (v == nullptr) return std::string();
    if (v->is_string()) return std::string(v->get_string());
    if (v->is_int64()) return std::to_string(v->get_int64());
    if (v->is_uint64()) return std::to_string(v->get_uint64());
    if (v->is_bool()) return std::string(v->get_bool() ? "true" : "false");
    return std::string();
  };
  if (std::string v = value_of(field.name); !v.empty()) return v;
  for (const std::string& alias : field.aliases) {
    if (std::string v = value_of(alias); !v.empty()) return v;
  }
  return "";
}

std::string FieldValue(const ConnectorDescription& d, std::string_view name, const boost::json::object& o) {
  const FieldSpec* field = d.FindField(name);
  return field == nullptr ? std::string() : FieldValue(*field, o);
}

std::vector<std::string> BaseUrlAliases() { return {"base_url", "siteUrl", "site_url"}; }
std::vector<std::string> EmailAliases() { return {"api_email", "username"}; }
std::vector<std::string> ApiKeyAliases() { return {"api_key", "apiToken", "api_token", "token", "password"}; }

}  // namespace ucf::connectors
