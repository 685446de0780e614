#include "ucf/connections/status_transitions.hpp"

#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connections {
namespace {

using storage::ConnectionStatus;

absl::Status Unusable(const storage::ConnectionRecord& c, std::string_view reason,
                      std::string_view what) {
  return core::WithDetails(
      absl::FailedPreconditionError(core::StrCat("connection ", c.id, " ", what)),
      {{"reason", std::string(reason)}, {"connectionId", c.id}});
}

}  // namespace

ConnectionStatus StatusAfter(ConnectionStatus from, ConnectionEvent event) {
  switch (event) {
    case ConnectionEvent::kCreated:
    case ConnectionEvent::kSiteChoiceRequired:
      return ConnectionStatus::kPending;
    case ConnectionEvent::kCredentialsVerified:
    case ConnectionEvent::kAuthorized:
      return ConnectionStatus::kConnected;
    case ConnectionEvent::kSiteChosen:
      return from == ConnectionStatus::kRevoked || from == ConnectionStatus::kNeedsReauth
                 ? from
                 : ConnectionStatus::kConnected;
    case ConnectionEvent::kSiteChanged:
      return from == ConnectionStatus::kRevoked ? from : ConnectionStatus::kPending;
    case ConnectionEvent::kCredentialsRejected:
      return from == ConnectionStatus::kConnected ? ConnectionStatus::kError : from;
    case ConnectionEvent::kRefreshRejected:
    case ConnectionEvent::kProviderRejected:
      return from == ConnectionStatus::kRevoked ? from : ConnectionStatus::kNeedsReauth;
    case ConnectionEvent::kRevoked:
      return ConnectionStatus::kRevoked;
  }
  return from;
}

absl::Status CheckUsable(const storage::ConnectionRecord& c) {
  switch (c.status) {
    case ConnectionStatus::kRevoked:
      return Unusable(c, "revoked", "was revoked; connect it again");
    case ConnectionStatus::kNeedsReauth:
      return Unusable(c, "needs_reauth", "needs to be reconnected; reconnect it");
    case ConnectionStatus::kPending:
      return Unusable(c, "not_connected",
                      "has no verified credentials yet; complete the connect flow or validate it");
    case ConnectionStatus::kConnected:
    case ConnectionStatus::kError:
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

}  // namespace ucf::connections
