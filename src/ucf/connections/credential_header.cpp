#include "ucf/connections/credential_header.hpp"

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connections {
namespace {

std::string Base64(std::string_view bytes) {
  // Standard alphabet with padding, as RFC 7617 wants for Basic credentials.
  std::string out = core::Base64UrlEncode(bytes, /*pad=*/true);
  for (char& c : out) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  return out;
}

constexpr std::string_view kBearer = "Bearer ";

}  // namespace

absl::StatusOr<std::string> CredentialHeader::Current() const {
  using Kind = ApiCredentials::Kind;
  switch (credentials_.kind) {
    case Kind::kBasic:
      return core::StrCat("Basic ", Base64(core::StrCat(credentials_.user, ":", credentials_.secret)));
    case Kind::kBearerStatic:
      return core::StrCat(kBearer, credentials_.secret);
    case Kind::kBearerFromProvider:
      break;
  }
  if (tokens_ == nullptr) return absl::InternalError("no token provider for an oauth2 connection");
  UCF_ASSIGN_OR_RETURN(std::string token, tokens_->Current(tenant_id_, connection_id_));
  return core::StrCat(kBearer, token);
}

absl::StatusOr<std::string> CredentialHeader::AfterRejected(std::string_view rejected) const {
  if (!Refreshable() || tokens_ == nullptr) return Current();
  if (rejected.starts_with(kBearer)) rejected.remove_prefix(kBearer.size());
  UCF_ASSIGN_OR_RETURN(std::string fresh, tokens_->AfterRejected(tenant_id_, connection_id_, rejected));
  return core::StrCat(kBearer, fresh);
}

}  // namespace ucf::connections
