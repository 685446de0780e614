#pragma once
// A connection's status, in one place: which event moves a connection to which status, and which
// statuses may be used for provider calls. Every status a connection row gets is computed here;
// no other file picks a status by itself.
//
//   event                 from                         to
//   kCreated              (new row)                    pending
//   kCredentialsVerified  any                          connected   (a real provider call accepted them)
//   kAuthorized           any                          connected   (an OAuth code was redeemed)
//   kSiteChoiceRequired   any                          pending     (the account reaches several sites)
//   kSiteChosen           pending, connected, error    connected   (revoked / needs_reauth stay)
//   kSiteChanged          any but revoked              pending     (credentials must be given again)
//   kCredentialsRejected  connected                    error       (others stay: a pending or
//                                                                    needs_reauth row says more)
//   kRefreshRejected      any but revoked              needs_reauth
//   kProviderRejected     any but revoked              needs_reauth (background work, e.g. a sync,
//                                                                    was refused as unauthenticated)
//   kRevoked              any                          revoked
// Pure; thread-safe.

#include "absl/status/status.h"
#include "ucf/storage/connection_record.hpp"
#include "ucf/storage/connection_status.hpp"

namespace ucf::connections {

enum class ConnectionEvent {
  kCreated,
  kCredentialsVerified,
  kAuthorized,
  kSiteChoiceRequired,
  kSiteChosen,
  kSiteChanged,
  kCredentialsRejected,
  kRefreshRejected,
  kProviderRejected,
  kRevoked,
};

// The status after `event` happened to a connection in `from` (the table above).
storage::ConnectionStatus StatusAfter(storage::ConnectionStatus from, ConnectionEvent event);

// OK when `connection` may be used for provider calls (connected or error: an error status is a
// hint, the next call tells). Otherwise FailedPrecondition naming what to do, with
// details {reason: "revoked" | "needs_reauth" | "not_connected", connectionId}.
absl::Status CheckUsable(const storage::ConnectionRecord& connection);

}  // namespace ucf::connections
