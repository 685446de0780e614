// GCC 12 reports a false -Wmaybe-uninitialized inside <regex>'s compiler (std::function members)
// when built with -fsanitize; the pragma must precede the header that instantiates it.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "ucf/catalog/provider_spec.hpp"

#include <algorithm>

namespace ucf::catalog {

std::string_view ClientAuthName(ClientAuth auth) {
  return auth == ClientAuth::kBasic ? "basic" : "post";
}

std::string_view TokenRequestFormatName(TokenRequestFormat format) {
  return format == TokenRequestFormat::kForm ? "form" : "json";
}

bool UrlParamSpec::Matches(std::string_view value) const {
  if (regex == nullptr) return false;  // never loaded: refuse rather than accept anything
  return std::regex_match(value.begin(), value.end(), *regex);
}

std::optional<std::string> UrlParamSpec::Compile() {
  try {
    regex = std::make_shared<const std::regex>(pattern, std::regex::ECMAScript);
    return std::nullopt;
  } catch (const std::regex_error& e) {
    return std::string(e.what());
  }
}

bool ProviderSpec::SupportsAuthMethod(std::string_view method) const {
  return std::find(auth_methods.begin(), auth_methods.end(), method) != auth_methods.end();
}

const UrlParamSpec* ProviderSpec::FindUrlParam(std::string_view name) const {
  for (const UrlParamSpec& p : url_params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace ucf::catalog
