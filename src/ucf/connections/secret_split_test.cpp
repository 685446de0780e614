#include "ucf/connections/secret_split.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"

namespace ucf::connections {
namespace {

connectors::ConnectorDescription Form() {
  connectors::ConnectorDescription d;
  d.id = "acme";
  d.config_fields = {{"baseUrl", "Site", "url", false, "", "", {"base_url"}}};
  d.credential_fields = {{"email", "E-mail", "email", true, "", "", {"api_email"}},
                         {"apiKey", "Key", "secret", true, "", "", {"api_token", "pw"}}};
  return d;
}

TEST(SecretSplitTest, DeclaredSecretFieldsAreSealedUnderAnySpelling) {
  auto config = boost::json::parse(R"({"base_url":"https://x.atlassian.net","pw":"T",
    "api_email":"a@b.c","gone":null})").as_object();
  SplitConfig split = SplitSecrets(Form(), config);
  EXPECT_EQ(boost::json::serialize(split.plain).find("\"T\""), std::string::npos);
  EXPECT_EQ(split.plain["base_url"], "https://x.atlassian.net");
  EXPECT_EQ(split.plain["api_email"], "a@b.c");
  EXPECT_EQ(split.secret["pw"], "T");  // "pw" is no secret-like name: the declaration decides
  EXPECT_FALSE(split.plain.contains("gone"));
  EXPECT_FALSE(split.secret.contains("gone"));

  SplitConfig canonical = SplitSecrets(Form(), boost::json::parse(R"({"apiKey":"K"})").as_object());
  EXPECT_EQ(canonical.secret["apiKey"], "K");
  EXPECT_TRUE(canonical.plain.empty());
}

}  // namespace
}  // namespace ucf::connections
