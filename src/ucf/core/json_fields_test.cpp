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

}  // namespace
}  // namespace ucf::core
