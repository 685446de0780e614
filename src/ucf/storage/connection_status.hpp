#pragma once
// The lifecycle state of a connection, stored as text.

#include <optional>
#include <string_view>

namespace ucf::storage {

enum class ConnectionStatus { kPending, kConnected, kNeedsReauth, kRevoked, kError };

// "pending", "connected", "needs_reauth", "revoked", "error".
constexpr std::string_view ConnectionStatusName(ConnectionStatus status) {
  switch (status) {
    case ConnectionStatus::kPending:
      return "pending";
    case ConnectionStatus::kConnected:
      return "connected";
    case ConnectionStatus::kNeedsReauth:
      return "needs_reauth";
    case ConnectionStatus::kRevoked:
      return "revoked";
    case ConnectionStatus::kError:
      return "error";
  }
  return "error";
}

// Every status, in the order of the enum.
inline constexpr ConnectionStatus kAllConnectionStatuses[] = {
    ConnectionStatus::kPending, ConnectionStatus::kConnected, ConnectionStatus::kNeedsReauth,
    ConnectionStatus::kRevoked, ConnectionStatus::kError};

// The status named `name`, or nullopt for an unknown name.
constexpr std::optional<ConnectionStatus> ParseConnectionStatus(std::string_view name) {
  for (ConnectionStatus s : kAllConnectionStatuses) {
    if (ConnectionStatusName(s) == name) return s;
  }
  return std::nullopt;
}

}  // namespace ucf::storage
