#include "ucf/core/url_credentials.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ucf::core {
namespace {

TEST(UrlCredentialsTest, SpotsUserInfoInAnyUrl) {
  EXPECT_TRUE(HasUrlUserInfo("https://user:pass@example.com/x"));
  EXPECT_TRUE(HasUrlUserInfo("postgresql://app:s3cret@db.internal:5432/ucf"));
  EXPECT_TRUE(HasUrlUserInfo("https://token@example.com"));
  EXPECT_TRUE(HasUrlUserInfo("//u:p@host/path"));
  EXPECT_TRUE(HasUrlUserInfo("see http://a.example/ and redis://:pw@cache:6379"));
  EXPECT_TRUE(HasUrlUserInfo("https://a://u:p@h"));
}

TEST(UrlCredentialsTest, LeavesOrdinaryValuesAlone) {
  EXPECT_FALSE(HasUrlUserInfo("https://acme.atlassian.net"));
  EXPECT_FALSE(HasUrlUserInfo("https://example.com/users/@me?by=a@b.c#x@y"));
  EXPECT_FALSE(HasUrlUserInfo("jane@acme.com"));
  EXPECT_FALSE(HasUrlUserInfo("mailto:jane@acme.com"));
  EXPECT_FALSE(HasUrlUserInfo(""));
  EXPECT_FALSE(HasUrlUserInfo("://"));
}

TEST(UrlCredentialsTest, StaysLinearOnHostileInput) {
  std::string many;
  for (int i = 0; i < 200'000; ++i) many += "://a";
  EXPECT_FALSE(HasUrlUserInfo(many));
  EXPECT_TRUE(HasUrlUserInfo(many + "://x@y"));
}

}  // namespace
}  // namespace ucf::core
