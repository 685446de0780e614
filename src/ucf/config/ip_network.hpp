#pragma once
// IP addresses and networks as configuration values (UCF_TRUSTED_PROXIES): "10.0.0.1",
// "10.0.0.0/8", "::1", "fd00::/8". An IPv4-mapped IPv6 address (::ffff:10.0.0.1, what a dual-stack
// socket reports for an IPv4 peer) is the IPv4 address. Parsing is linear and allocation-free on
// the input; it never accepts host names, ports or zone ids.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace ucf::config {

struct IpAddress {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};  // IPv4 uses the first 4

  // nullopt unless `text` is a literal IPv4 or IPv6 address (at most 45 characters).
  static std::optional<IpAddress> Parse(std::string_view text);
  std::string ToString() const;
  bool operator==(const IpAddress&) const = default;
};

class IpNetwork {
 public:
  // "address" or "address/prefix"; InvalidArgument saying what is expected (without a name).
  static absl::StatusOr<IpNetwork> Parse(std::string_view text);
  bool Contains(const IpAddress& address) const;
  std::string ToString() const;

 private:
  IpAddress base_;  // host bits cleared
  int prefix_ = 0;
};

// A comma-separated list of networks (blanks ignored; empty → none).
absl::StatusOr<std::vector<IpNetwork>> ParseIpNetworkList(std::string_view text);

// True when `address` lies in any of `networks`.
bool AnyContains(const std::vector<IpNetwork>& networks, const IpAddress& address);

}  // namespace ucf::config
