#include "ucf/core/json_fields.hpp"

#include <gtest/gtest.h>

#include "ucf/core/error_details.hpp"

namespace ucf::core {
namespace {

TEST(JsonFieldsTest, MalformedJsonNamesBody) {
  auto parsed = ParseJsonObject("{\"a\":");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  auto details = GetDetails(parsed.status());
  ASSERT_TRUE(details.has_value());
  EXPECT_EQ((*details)["field"], "body");
}

TEST(JsonFieldsTest, NonObjectRejected) {
  EXPECT_FALSE(ParseJsonObject("[1,2]").ok());
  EXPECT_FALSE(ParseJsonObject("").ok());
  EXPECT_TRUE(ParseJsonObject("", /*allow_empty=*/true).ok());
}

TEST(JsonFieldsTest, FieldErrorsNameTheField) {
  auto obj = ParseJsonObject(R"({"name": 5, "flag": "x", "list": ["a", 1], "n": 1.5})").value();
  struct Case {
    absl::Status status;
    const char* field;
  } cases[] = {
      {RequireString(obj, "name").status(), "name"},
      {RequireString(obj, "missing").status(), "missing"},
      {OptionalBool(obj, "flag").status(), "flag"},
      {OptionalStringArray(obj, "list").status(), "list"},
      {OptionalInt(obj, "n").status(), "n"},
      {OptionalObject(obj, "name").status(), "name"},
  };
  for (const Case& c : cases) {
    ASSERT_FALSE(c.status.ok()) << c.field;
    EXPECT_EQ(c.status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ((*GetDetails(c.status))["field"], c.field);
  }
}

TEST(JsonFieldsTest, NullIsAbsentAndUnknownIgnored) {
  auto obj = ParseJsonObject(R"({"a": null, "b": "x", "c": true, "d": 7, "zz": {}})").value();
  EXPECT_FALSE(OptionalString(obj, "a").value().has_value());
  EXPECT_EQ(*OptionalString(obj, "b").value(), "x");
  EXPECT_TRUE(*OptionalBool(obj, "c").value());
  EXPECT_EQ(*OptionalInt(obj, "d").value(), 7);
}

// Issue #9: free text is bounded before anything else looks at it; the error names the field.
TEST(JsonFieldsTest, LongStringsAreRefusedNamingTheField) {
  std::string huge(200'000, 'x');
  boost::json::object obj{{"reason", huge},
                          {"ok", std::string(kMaxStringBytes, 'y')},
                          {"text", std::string(kMaxStringBytes + 1, 'z')},
                          {"config", {{"base", "https://a"}, {"nested", {{"list", {"a", huge}}}}}},
                          {"longKey", {{huge, "v"}}},
                          {"scopes", boost::json::array(kMaxListItems + 1, "s")},
                          {"events", {"a", huge}}};
  auto field_of = [](const absl::Status& s) {
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
    auto details = GetDetails(s);
    return details ? std::string((*details)["field"].as_string()) : std::string();
  };
  EXPECT_EQ(field_of(OptionalString(obj, "reason").status()), "reason");
  EXPECT_EQ(field_of(RequireString(obj, "reason").status()), "reason");
  EXPECT_TRUE(RequireString(obj, "ok").ok());
  EXPECT_EQ(field_of(RequireString(obj, "text").status()), "text");
  EXPECT_TRUE(RequireString(obj, "text", kMaxTextBytes).ok());  // an explicit larger bound
  EXPECT_EQ(field_of(OptionalObject(obj, "config").status()), "config.nested.list[1]");
  EXPECT_TRUE(OptionalObject(obj, "config", huge.size()).ok());
  EXPECT_EQ(field_of(OptionalObject(obj, "longKey", huge.size()).status()), "longKey");
  EXPECT_EQ(field_of(OptionalStringArray(obj, "scopes").status()), "scopes");
  EXPECT_EQ(field_of(OptionalStringArray(obj, "events").status()), "events");
}

}  // namespace
}  // namespace ucf::core
