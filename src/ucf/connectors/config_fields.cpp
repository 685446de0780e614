#include "ucf/connectors/config_fields.hpp"

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

absl::Status CheckValue(const FieldSpec& field, std::string_view key, const boost::json::value& v) {
  if (!v.is_string()) return core::InvalidField(key, "must be a string");
  std::string_view text(v.get_string());
  if (text.size() > kMaxConfigValueBytes) {
    return core::InvalidField(key, core::StrCat("must be at most ", kMaxConfigValueBytes, " bytes"));
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
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
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
