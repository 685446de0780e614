#include "ucf/config/ip_network.hpp"

#include <gtest/gtest.h>

namespace ucf::config {
namespace {

IpAddress Ip(std::string_view text) {
  auto parsed = IpAddress::Parse(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(IpAddress{});
}

TEST(IpNetworkTest, AddressesParseAndPrintCanonically) {
  EXPECT_EQ(Ip("10.0.0.1").ToString(), "10.0.0.1");
  EXPECT_EQ(Ip("2001:DB8:0:0::1").ToString(), "2001:db8::1");
  EXPECT_EQ(Ip("::ffff:192.0.2.7"), Ip("192.0.2.7")) << "IPv4-mapped IPv6 is the IPv4 address";
  for (std::string_view bad : {"", "10.0.0", "10.0.0.256", "host.example", "1.2.3.4:80", "[::1]",
                               "fe80::1%eth0", " 10.0.0.1", "::1::2"}) {
    EXPECT_FALSE(IpAddress::Parse(bad).has_value()) << bad;
  }
  EXPECT_FALSE(IpAddress::Parse(std::string(100, '1')).has_value());
}

TEST(IpNetworkTest, NetworksContainTheirAddressesOnly) {
  IpNetwork v4 = IpNetwork::Parse("10.1.2.3/15").value();
  EXPECT_EQ(v4.ToString(), "10.0.0.0/15");
  EXPECT_TRUE(v4.Contains(Ip("10.1.255.255")));
  EXPECT_FALSE(v4.Contains(Ip("10.2.0.0")));
  EXPECT_FALSE(v4.Contains(Ip("::ffff:10.2.0.0")));
  EXPECT_TRUE(v4.Contains(Ip("::ffff:10.0.0.9")));
  EXPECT_FALSE(v4.Contains(Ip("::a01:203"))) << "an IPv6 address is never in an IPv4 network";
  IpNetwork host = IpNetwork::Parse(" 192.0.2.1 ").value();
  EXPECT_TRUE(host.Contains(Ip("192.0.2.1")));
  EXPECT_FALSE(host.Contains(Ip("192.0.2.2")));
  IpNetwork v6 = IpNetwork::Parse("fd00::/8").value();
  EXPECT_TRUE(v6.Contains(Ip("fdab::1")));
  EXPECT_FALSE(v6.Contains(Ip("fe00::1")));
  EXPECT_TRUE(IpNetwork::Parse("::/0").value().Contains(Ip("2001:db8::1")));
  EXPECT_TRUE(IpNetwork::Parse("0.0.0.0/0").value().Contains(Ip("203.0.113.9")));
}

TEST(IpNetworkTest, ListsRefuseAnythingButAddressesAndPrefixes) {
  auto list = ParseIpNetworkList("10.0.0.0/8, ::1 ,,192.0.2.10").value();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_TRUE(AnyContains(list, Ip("::1")));
  EXPECT_TRUE(AnyContains(list, Ip("192.0.2.10")));
  EXPECT_FALSE(AnyContains(list, Ip("192.0.2.11")));
  EXPECT_TRUE(ParseIpNetworkList("").value().empty());
  for (std::string_view bad : {"proxy.internal", "10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/-1",
                               "10.0.0.0/8/8", "10.0.0.1, nope"}) {
    EXPECT_FALSE(ParseIpNetworkList(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace ucf::config
