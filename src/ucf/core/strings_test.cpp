#include "ucf/core/strings.hpp"

#include <gtest/gtest.h>

namespace ucf::core {
namespace {

TEST(StringsTest, Basics) {
  EXPECT_EQ(ToLower("AbC"), "abc");
  EXPECT_EQ(Trim("  x y \n"), "x y");
  EXPECT_TRUE(EqualsIgnoreCase("Content-Type", "content-type"));
  EXPECT_EQ(Split("a,,b", ','), (std::vector<std::string_view>{"a", "", "b"}));
  EXPECT_EQ(Split("a, ,b", ',', true), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_EQ(Join({"a", "b"}, ", "), "a, b");
  EXPECT_EQ(ReplaceAll("a\"b\"", "\"", "\\\""), "a\\\"b\\\"");
  EXPECT_EQ(ParseInt64(" 42 "), 42);
  EXPECT_FALSE(ParseInt64("4x").has_value());
  EXPECT_FALSE(ParseInt64("").has_value());
}

TEST(StringsTest, Base64RoundTrips) {
  EXPECT_EQ(Base64Encode("hello?>"), "aGVsbG8/Pg==");
  EXPECT_EQ(Base64UrlEncode("hello?>"), "aGVsbG8_Pg");
  EXPECT_EQ(Base64UrlEncode("hello?>", true), "aGVsbG8_Pg==");
  EXPECT_EQ(Base64UrlDecode("aGVsbG8_Pg==").value(), "hello?>");
  EXPECT_EQ(Base64UrlDecode("aGVsbG8_Pg").value(), "hello?>");
  EXPECT_FALSE(Base64UrlDecode("a+b=").has_value());
  EXPECT_EQ(HexEncode("\x01\xff"), "01ff");
}

}  // namespace
}  // namespace ucf::core

namespace ucf::core {
namespace {

TEST(StringsTest, ValidUtf8ReplacesIllFormedSequencesOnly) {
  EXPECT_EQ(ValidUtf8("plain ascii"), "plain ascii");
  EXPECT_EQ(ValidUtf8("Zo\xC3\xAB \xE2\x82\xAC \xF0\x9F\x98\x80"), "Zo\xC3\xAB \xE2\x82\xAC \xF0\x9F\x98\x80");
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(ValidUtf8("\xC0\xAF"), fffd + fffd);             // overlong '/'
  EXPECT_EQ(ValidUtf8("\xE0\x80\xAF"), fffd + fffd + fffd);  // overlong, 3 bytes
  EXPECT_EQ(ValidUtf8("\xED\xA0\x80"), fffd + fffd + fffd);  // a surrogate
  EXPECT_EQ(ValidUtf8("\xF4\x90\x80\x80"), fffd + fffd + fffd + fffd);  // above U+10FFFF
  EXPECT_EQ(ValidUtf8("a\xFF\xFE" "b"), "a" + fffd + fffd + "b");
  EXPECT_EQ(ValidUtf8("\xE2\x82"), fffd);                     // truncated at the end
  EXPECT_EQ(ValidUtf8("\xE2\x82" "x"), fffd + "x");
  EXPECT_EQ(ValidUtf8(std::string("a\0b", 3)), std::string("a\0b", 3));
}

}  // namespace
}  // namespace ucf::core
