#pragma once
// AccessTokenProvider over TokenRefresher (single-flight, advisory-locked refresh).

#include "ucf/connections/token_refresher.hpp"
#include "ucf/connections/access_token_provider.hpp"

namespace ucf::connections {

class RefresherTokenProvider final : public AccessTokenProvider {
 public:
  explicit RefresherTokenProvider(TokenRefresher& refresher) : refresher_(refresher) {}

  absl::StatusOr<std::string> Current(std::string_view tenant_id,
                                      std::string_view connection_id) override {
    auto token = refresher_.GetFreshAccessToken(tenant_id, connection_id);
    if (!token.ok()) return token.status();
    return std::move(token->access_token);
  }
  absl::StatusOr<std::string> AfterRejected(std::string_view tenant_id,
                                            std::string_view connection_id,
                                            std::string_view rejected) override {
    auto token = refresher_.ForceRefresh(tenant_id, connection_id, rejected);
    if (!token.ok()) return token.status();
    return std::move(token->access_token);
  }

 private:
  TokenRefresher& refresher_;
};

}  // namespace ucf::connections
