#include "ucf/crypto/base64url.hpp"

#include <gtest/gtest.h>

#include <openssl/evp.h>

#include <algorithm>
#include <string>

namespace ucf::crypto {
namespace {

TEST(Base64UrlTest, EncodesWithPaddingLikePython) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("h"), "aA==");
  EXPECT_EQ(Base64UrlEncode("he"), "aGU=");
  EXPECT_EQ(Base64UrlEncode("hel"), "aGVs");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8=");
}

TEST(Base64UrlTest, RoundTripsEveryLength) {
  std::string bytes;
  for (int n = 0; n < 70; ++n) {
    EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(bytes)), bytes) << "length " << n;
    bytes.push_back(static_cast<char>(n * 37 + 11));
  }
}

TEST(Base64UrlTest, AgreesWithOpenSslOnEveryByteValueAndLength) {
  std::string bytes;
  for (int n = 0; n < 300; ++n) {
    std::string standard(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(standard.data()),
                              reinterpret_cast<const unsigned char*>(bytes.data()),
                              static_cast<int>(bytes.size()));
    standard.resize(static_cast<std::size_t>(len));
    std::replace(standard.begin(), standard.end(), '+', '-');
    std::replace(standard.begin(), standard.end(), '/', '_');
    ASSERT_EQ(Base64UrlEncode(bytes), standard) << "length " << n;
    ASSERT_EQ(Base64UrlDecode(standard), bytes) << "length " << n;
    bytes.push_back(static_cast<char>((n * 101 + 7) & 0xff));
  }
}

TEST(Base64UrlTest, RejectsAnythingNotStrictPaddedUrlSafe) {
  const char* cases[] = {
      "aGVsbG8",   // missing padding
      "aGVsbG9=",  // non-zero bits under the padding
      "aA=A",      // padding in the middle
      "a===",      // too much padding
      "====",      // only padding
      "+/8=",      // standard alphabet
      " aGVs",     // whitespace
      "aGVs\n",    // trailing newline
      "%%%%",      // not base64 at all
  };
  for (const char* text : cases) EXPECT_FALSE(Base64UrlDecode(text).has_value()) << text;
}

}  // namespace
}  // namespace ucf::crypto
