#include "ucf/connectors/atlassian/site_config.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"
#include "ucf/connectors/atlassian/request_args.hpp"
#include "ucf/connectors/atlassian/test_support.hpp"
#include "ucf/core/error_details.hpp"

namespace ucf::connectors::atlassian {
namespace {

absl::Status Check(std::string_view config_json) {
  return ValidateSiteConfig(boost::json::parse(config_json).as_object());
}

using testing::FieldOf;

TEST(SiteConfigTest, AcceptsSiteRoots) {
  EXPECT_TRUE(Check(R"({})").ok());
  EXPECT_TRUE(Check(R"({"baseUrl":null})").ok());
  EXPECT_TRUE(Check(R"({"baseUrl":"https://acme.atlassian.net"})").ok());
  EXPECT_TRUE(Check(R"({"baseUrl":"https://acme.atlassian.net/"})").ok());
  EXPECT_TRUE(Check(R"({"baseUrl":"http://localhost:4010"})").ok());
}

TEST(SiteConfigTest, RejectsOtherUrlsNamingTheField) {
  for (std::string_view bad : {R"({"baseUrl":5})", R"({"baseUrl":""})", R"({"baseUrl":"acme"})",
                               R"({"baseUrl":"http://acme.atlassian.net"})",
                               R"({"baseUrl":"https://acme.atlassian.net/wiki"})",
                               R"({"baseUrl":"https://u:p@acme.atlassian.net"})",
                               R"({"baseUrl":"https://acme.atlassian.net/?x=1"})",
                               R"({"baseUrl":"ftp://acme.atlassian.net"})"}) {
    absl::Status s = Check(bad);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(FieldOf(s), "baseUrl") << bad;
  }
}

TEST(SiteConfigTest, Forms) {
  auto config = SiteConfigFields("Jira");
  ASSERT_EQ(config.size(), 1u);
  EXPECT_EQ(config[0].name, "baseUrl");
  EXPECT_EQ(config[0].type, "url");
  EXPECT_FALSE(config[0].required);
  auto creds = ApiTokenCredentialFields();
  ASSERT_EQ(creds.size(), 2u);
  EXPECT_EQ(creds[0].name, "email");
  EXPECT_EQ(creds[0].type, "email");
  EXPECT_EQ(creds[1].name, "apiKey");
  EXPECT_TRUE(creds[1].secret());
}

TEST(RequestArgsTest, RequireIdAndClampLimit) {
  EXPECT_TRUE(RequireId("itemId", "PROJ-1").ok());
  EXPECT_EQ(FieldOf(RequireId("itemId", " ")), "itemId");
  EXPECT_EQ(RequireId("itemId", "a\nb").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ClampLimit(0, 100), 1);
  EXPECT_EQ(ClampLimit(150, 100), 100);
  EXPECT_EQ(ClampLimit(20, 100), 20);
}

}  // namespace
}  // namespace ucf::connectors::atlassian
