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
  return regex->FullMatch(value);
}

std::optional<std::string> UrlParamSpec::Compile() {
  absl::StatusOr<core::LinearPattern> compiled = core::LinearPattern::Compile(pattern);
  if (!compiled.ok()) return std::string(compiled.status().message());
  regex = std::make_shared<const core::LinearPattern>(*std::move(compiled));
  return std::nullopt;
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
