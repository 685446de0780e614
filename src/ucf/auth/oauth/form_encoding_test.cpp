#include "ucf/auth/oauth/form_encoding.hpp"

#include <gtest/gtest.h>

#include "ucf/core/strings.hpp"

namespace ucf::auth::oauth {
namespace {

TEST(FormEncoding, EncodesEverythingButUnreserved) {
  EXPECT_EQ(EncodeFormParams({{"scope", "read write:all"},
                              {"redirect_uri", "https://app.test/cb?a=1&b=c d+e#f"},
                              {"x~y", "-._~"}}),
            "scope=read%20write%3Aall&redirect_uri=https%3A%2F%2Fapp.test%2Fcb%3Fa%3D1%26b%3Dc%20d%"
            "2Be%23f&x~y=-._~");
  EXPECT_EQ(EncodeFormParams({}), "");
  EXPECT_EQ(EncodeFormParams({{"k", ""}}), "k=");
}

TEST(FormEncoding, DecodeRoundTripsAndTreatsPlusAsSpace) {
  FormParams params = {{"a b", "c&d=e"}, {"u", "ü/+"}};
  auto decoded = DecodeFormParams(EncodeFormParams(params));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, params);
  auto plus = DecodeFormParams("access_token=x+y&flag&scope=repo%2Cgist");
  ASSERT_TRUE(plus.ok());
  EXPECT_EQ(*FindParam(*plus, "access_token"), "x y");
  EXPECT_EQ(*FindParam(*plus, "flag"), "");
  EXPECT_EQ(*FindParam(*plus, "scope"), "repo,gist");
  EXPECT_FALSE(FindParam(*plus, "missing").has_value());
  EXPECT_FALSE(DecodeFormParams("a=%zz").ok());
}

TEST(FormEncoding, AppendQueryKeepsExistingQueryAndDropsFragment) {
  auto url = AppendQueryParams("https://id.test/authorize?tenant=main#x", {{"state", "a b"}});
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(*url, "https://id.test/authorize?tenant=main&state=a%20b");
  EXPECT_EQ(*AppendQueryParams("https://id.test/authorize", {{"a", "1"}}),
            "https://id.test/authorize?a=1");
  EXPECT_FALSE(AppendQueryParams("/relative", {}).ok());
}

TEST(FormEncoding, BasicAuthorizationFormEncodesBeforeBase64) {
  // RFC 6749 §2.3.1: the client id and secret are form-urlencoded first.
  EXPECT_EQ(BasicAuthorization("client-1", "s3cr3t"),
            "Basic " + core::Base64Encode("client-1:s3cr3t"));
  EXPECT_EQ(BasicAuthorization("a:b", "c d+/"), "Basic " + core::Base64Encode("a%3Ab:c+d%2B%2F"));
}

}  // namespace
}  // namespace ucf::auth::oauth
