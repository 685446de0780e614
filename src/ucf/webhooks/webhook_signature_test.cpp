#include "ucf/webhooks/webhook_signature.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

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

const core::TimePoint kClockNow{seconds(1'800'000'000)};
const std::string kHs256 = R"({"alg":"HS256","typ":"JWT"})";

JwtExpectations Expect(std::string target = "/webhooks/jira/con_1") {
  JwtExpectations e;
  e.issuers = {"client-id"};
  e.method = "POST";
  e.target = std::move(target);
  return e;
}

boost::json::object Claims() {
  return {{"iss", "client-id"}, {"iat", 1'800'000'000}, {"exp", 1'800'000'180}};
}

TEST(WebhookSignatureTest, Hs256JwtVerifiesSignatureAlgorithmAndExpiry) {
  boost::json::object claims = Claims();
  auto ok = VerifyHs256Jwt(Jwt(kHs256, claims, "app-secret"), "app-secret", kClockNow, Expect());
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->at("iss"), "client-id");
  EXPECT_EQ(VerifyHs256Jwt(Jwt(kHs256, claims, "other"), "app-secret", kClockNow, Expect()).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_FALSE(VerifyHs256Jwt(Jwt(R"({"alg":"none"})", claims, "app-secret"), "app-secret", kClockNow, Expect()).ok());
  EXPECT_FALSE(VerifyHs256Jwt(Jwt(R"({"alg":"HS512"})", claims, "app-secret"), "app-secret", kClockNow, Expect()).ok());
  boost::json::object expired = Claims();
  expired["iat"] = 1'799'999'000;
  expired["exp"] = 1'799'999'100;
  EXPECT_FALSE(VerifyHs256Jwt(Jwt(kHs256, expired, "app-secret"), "app-secret", kClockNow, Expect()).ok());
  EXPECT_FALSE(VerifyHs256Jwt("not.a-jwt", "app-secret", kClockNow, Expect()).ok());
  EXPECT_FALSE(VerifyHs256Jwt(Jwt(kHs256, claims, ""), "", kClockNow, Expect()).ok()) << "no secret, no trust";
}

// Issue 9, hole 8: a JWT without exp was accepted forever.
TEST(WebhookSignatureTest, ExpAndIatAreRequiredWithinASmallSkewAndABoundedLifetime) {
  auto verify = [](boost::json::object claims) {
    return VerifyHs256Jwt(Jwt(kHs256, claims, "s"), "s", kClockNow, Expect()).status();
  };
  boost::json::object no_exp = Claims();
  no_exp.erase("exp");
  EXPECT_EQ(verify(no_exp).code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(std::string(verify(no_exp).message()).find("exp"), std::string::npos);
  boost::json::object no_iat = Claims();
  no_iat.erase("iat");
  EXPECT_EQ(verify(no_iat).code(), absl::StatusCode::kUnauthenticated);
  boost::json::object text_exp = Claims();
  text_exp["exp"] = "1800000180";
  EXPECT_FALSE(verify(text_exp).ok());
  // 60 s of skew either way, not more.
  boost::json::object just_expired = Claims();
  just_expired["iat"] = 1'799'999'800;
  just_expired["exp"] = 1'799'999'950;
  EXPECT_TRUE(verify(just_expired).ok());
  just_expired["exp"] = 1'799'999'930;
  EXPECT_FALSE(verify(just_expired).ok());
  boost::json::object future = Claims();
  future["iat"] = 1'800'000'061;
  future["exp"] = 1'800'000'200;
  EXPECT_FALSE(verify(future).ok());
  future["iat"] = 1'800'000'059;
  EXPECT_TRUE(verify(future).ok());
  // A token valid for years cannot be remembered by the replay cache: refused.
  boost::json::object forever = Claims();
  forever["exp"] = 1'900'000'000;
  EXPECT_FALSE(verify(forever).ok());
  boost::json::object backwards = Claims();
  backwards["exp"] = 1'799'999'999;
  EXPECT_FALSE(verify(backwards).ok());
}

TEST(WebhookSignatureTest, IssuerMustBeTheApp) {
  auto verify = [](boost::json::object claims, JwtExpectations expect = Expect()) {
    return VerifyHs256Jwt(Jwt(kHs256, claims, "s"), "s", kClockNow, expect).status();
  };
  boost::json::object other = Claims();
  other["iss"] = "someone-else";
  EXPECT_EQ(verify(other).code(), absl::StatusCode::kUnauthenticated);
  boost::json::object none = Claims();
  none.erase("iss");
  EXPECT_FALSE(verify(none).ok());
  JwtExpectations no_issuers = Expect();
  no_issuers.issuers.clear();
  EXPECT_FALSE(verify(Claims(), no_issuers).ok());
}

// Found by fuzz/webhook_signature_fuzz (ASan heap-buffer-overflow): a target whose bytes are not
// followed by a NUL (here: exactly sized heap memory) is read only within its bounds.
TEST(WebhookSignatureTest, CanonicalRequestReadsOnlyTheTargetsBytes) {
  const std::string target = "/a/&/b/?jwt=1&x=%E2%82%AC&x=a";
  auto exact = std::make_unique<char[]>(target.size());
  std::copy(target.begin(), target.end(), exact.get());
  EXPECT_EQ(CanonicalRequest("GET", std::string_view(exact.get(), target.size())),
            "GET&/a/%26/b&x=%E2%82%AC,a");
  // A view that stops before more query text sees only its own parameters.
  std::string_view longer = "/p?x=1&y=2";
  EXPECT_EQ(CanonicalRequest("GET", longer.substr(0, 6)), "GET&/p&x=1");
}

TEST(WebhookSignatureTest, CanonicalRequestAndQueryStringHashFollowAtlassian) {
  // Atlassian's documented examples.
  EXPECT_EQ(CanonicalRequest("get", "/?param=foo"), "GET&/&param=foo");
  EXPECT_EQ(CanonicalRequest("POST", "/user"), "POST&/user&");
  EXPECT_EQ(CanonicalRequest("GET", "/path/to/service?zee_last=param&repeated=parameter%201&first=param&"
                                    "repeated=parameter+2"),
            "GET&/path/to/service&first=param&repeated=parameter%201,parameter%202&zee_last=param");
  // jwt is not part of it; trailing slash dropped; '&' in the path encoded; '*' and '~'.
  EXPECT_EQ(CanonicalRequest("POST", "/webhooks/jira/con_1/?jwt=x&a=*~"), "POST&/webhooks/jira/con_1&a=%2A~");
  EXPECT_EQ(CanonicalRequest("GET", "/a&b"), "GET&/a%26b&");
  EXPECT_EQ(CanonicalRequest("GET", ""), "GET&/&");
  EXPECT_EQ(QueryStringHash("GET", "/"),
            core::ToLower(core::HexEncode(crypto::Sha256("GET&/&"))));
}

TEST(WebhookSignatureTest, QshMustMatchTheRequestAndContextTokensAreRefused) {
  auto verify = [](const std::string& qsh, const std::string& target) {
    boost::json::object claims = Claims();
    claims["qsh"] = qsh;
    return VerifyHs256Jwt(Jwt(kHs256, claims, "s"), "s", kClockNow, Expect(target)).status();
  };
  const std::string target = "/webhooks/jira/con_1?user_id=5b10&event=x";
  EXPECT_TRUE(verify(QueryStringHash("POST", target), target).ok());
  // The same token for another connection's URL, another method or another query: refused.
  EXPECT_FALSE(verify(QueryStringHash("POST", target), "/webhooks/jira/con_2?user_id=5b10&event=x").ok());
  EXPECT_FALSE(verify(QueryStringHash("GET", target), target).ok());
  EXPECT_FALSE(verify(QueryStringHash("POST", "/webhooks/jira/con_1"), target).ok());
  EXPECT_EQ(verify("context-qsh", target).code(), absl::StatusCode::kUnauthenticated);
  boost::json::object numeric = Claims();
  numeric["qsh"] = 7;
  EXPECT_FALSE(VerifyHs256Jwt(Jwt(kHs256, numeric, "s"), "s", kClockNow, Expect()).ok());
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
