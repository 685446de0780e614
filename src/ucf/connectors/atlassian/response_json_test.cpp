#include "ucf/connectors/atlassian/response_json.hpp"

#include <gtest/gtest.h>

#include "ucf/core/strings.hpp"

namespace ucf::connectors::atlassian {
namespace {

TEST(ResponseJsonTest, ParseResponseObject) {
  EXPECT_TRUE(ParseResponseObject("jira", R"({"a":1})").ok());
  absl::Status not_json = ParseResponseObject("jira", "<html>").status();
  EXPECT_EQ(not_json.code(), absl::StatusCode::kInternal);
  EXPECT_TRUE(core::StartsWith(core::ToStd(not_json.message()), "jira: response is not JSON"));
  EXPECT_EQ(ParseResponseObject("jira", "[1]").status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(ParseResponseObject("jira", "").status().code(), absl::StatusCode::kInternal);
  // Deeper than Boost.JSON's default limit of 32.
  std::string deep = std::string(60, '[') + std::string(60, ']');
  EXPECT_TRUE(ParseResponseObject("jira", core::StrCat(R"({"a":)", deep, "}")).ok());
}

TEST(ResponseJsonTest, Accessors) {
  auto obj = *ParseResponseObject("x", R"({"s":"v","n":10042,"ns":"7","b":true,"z":null,"e":"",
      "o":{"p":{"q":"deep"}},"a":[1]})");
  EXPECT_EQ(FindString(obj, "s"), "v");
  EXPECT_EQ(FindString(obj, "n"), "10042");
  EXPECT_FALSE(FindString(obj, "z").has_value());
  EXPECT_FALSE(FindString(obj, "b").has_value());
  EXPECT_FALSE(FindNonEmptyString(obj, "e").has_value());
  EXPECT_EQ(FindInt(obj, "n"), 10042);
  EXPECT_EQ(FindInt(obj, "ns"), 7);
  EXPECT_FALSE(FindInt(obj, "s").has_value());
  EXPECT_EQ(FindBool(obj, "b"), true);
  EXPECT_EQ(FindStringPath(obj, {"o", "p", "q"}), "deep");
  EXPECT_FALSE(FindStringPath(obj, {"o", "x", "q"}).has_value());
  EXPECT_NE(FindArray(obj, "a"), nullptr);
  EXPECT_EQ(FindObject(obj, "a"), nullptr);
  // Optional lists: missing or null is empty (the spec requires none of them); another type is
  // a body the spec does not allow, named by its path.
  auto missing = OptionalArray("jira", obj, "issues", "issues");
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE((*missing)->empty());
  auto null = OptionalArray("jira", obj, "z", "z");
  ASSERT_TRUE(null.ok());
  EXPECT_TRUE((*null)->empty());
  EXPECT_EQ((*OptionalArray("jira", obj, "a", "a"))->size(), 1u);
  absl::Status wrong = OptionalArray("jira", obj, "o", "issues").status();
  EXPECT_EQ(wrong.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(core::ToStd(wrong.message()), "jira: response field 'issues' is not an array");
}

}  // namespace
}  // namespace ucf::connectors::atlassian
