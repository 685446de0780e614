#pragma once
// CredentialHeader: the Authorization value a connection's provider calls carry — the one place
// that turns ApiCredentials into a header (ConnectionApiClient and the passthrough proxy use it).
//   kBearerFromProvider  "Bearer <AccessTokenProvider::Current>" (refreshed before expiry), and after
//                        a 401 "Bearer <AfterRejected>" (one forced, single-flight refresh)
//   kBasic               "Basic base64(user:secret)"      kBearerStatic  "Bearer <secret>"
// SECRET results. Not shared between threads.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/connections/access_token_provider.hpp"

namespace ucf::connections {

struct ApiCredentials {
  enum class Kind { kBearerFromProvider, kBasic, kBearerStatic };
  Kind kind = Kind::kBearerFromProvider;
  std::string user;    // kBasic
  std::string secret;  // SECRET: kBasic password/API token, kBearerStatic token
};

class CredentialHeader {
 public:
  // `tokens` must outlive this; it may be null unless kind is kBearerFromProvider.
  CredentialHeader(AccessTokenProvider* tokens, std::string tenant_id, std::string connection_id,
                   ApiCredentials credentials)
      : tokens_(tokens), tenant_id_(std::move(tenant_id)), connection_id_(std::move(connection_id)),
        credentials_(std::move(credentials)) {}

  absl::StatusOr<std::string> Current() const;
  // Whether a 401 is worth one retry with AfterRejected (oauth2 tokens only).
  bool Refreshable() const { return credentials_.kind == ApiCredentials::Kind::kBearerFromProvider; }
  // A fresh value after the provider answered 401 to `rejected` (a value Current returned).
  absl::StatusOr<std::string> AfterRejected(std::string_view rejected) const;

 private:
  AccessTokenProvider* tokens_;
  std::string tenant_id_;
  std::string connection_id_;
  ApiCredentials credentials_;
};

}  // namespace ucf::connections
