#pragma once
// The SSRF address policy: which IP addresses an upstream connection may reach.
//
// Refused unless private networks are allowed (UCF_ALLOW_PRIVATE_UPSTREAMS):
//   IPv4  0.0.0.0/8 (this network, incl. unspecified), 10/8, 100.64/10 (carrier-grade NAT),
//         127/8 (loopback), 169.254/16 (link-local, cloud metadata), 172.16/12, 192.0.0/24,
//         192.0.2/24, 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, 224/4 (multicast),
//         240/4 (reserved, incl. broadcast)
//   IPv6  :: and ::1, ::/96 (IPv4-compatible), 64:ff9b:1::/48, 100::/64, 2001:db8::/32,
//         fc00::/7 (unique-local), fe80::/10 (link-local), fec0::/10 (site-local), ff00::/8
//         (multicast); addresses embedding an IPv4 address (::ffff:0:0/96 mapped, 64:ff9b::/96
//         NAT64, 2002::/16 6to4) are judged by the embedded IPv4 address.
// Pure functions; thread-safe.

#include <sys/socket.h>

#include <optional>
#include <string_view>

namespace ucf::http {

// True when `address` (AF_INET or AF_INET6; `length` bytes) is in a refused range. Any other
// family, or a too-short length, counts as refused.
bool IsRefusedAddress(const sockaddr* address, socklen_t length);

// The same judgement for an IP literal ("10.0.0.1", "::1"); nullopt when `ip` is not one.
std::optional<bool> IsRefusedAddress(std::string_view ip);

}  // namespace ucf::http
