#include "ucf/config/ip_network.hpp"

#include <arpa/inet.h>

#include <cstring>

#include "ucf/core/strings.hpp"

namespace ucf::config {
namespace {

constexpr size_t kMaxAddressChars = 45;  // the longest IPv6 text form (with embedded IPv4)

}  // namespace

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  if (text.empty() || text.size() > kMaxAddressChars) return std::nullopt;
  char buffer[kMaxAddressChars + 1];
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  IpAddress out;
  if (text.find(':') == std::string_view::npos) {
    if (inet_pton(AF_INET, buffer, out.bytes.data()) != 1) return std::nullopt;
    return out;
  }
  if (inet_pton(AF_INET6, buffer, out.bytes.data()) != 1) return std::nullopt;
  static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(out.bytes.data(), kMapped, sizeof kMapped) == 0) {
    IpAddress v4;
    std::memcpy(v4.bytes.data(), out.bytes.data() + 12, 4);
    return v4;
  }
  out.v6 = true;
  return out;
}

std::string IpAddress::ToString() const {
  char buffer[INET6_ADDRSTRLEN];
  if (inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buffer, sizeof buffer) == nullptr) return {};
  return buffer;
}

absl::StatusOr<IpNetwork> IpNetwork::Parse(std::string_view text) {
  std::string_view trimmed = core::Trim(text);
  size_t slash = trimmed.find('/');
  std::optional<IpAddress> address = IpAddress::Parse(trimmed.substr(0, slash));
  if (!address) {
    return absl::InvalidArgumentError(core::StrCat(
        "expected IP addresses or CIDR networks such as 10.0.0.0/8 or fd00::/8 (got '",
        trimmed.substr(0, 64), "')"));
  }
  int max_prefix = address->v6 ? 128 : 32;
  int prefix = max_prefix;
  if (slash != std::string_view::npos) {
    std::string_view digits = trimmed.substr(slash + 1);
    std::optional<std::int64_t> n =
        digits.size() <= 3 ? core::ParseInt64(digits) : std::optional<std::int64_t>();
    if (!n || *n < 0 || *n > max_prefix) {
      return absl::InvalidArgumentError(core::StrCat("prefix length must be 0 to ", max_prefix,
                                                     " (got '", trimmed.substr(0, 64), "')"));
    }
    prefix = static_cast<int>(*n);
  }
  IpNetwork network;
  network.base_ = *address;
  network.prefix_ = prefix;
  for (int bit = prefix; bit < max_prefix; ++bit) {
    network.base_.bytes[bit / 8] &= static_cast<std::uint8_t>(~(0x80u >> (bit % 8)));
  }
  return network;
}

bool IpNetwork::Contains(const IpAddress& address) const {
  if (address.v6 != base_.v6) return false;
  int full = prefix_ / 8;
  if (std::memcmp(address.bytes.data(), base_.bytes.data(), full) != 0) return false;
  int rest = prefix_ % 8;
  if (rest == 0) return true;
  std::uint8_t mask = static_cast<std::uint8_t>(0xffu << (8 - rest));
  return (address.bytes[full] & mask) == base_.bytes[full];
}

std::string IpNetwork::ToString() const { return core::StrCat(base_.ToString(), "/", prefix_); }

absl::StatusOr<std::vector<IpNetwork>> ParseIpNetworkList(std::string_view text) {
  std::vector<IpNetwork> out;
  for (std::string_view part : core::Split(text, ',')) {
    if (core::Trim(part).empty()) continue;
    absl::StatusOr<IpNetwork> network = IpNetwork::Parse(part);
    if (!network.ok()) return network.status();
    out.push_back(*network);
  }
  return out;
}

bool AnyContains(const std::vector<IpNetwork>& networks, const IpAddress& address) {
  for (const IpNetwork& n : networks) {
    if (n.Contains(address)) return true;
  }
  return false;
}

}  // namespace ucf::config
