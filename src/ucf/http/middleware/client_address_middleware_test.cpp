#include "ucf/http/middleware/client_address_middleware.hpp"

#include <gtest/gtest.h>

namespace ucf::http {
namespace {

std::vector<config::IpNetwork> Proxies(std::string_view list) {
  return config::ParseIpNetworkList(list).value();
}

Headers Forwarded(std::initializer_list<std::string_view> values) {
  Headers h;
  h.Add("Host", "ucf.example.com");
  for (std::string_view v : values) h.Add("X-Forwarded-For", v);
  return h;
}

TEST(ClientAddressTest, AnUntrustedPeersForwardedForIsIgnored) {
  auto proxies = Proxies("10.0.0.1");
  EXPECT_EQ(ClientAddress("192.0.2.5", Forwarded({"198.51.100.1"}), proxies), "192.0.2.5");
  EXPECT_EQ(ClientAddress("192.0.2.5", Forwarded({"198.51.100.1"}), {}), "192.0.2.5");
  EXPECT_EQ(ClientAddress("::ffff:192.0.2.5", Forwarded({}), {}), "192.0.2.5") << "normalised";
}

TEST(ClientAddressTest, ATrustedProxyNamesTheRightmostAddressThatIsNotAProxy) {
  auto proxies = Proxies("10.0.0.0/24, fd00::/8");
  // What the client wrote itself (the left part) is never believed.
  EXPECT_EQ(ClientAddress("10.0.0.1", Forwarded({"1.1.1.1, 198.51.100.7"}), proxies), "198.51.100.7");
  EXPECT_EQ(ClientAddress("10.0.0.1", Forwarded({"1.1.1.1, 198.51.100.7, 10.0.0.2"}), proxies),
            "198.51.100.7");
  // Several fields are one list, in order.
  EXPECT_EQ(ClientAddress("10.0.0.1", Forwarded({"1.1.1.1", "198.51.100.8", "10.0.0.3"}), proxies),
            "198.51.100.8");
  EXPECT_EQ(ClientAddress("::ffff:10.0.0.1", Forwarded({"2001:DB8::7"}), proxies), "2001:db8::7");
  EXPECT_EQ(ClientAddress("fd00::1", Forwarded({"[2001:db8::9]:4431"}), proxies), "2001:db8::9");
  EXPECT_EQ(ClientAddress("10.0.0.1", Forwarded({"198.51.100.9:5050"}), proxies), "198.51.100.9");
  // Garbage to the left of the client's entry does not matter.
  EXPECT_EQ(ClientAddress("10.0.0.1", Forwarded({"not an address, 198.51.100.10"}), proxies),
            "198.51.100.10");
  // Only proxies in the chain: the first of them.
  EXPECT_EQ(ClientAddress("10.0.0.1", Forwarded({"10.0.0.5, 10.0.0.2"}), proxies), "10.0.0.5");
}

TEST(ClientAddressTest, MalformedOrUnboundedChainsLeaveThePeer) {
  auto proxies = Proxies("10.0.0.1");
  EXPECT_EQ(ClientAddress("10.0.0.1", Forwarded({}), proxies), "10.0.0.1");
  EXPECT_EQ(ClientAddress("10.0.0.1", Forwarded({"unknown"}), proxies), "10.0.0.1");
  EXPECT_EQ(ClientAddress("10.0.0.1", Forwarded({"198.51.100.1, "}), proxies), "10.0.0.1");
  EXPECT_EQ(ClientAddress("10.0.0.1", Forwarded({"_hidden"}), proxies), "10.0.0.1");
  EXPECT_EQ(ClientAddress("10.0.0.1", Forwarded({std::string(5000, '1')}), proxies), "10.0.0.1");
  std::string chain = "198.51.100.1";
  for (int i = 0; i < kMaxForwardedHops; ++i) chain += ", 10.0.0.1";
  EXPECT_EQ(ClientAddress("10.0.0.1", Forwarded({chain}), proxies), "10.0.0.1") << "too many hops";
  // A long chain is fine as long as the client shows within the bound.
  std::string spoofed;
  for (int i = 0; i < 1000; ++i) spoofed += "203.0.113.1, ";
  EXPECT_EQ(ClientAddress("10.0.0.1", Forwarded({spoofed + "198.51.100.2"}), proxies), "198.51.100.2");
}

TEST(ClientAddressTest, TheMiddlewareSetsTheContextInBothPhases) {
  ClientAddressMiddleware middleware(Proxies("10.0.0.1"));
  Request head;
  head.headers = Forwarded({"198.51.100.3"});
  head.context.client_address = "10.0.0.1";
  EXPECT_FALSE(middleware.Screen(head).has_value());
  EXPECT_EQ(head.context.client_address, "198.51.100.3");
  Request request;
  request.headers = Forwarded({"198.51.100.4"});
  request.context.client_address = "10.0.0.1";
  std::string seen;
  middleware.Handle(request, [&](Request& r) {
    seen = r.context.client_address;
    return Response{};
  });
  EXPECT_EQ(seen, "198.51.100.4");
}

}  // namespace
}  // namespace ucf::http
