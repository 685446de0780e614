#pragma once
// Who the client is (DESIGN.md §4): the TCP peer, unless the peer is a trusted proxy
// (UCF_TRUSTED_PROXIES), in which case X-Forwarded-For names it. The address lands in
// request.context.client_address, which the login throttle, the access log and audit entries use.
//
// X-Forwarded-For (all its fields, in order) is read from the right: each proxy appends the
// address it received the request from, so the rightmost entry that is not itself a trusted proxy
// is the client; entries further left were written by the client and are never looked at. At most
// kMaxHops entries of at most kMaxEntryChars are examined; a malformed or over-long chain, or no
// header, leaves the peer. An untrusted peer's X-Forwarded-For is ignored. Addresses are
// normalised (IPv4-mapped IPv6 → IPv4, canonical IPv6 text), so one client is one key.

#include <string>
#include <string_view>
#include <vector>

#include "ucf/config/ip_network.hpp"
#include "ucf/http/headers.hpp"
#include "ucf/http/middleware/middleware.hpp"

namespace ucf::http {

inline constexpr int kMaxForwardedHops = 16;
inline constexpr std::size_t kMaxForwardedEntryChars = 64;

// The client address of a request from `peer` carrying `headers` (see above).
std::string ClientAddress(std::string_view peer, const Headers& headers,
                          const std::vector<config::IpNetwork>& trusted_proxies);

class ClientAddressMiddleware final : public Middleware {
 public:
  explicit ClientAddressMiddleware(std::vector<config::IpNetwork> trusted_proxies)
      : trusted_proxies_(std::move(trusted_proxies)) {}

  // Both phases set context.client_address (the server fills it with the peer).
  std::optional<Response> Screen(Request& head) const override;
  Response Handle(Request& request, Next next) const override;

 private:
  const std::vector<config::IpNetwork> trusted_proxies_;
};

}  // namespace ucf::http
