#include "ucf/crypto/hmac.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "ucf/core/strings.hpp"

namespace ucf::crypto {
namespace {

TEST(HmacTest, Rfc4231TestCase2) {
  EXPECT_EQ(core::HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HmacTest, PreparedKeyMatchesOneShotAndIsReusableAcrossThreads) {
  // RFC 4231 test case 6: a key longer than the block size (131 bytes of 0xaa).
  const std::string long_key(131, '\xaa');
  const std::string msg = "Test Using Larger Than Block-Size Key - Hash Key First";
  const std::string want = "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54";
  HmacSha256Key key(long_key);
  auto hex = [](const HmacSha256Key::Mac& m) {
    return core::HexEncode(std::string_view(reinterpret_cast<const char*>(m.data()), m.size()));
  };
  EXPECT_EQ(core::HexEncode(HmacSha256(long_key, msg)), want);
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (hex(key.Sign(msg)) != want) ++wrong;
        if (hex(key.Sign("what do ya want for nothing?")) == want) ++wrong;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
  HmacSha256Key copy = key;
  EXPECT_EQ(hex(copy.Sign(msg)), want);
  EXPECT_EQ(hex(HmacSha256Key("Jefe").Sign("what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HmacTest, Sha256OfAbc) {
  EXPECT_EQ(core::HexEncode(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(HmacTest, ConstantTimeEqualsComparesBytesAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

}  // namespace
}  // namespace ucf::crypto
