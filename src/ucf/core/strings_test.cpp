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
