#include "ucf/crypto/hmac.hpp"

#include <gtest/gtest.h>

#include "ucf/core/strings.hpp"

namespace ucf::crypto {
namespace {

TEST(HmacTest, Rfc4231TestCase2) {
  EXPECT_EQ(core::HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
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
