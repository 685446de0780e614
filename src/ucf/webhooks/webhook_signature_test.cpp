#include "ucf/webhooks/webhook_signature.hpp"

#include <gtest/gtest.h>

#include "boost/json/serialize.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/crypto/hmac.hpp"

namespace ucf::webhooks {
namespace {

using std::chrono::seconds;

std::string Jwt(const std::string& header, const boost::json::object& claims, const std::string& secret) {
  std::string signing = core::StrCat(core::Base64UrlEncode(header), ".",
                                     core::Base64UrlEncode(boost::json::serialize(claims)));
  return core::StrCat(signing, ".", core::Base64UrlEncode(crypto::HmacSha256(secret, signing)));
}

const core::TimePoint kNow{seconds(1'800'000'000)};
const std::string kHs256 = R"({"alg":"HS256","typ":"JWT"})";

TEST(WebhookSignatureTest, Hs256JwtVerifiesSignatureAlgorithmAndExpiry) {
  boost::json::object claims{{"iss", "jira"}, {"exp", 1'800'000'100}};
  auto ok = VerifyHs256Jwt(Jwt(kHs256, claims, "app-secret"), "app-secret", kNow);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->at("iss"), "jira");
  EXPECT_EQ(VerifyHs256Jwt(Jwt(kHs256, claims, "other"), "app-secret", kNow).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_FALSE(VerifyHs256Jwt(Jwt(R"({"alg":"none"})", claims, "app-secret"), "app-secret", kNow).ok());
  EXPECT_FALSE(VerifyHs256Jwt(Jwt(R"({"alg":"HS512"})", claims, "app-secret"), "app-secret", kNow).ok());
  boost::json::object expired{{"exp", 1'799'999'000}};
  EXPECT_FALSE(VerifyHs256Jwt(Jwt(kHs256, expired, "app-secret"), "app-secret", kNow).ok());
  EXPECT_FALSE(VerifyHs256Jwt("not.a-jwt", "app-secret", kNow).ok());
  EXPECT_FALSE(VerifyHs256Jwt(Jwt(kHs256, claims, ""), "", kNow).ok()) << "no secret, no trust";
}

TEST(WebhookSignatureTest, HubSignatureIsHmacOfTheRawBody) {
  std::string body = R"({"webhookEvent":"jira:issue_created"})";
  std::string header = HubSignature("shh", body);
  EXPECT_TRUE(header.starts_with("sha256="));
  EXPECT_TRUE(HubSignatureMatches(header, "shh", body));
  EXPECT_FALSE(HubSignatureMatches(header, "shh", body + " "));
  EXPECT_FALSE(HubSignatureMatches(header, "other", body));
  EXPECT_FALSE(HubSignatureMatches("sha1=abc", "shh", body));
  EXPECT_FALSE(HubSignatureMatches(header, "", body));
}

}  // namespace
}  // namespace ucf::webhooks
