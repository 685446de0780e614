#include "ucf/connectors/config_fields.hpp"

#include <gtest/gtest.h>

#include <string>

#include "boost/json/parse.hpp"
#include "ucf/core/error_details.hpp"

namespace ucf::connectors {
namespace {

ConnectorDescription Form() {
  ConnectorDescription d;
  d.id = "acme";
  d.config_fields = {{"baseUrl", "Site", "url", true, "", "", BaseUrlAliases()}};
  d.credential_fields = {{"email", "E-mail", "email", false, "", "", EmailAliases()},
                         {"apiKey", "Key", "secret", true, "", "", ApiKeyAliases()}};
  return d;
}

std::string FieldOf(const absl::Status& s) {
  auto d = core::GetDetails(s);
  return d && d->contains("field") ? std::string(d->at("field").as_string()) : "";
}

absl::Status Check(const char* json) { return CheckConfigFields(Form(), boost::json::parse(json).as_object()); }

TEST(ConfigFieldsTest, AcceptsDeclaredFieldsUnderTheirNamesAndAliases) {
  EXPECT_TRUE(Check(R"({"baseUrl":"https://a.example","email":"a@b.c","apiKey":"k"})").ok());
  EXPECT_TRUE(Check(R"({"base_url":"https://a.example","api_email":"a@b.c","api_token":"k"})").ok());
  EXPECT_TRUE(Check(R"({"baseUrl":"https://a.example","email":null})").ok());
  // A secret may look like anything, even a URL with credentials: it is sealed.
  EXPECT_TRUE(Check(R"({"baseUrl":"https://a.example","apiKey":"postgres://u:p@h/db"})").ok());
}

TEST(ConfigFieldsTest, RefusesUndeclaredKeysWhateverTheirName) {
  // Issue 9 holes 1 and 6: nothing is recognised by its name; what is not declared is refused.
  for (const char* key : {"pass", "pw", "jwt", "dsn", "connection_string", "apiBaseUrl", "urlParams"}) {
    std::string json = std::string(R"({"baseUrl":"https://a.example",")") + key + R"(":"x"})";
    absl::Status s = Check(json.c_str());
    EXPECT_TRUE(absl::IsInvalidArgument(s)) << key;
    EXPECT_EQ(FieldOf(s), key);
  }
}

TEST(ConfigFieldsTest, RefusesAmbiguousMalformedAndCredentialBearingValues) {
  EXPECT_EQ(FieldOf(Check(R"({"baseUrl":"https://a.example","base_url":"https://b.example"})")), "base_url");
  EXPECT_EQ(FieldOf(Check(R"({"baseUrl":"https://user:pw@a.example"})")), "baseUrl");
  EXPECT_EQ(FieldOf(Check(R"({"baseUrl":"https://a.example","email":"https://u:p@x.example"})")), "email");
  EXPECT_EQ(FieldOf(Check(R"({"baseUrl":"ftp://a.example"})")), "baseUrl");
  EXPECT_EQ(FieldOf(Check(R"({"baseUrl":42})")), "baseUrl");
  EXPECT_EQ(FieldOf(Check(R"({"baseUrl":{"nested":"x"}})")), "baseUrl");
  EXPECT_EQ(FieldOf(Check(R"({"email":"a@b.c"})")), "baseUrl");  // required
  std::string long_key = R"({"baseUrl":"https://a.example","apiKey":")" + std::string(5000, 'k') + R"("})";
  EXPECT_EQ(FieldOf(Check(long_key.c_str())), "apiKey");
}

TEST(ConfigFieldsTest, FieldValueReadsTheNameThenTheAliases) {
  auto o = boost::json::parse(R"({"site_url":"https://s.example","token":"t"})").as_object();
  ConnectorDescription d = Form();
  EXPECT_EQ(FieldValue(d, "baseUrl", o), "https://s.example");
  EXPECT_EQ(FieldValue(d, "apiKey", o), "t");
  EXPECT_EQ(FieldValue(d, "email", o), "");
  EXPECT_EQ(FieldValue(d, "undeclared", o), "");
}

ConnectorDescription TypedForm() {
  ConnectorDescription d;
  d.id = "db";
  FieldSpec port{"port", "Port", "integer", false};
  port.min = 1;
  port.max = 65535;
  FieldSpec mode{"sslmode", "TLS", "enum", false};
  mode.allowed = {"disable", "require", "verify-full"};
  FieldSpec flag{"readOnly", "Read only", "boolean", false};
  d.config_fields = {port, mode, flag};
  return d;
}

absl::Status CheckTyped(const char* json) {
  return CheckConfigFields(TypedForm(), boost::json::parse(json).as_object());
}

TEST(ConfigFieldsTest, IntegerBooleanAndEnumFieldsAreCheckedByType) {
  EXPECT_TRUE(CheckTyped(R"({"port":5432,"sslmode":"require","readOnly":true})").ok());
  EXPECT_TRUE(CheckTyped(R"({"port":"6543"})").ok());
  for (const char* bad : {R"({"port":0})", R"({"port":65536})", R"({"port":"54a"})", R"({"port":1.5})",
                          R"({"port":"-1"})", R"({"port":true})", R"({"port":"99999999999999999999999"})"}) {
    absl::Status s = CheckTyped(bad);
    EXPECT_TRUE(absl::IsInvalidArgument(s)) << bad;
    EXPECT_EQ(FieldOf(s), "port") << bad;
  }
  for (const char* bad : {R"({"sslmode":"prefer"})", R"({"sslmode":"REQUIRE"})", R"({"sslmode":1})"}) {
    EXPECT_EQ(FieldOf(CheckTyped(bad)), "sslmode") << bad;
  }
  EXPECT_EQ(FieldOf(CheckTyped(R"({"readOnly":"yes"})")), "readOnly");
  EXPECT_EQ(FieldValue(TypedForm(), "port", boost::json::parse(R"({"port":5432})").as_object()), "5432");
}

}  // namespace
}  // namespace ucf::connectors
