#include "ucf/mcp/tool_catalog.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"

namespace ucf::mcp {
namespace {

TEST(ToolCatalogTest, NamesRoundTripAndStayWithinMcpLimits) {
  const ToolOp* op = FindOp("list_comments");
  ASSERT_NE(op, nullptr);
  auto name = ToolName(*op, "con_0193abc");
  ASSERT_TRUE(name.has_value());
  EXPECT_EQ(*name, "list_comments__con_0193abc");
  auto parsed = ParseToolName(*name);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->op, op);
  EXPECT_EQ(parsed->connection_id, "con_0193abc");
  EXPECT_FALSE(ToolName(*op, "has space").has_value());
  EXPECT_FALSE(ToolName(*op, std::string(60, 'a')).has_value());
  EXPECT_FALSE(ParseToolName("list_comments__").has_value());
  EXPECT_FALSE(ParseToolName("nope__con_1").has_value());
  EXPECT_FALSE(ParseToolName("list_items__a/b").has_value());
}

TEST(ToolCatalogTest, OffersFollowTheConnectorsResources) {
  connectors::ConnectorDescription reads_only;
  reads_only.resources = {"containers", "items"};
  std::vector<std::string> offered;
  for (const ToolOp& op : ToolOps()) {
    if (Offers(reads_only, op)) offered.push_back(op.op);
  }
  EXPECT_EQ(offered, (std::vector<std::string>{"list_containers", "list_items"}));
  reads_only.sync_models = {"issues"};
  EXPECT_TRUE(Offers(reads_only, *FindOp("trigger_sync")));
  EXPECT_TRUE(Offers(reads_only, *FindOp("read_changes")));
}

TEST(ToolCatalogTest, SchemasAndAnnotationsComeFromTheArguments) {
  const ToolOp& create = *FindOp("create_item");
  auto schema = InputSchema(create);
  EXPECT_EQ(schema["type"], "object");
  EXPECT_EQ(schema["additionalProperties"], false);
  EXPECT_EQ(schema["required"], boost::json::parse(R"(["containerId","title"])"));
  EXPECT_EQ(schema["properties"].at("fields").at("type"), "object");
  EXPECT_EQ(Annotations(create)["readOnlyHint"], false);
  EXPECT_EQ(Annotations(*FindOp("get_item"))["readOnlyHint"], true);
}

TEST(ToolCatalogTest, ArgumentsAreCheckedBeforeAnyCall) {
  const ToolOp& items = *FindOp("list_items");
  EXPECT_TRUE(CheckArguments(items, boost::json::parse(R"({"containerId":"10000","q":"bug","limit":5})").as_object()).ok());
  for (const char* bad : {R"({"limit":0})", R"({"limit":"5"})", R"({"q":7})", R"({"other":1})"}) {
    EXPECT_EQ(CheckArguments(items, boost::json::parse(bad).as_object()).code(), absl::StatusCode::kInvalidArgument)
        << bad;
  }
  boost::json::object long_q{{"q", std::string(501, 'x')}};
  EXPECT_FALSE(CheckArguments(items, long_q).ok());
  EXPECT_NE(CheckArguments(*FindOp("get_item"), {}).message().find("itemId"), std::string::npos);
}

}  // namespace
}  // namespace ucf::mcp
