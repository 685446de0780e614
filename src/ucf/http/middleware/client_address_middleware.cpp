#include "ucf/http/middleware/client_address_middleware.hpp"

#include <optional>

#include "ucf/core/strings.hpp"

namespace ucf::http {
namespace {

using config::IpAddress;

// One X-Forwarded-For entry: "1.2.3.4", "1.2.3.4:5678", "2001:db8::1", "[2001:db8::1]:443".
std::optional<IpAddress> ParseEntry(std::string_view entry) {
  entry = core::Trim(entry);
  if (entry.size() > kMaxForwardedEntryChars) return std::nullopt;
  if (entry.starts_with('[')) {
    size_t close = entry.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view after = entry.substr(close + 1);
    if (!after.empty() && !after.starts_with(':')) return std::nullopt;
    return IpAddress::Parse(entry.substr(1, close - 1));
  }
  size_t colon = entry.find(':');
  if (colon != std::string_view::npos && entry.find(':', colon + 1) == std::string_view::npos) {
    entry = entry.substr(0, colon);  // IPv4 with a port
  }
  return IpAddress::Parse(entry);
}

// The X-Forwarded-For entries from the right (last field first), or nullopt when the chain is
// malformed or longer than kMaxForwardedHops before a client shows.
std::optional<std::string> FromForwardedFor(const Headers& headers,
                                            const std::vector<config::IpNetwork>& proxies) {
  const auto& fields = headers.fields();
  int hops = 0;
  std::optional<IpAddress> leftmost;
  for (auto field = fields.rbegin(); field != fields.rend(); ++field) {
    if (!core::EqualsIgnoreCase(field->first, "X-Forwarded-For")) continue;
    std::string_view rest = field->second;
    for (bool more = true; more;) {
      size_t comma = rest.rfind(',');
      more = comma != std::string_view::npos;
      std::string_view entry = more ? rest.substr(comma + 1) : rest;
      rest = more ? rest.substr(0, comma) : std::string_view();
      if (++hops > kMaxForwardedHops) return std::nullopt;
      std::optional<IpAddress> address = ParseEntry(entry);
      if (!address) return std::nullopt;
      if (!config::AnyContains(proxies, *address)) return address->ToString();
      leftmost = address;
    }
  }
  // Only proxies: the first of them is as close to the client as anyone can tell.
  if (leftmost) return leftmost->ToString();
  return std::nullopt;
}

}  // namespace

std::string ClientAddress(std::string_view peer, const Headers& headers,
                          const std::vector<config::IpNetwork>& trusted_proxies) {
  std::optional<IpAddress> peer_address = IpAddress::Parse(peer);
  if (!peer_address) return std::string(peer);
  if (!trusted_proxies.empty() && config::AnyContains(trusted_proxies, *peer_address)) {
    if (std::optional<std::string> client = FromForwardedFor(headers, trusted_proxies)) {
      return *client;
    }
  }
  return peer_address->ToString();
}

std::optional<Response> ClientAddressMiddleware::Screen(Request& head) const {
  head.context.client_address = ClientAddress(head.context.client_address, head.headers, trusted_proxies_);
  return std::nullopt;
}

Response ClientAddressMiddleware::Handle(Request& request, Next next) const {
  request.context.client_address =
      ClientAddress(request.context.client_address, request.headers, trusted_proxies_);
  return next(request);
}

}  // namespace ucf::http
