#include "ucf/core/utf8.hpp"

#include <gtest/gtest.h>

namespace ucf::core {
namespace {

TEST(Utf8Test, ValidUtf8ReplacesIllFormedSequencesOnly) {
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
