#include "ucf/observability/redact.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"

namespace ucf::observability {
namespace {

TEST(RedactTest, SecretKeys) {
  for (const char* key : {"password", "access_token", "accessToken", "refresh_token", "X-Api-Key",
                          "apikey", "api-key", "client_secret", "clientSecret", "Authorization",
                          "code", "code_verifier", "codeVerifier", "state", "private_key",
                          "session_id", "DB_PASSWORD", "ENCRYPTION_KEY", "oauthClientSecret"}) {
    EXPECT_TRUE(IsSecretKey(key)) << key;
  }
  for (const char* key : {"x-tenant-id", "tenantId", "tokenId", "token_type", "expiresAt",
                          "tokenUrl", "name", "status", "x-request-id", "connectorId", "method",
                          "authMethod", "description", "apiKeyName", "keyPrefix"}) {
    EXPECT_FALSE(IsSecretKey(key)) << key;
  }
}

TEST(RedactTest, JsonAtAnyDepthOnlyUnderSecretKeys) {
  auto in = boost::json::parse(
      R"({"name":"ok","config":{"api_token":"s3cr3t","nested":[{"password":"p"}],"url":"u"},
          "accessToken":null})");
  std::string out = boost::json::serialize(RedactJson(in));
  EXPECT_EQ(out.find("s3cr3t"), std::string::npos);
  EXPECT_EQ(out.find("\"p\""), std::string::npos);
  EXPECT_NE(out.find("\"name\":\"ok\""), std::string::npos);
  EXPECT_NE(out.find("\"url\":\"u\""), std::string::npos);
  EXPECT_NE(out.find("\"accessToken\":null"), std::string::npos);
}

TEST(RedactTest, QueryStrings) {
  EXPECT_EQ(RedactQuery("a=1&token=abc&code=xyz&state=s&limit=5"),
            "a=1&token=***&code=***&state=***&limit=5");
  EXPECT_EQ(RedactQuery("api%5Fkey=zzz&q=x"), "api%5Fkey=***&q=x");
  EXPECT_EQ(RedactQuery(""), "");
}

TEST(RedactTest, DroppedHeaders) {
  EXPECT_TRUE(IsDroppedHeader("Authorization"));
  EXPECT_TRUE(IsDroppedHeader("cookie"));
  EXPECT_FALSE(IsDroppedHeader("x-api-key"));
}

}  // namespace
}  // namespace ucf::observability
