#include "ucf/connections/secret_split.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"

namespace ucf::connections {
namespace {

TEST(SecretSplitTest, SecretFieldsLeaveThePlainConfig) {
  auto config = boost::json::parse(R"({"base_url":"https://x.atlassian.net","api_token":"T",
    "api_email":"a@b.c","oauth":{"client_id":"cid","client_secret":"S"},"auth_method":"api_key"})")
                    .as_object();
  SplitConfig split = SplitSecrets(config);
  std::string plain = boost::json::serialize(split.plain);
  EXPECT_EQ(plain.find("\"T\""), std::string::npos);
  EXPECT_EQ(plain.find("\"S\""), std::string::npos);
  EXPECT_EQ(split.plain["base_url"], "https://x.atlassian.net");
  EXPECT_EQ(split.plain["oauth"].as_object()["client_id"], "cid");
  EXPECT_EQ(split.secret["api_token"], "T");
  EXPECT_EQ(split.secret["oauth"].as_object()["client_secret"], "S");
  EXPECT_EQ(split.plain["auth_method"], "api_key");
}

}  // namespace
}  // namespace ucf::connections
