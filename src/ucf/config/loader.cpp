#include "ucf/config/loader.hpp"

#include "ucf/core/strings.hpp"

#include <algorithm>

#include "ucf/config/options.hpp"

namespace ucf::config {
namespace {

absl::Status Named(std::string_view name, const absl::Status& status) {
  return absl::InvalidArgumentError(core::StrCat(name, ": ", status.message()));
}

absl::Status ValidateWhole(const Config& c) {
  bool wildcard = std::find(c.cors.allow_origins.begin(), c.cors.allow_origins.end(), "*") !=
                  c.cors.allow_origins.end();
  if (wildcard && c.cors.allow_credentials) {
    return absl::InvalidArgumentError(
        "CORS_ALLOW_ORIGINS: '*' cannot be combined with CORS_ALLOW_CREDENTIALS=true; list the "
        "origins explicitly");
  }
  if (c.env == Environment::kProduction && c.public_url.empty()) {
    return absl::InvalidArgumentError(
        "UCF_PUBLIC_URL: required when UCF_ENV=production (redirect and callback URLs are never "
        "built from the request's Host header)");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Config> LoadConfig(const EnvSource& source) {
  Config config;
  for (const OptionSpec& option : Options()) {
    std::optional<std::string> value = source.Get(option.name);
    std::string chosen = value ? *value : std::string(option.default_text);
    absl::Status status = option.apply(config, chosen);
    if (!status.ok()) {
      if (option.secret) {
        return absl::InvalidArgumentError(
            core::StrCat(option.name, ": invalid value (", option.help, ")"));
      }
      return Named(option.name, status);
    }
  }
  if (absl::Status s = ValidateWhole(config); !s.ok()) return s;
  return config;
}

std::string LocalPublicUrl(std::string_view listen_host, int port) {
  std::string host(listen_host);
  if (host == "0.0.0.0" || host.empty()) host = "127.0.0.1";
  if (host == "::" || host == "[::]") host = "::1";
  if (host.find(':') != std::string::npos && host.front() != '[') host = core::StrCat("[", host, "]");
  return core::StrCat("http://", host, ":", port);
}

}  // namespace ucf::config
