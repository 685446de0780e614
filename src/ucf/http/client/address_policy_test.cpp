#include "ucf/http/client/address_policy.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include <cstring>

namespace ucf::http {
namespace {

TEST(AddressPolicyTest, RefusesNonPublicRanges) {
  const char* refused[] = {
      "127.0.0.1",
      "127.255.0.9",
      "0.0.0.0",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "100.127.255.255",
      "224.0.0.1",
      "255.255.255.255",
      "198.18.0.1",
      "::",
      "::1",
      "fe80::1",
      "febf::1",
      "fc00::1",
      "fdff:ffff::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "64:ff9b::a9fe:a9fe",
      "2002:7f00:1::",
      "ff02::1",
      "::127.0.0.1",
      "2001:db8::1",
      "fec0::1",
  };
  for (const char* ip : refused) EXPECT_EQ(IsRefusedAddress(ip), true) << ip;
}

TEST(AddressPolicyTest, AllowsPublicAddresses) {
  const char* allowed[] = {
      "8.8.8.8",        "1.1.1.1",          "172.15.255.255", "172.32.0.1",      "100.63.255.255",
      "100.128.0.1",    "192.169.0.1",      "13.32.0.1",      "2606:4700::1111", "2a00:1450::200e",
      "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::"};
  for (const char* ip : allowed) EXPECT_EQ(IsRefusedAddress(ip), false) << ip;
}

TEST(AddressPolicyTest, NonLiteralsAreNotJudged) {
  EXPECT_FALSE(IsRefusedAddress("localhost").has_value());
  EXPECT_FALSE(IsRefusedAddress("").has_value());
  EXPECT_FALSE(IsRefusedAddress("1.2.3").has_value());
}

TEST(AddressPolicyTest, SockaddrForms) {
  sockaddr_in v4{};
  v4.sin_family = AF_INET;
  inet_pton(AF_INET, "10.0.0.5", &v4.sin_addr);
  EXPECT_TRUE(IsRefusedAddress(reinterpret_cast<sockaddr*>(&v4), sizeof v4));
  inet_pton(AF_INET, "93.184.216.34", &v4.sin_addr);
  EXPECT_FALSE(IsRefusedAddress(reinterpret_cast<sockaddr*>(&v4), sizeof v4));
  EXPECT_TRUE(IsRefusedAddress(reinterpret_cast<sockaddr*>(&v4), 4));  // truncated

  sockaddr_in6 v6{};
  v6.sin6_family = AF_INET6;
  inet_pton(AF_INET6, "::1", &v6.sin6_addr);
  EXPECT_TRUE(IsRefusedAddress(reinterpret_cast<sockaddr*>(&v6), sizeof v6));
  inet_pton(AF_INET6, "2606:4700::1111", &v6.sin6_addr);
  EXPECT_FALSE(IsRefusedAddress(reinterpret_cast<sockaddr*>(&v6), sizeof v6));

  sockaddr unix_like{};
  unix_like.sa_family = AF_UNIX;
  EXPECT_TRUE(IsRefusedAddress(&unix_like, sizeof unix_like));
  EXPECT_TRUE(IsRefusedAddress(nullptr, 0));
}

}  // namespace
}  // namespace ucf::http
