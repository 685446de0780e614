#include "ucf/http/client/address_policy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <string>

namespace ucf::http {
namespace {

struct V4Range {
  std::uint32_t network;
  int prefix;
};

constexpr std::uint32_t Ip(int a, int b, int c, int d) {
  return (std::uint32_t(a) << 24) | (std::uint32_t(b) << 16) | (std::uint32_t(c) << 8) |
         std::uint32_t(d);
}

constexpr std::array<V4Range, 15> kRefusedV4 = {{
    {Ip(0, 0, 0, 0), 8},
    {Ip(10, 0, 0, 0), 8},
    {Ip(100, 64, 0, 0), 10},
    {Ip(127, 0, 0, 0), 8},
    {Ip(169, 254, 0, 0), 16},
    {Ip(172, 16, 0, 0), 12},
    {Ip(192, 0, 0, 0), 24},
    {Ip(192, 0, 2, 0), 24},
    {Ip(192, 168, 0, 0), 16},
    {Ip(198, 18, 0, 0), 15},
    {Ip(198, 51, 100, 0), 24},
    {Ip(203, 0, 113, 0), 24},
    {Ip(224, 0, 0, 0), 4},
    {Ip(240, 0, 0, 0), 4},
    {Ip(255, 255, 255, 255), 32},
}};

bool IsRefusedV4(std::uint32_t ip) {
  for (const V4Range& r : kRefusedV4) {
    std::uint32_t mask = r.prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - r.prefix);
    if ((ip & mask) == r.network) return true;
  }
  return false;
}

std::uint32_t V4At(const std::uint8_t* b) {
  return (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) | (std::uint32_t(b[2]) << 8) |
         std::uint32_t(b[3]);
}

bool AllZero(const std::uint8_t* b, int n) {
  for (int i = 0; i < n; ++i) {
    if (b[i] != 0) return false;
  }
  return true;
}

bool IsRefusedV6(const std::uint8_t* b) {
  // ::/96 covers ::, ::1 and the deprecated IPv4-compatible form.
  if (AllZero(b, 12)) return true;
  // ::ffff:a.b.c.d (IPv4-mapped): the kernel connects to the IPv4 address.
  if (AllZero(b, 10) && b[10] == 0xff && b[11] == 0xff) return IsRefusedV4(V4At(b + 12));
  // 64:ff9b::/96 (well-known NAT64 prefix) embeds the IPv4 destination.
  static constexpr std::uint8_t kNat64[12] = {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(b, kNat64, 12) == 0) return IsRefusedV4(V4At(b + 12));
  // 64:ff9b:1::/48 (local-use NAT64).
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0x00 &&
      b[5] == 0x01) {
    return true;
  }
  // 2002::/16 (6to4) embeds the IPv4 address in bytes 2..5.
  if (b[0] == 0x20 && b[1] == 0x02) return IsRefusedV4(V4At(b + 2));
  // 100::/64 (discard-only).
  if (b[0] == 0x01 && b[1] == 0x00 && AllZero(b + 2, 6)) return true;
  // 2001:db8::/32 (documentation).
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return true;
  if ((b[0] & 0xfe) == 0xfc) return true;                  // fc00::/7 unique-local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return true;  // fe80::/10 link-local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return true;  // fec0::/10 site-local
  if (b[0] == 0xff) return true;                           // ff00::/8 multicast
  return false;
}

}  // namespace

bool IsRefusedAddress(const sockaddr* address, socklen_t length) {
  if (address == nullptr) return true;
  if (address->sa_family == AF_INET) {
    if (length < static_cast<socklen_t>(sizeof(sockaddr_in))) return true;
    sockaddr_in v4;
    std::memcpy(&v4, address, sizeof v4);
    return IsRefusedV4(ntohl(v4.sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6) {
    if (length < static_cast<socklen_t>(sizeof(sockaddr_in6))) return true;
    sockaddr_in6 v6;
    std::memcpy(&v6, address, sizeof v6);
    return IsRefusedV6(v6.sin6_addr.s6_addr);
  }
  return true;
}

std::optional<bool> IsRefusedAddress(std::string_view ip) {
  std::string text(ip);
  in_addr v4;
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return IsRefusedV4(ntohl(v4.s_addr));
  in6_addr v6;
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) return IsRefusedV6(v6.s6_addr);
  return std::nullopt;
}

}  // namespace ucf::http
