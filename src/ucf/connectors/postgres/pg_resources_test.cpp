#include "ucf/connectors/postgres/pg_resources.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"

namespace ucf::connectors::postgres {
namespace {

TEST(PgResourcesTest, ContainerCarriesKindAndEstimate) {
  Container c = ToContainer({"\"S\".t", {"S", "t"}, "view", std::nullopt});
  EXPECT_EQ(c.id, "\"S\".t");
  EXPECT_EQ(c.type, "view");
  EXPECT_EQ(c.meta, boost::json::parse(R"({"schema":"S","name":"t","estimatedRows":null})"));
  EXPECT_EQ(ToContainer({"public.t", {"public", "t"}, "table", 42}).meta.at("estimatedRows"), 42);
}

TEST(PgResourcesTest, ItemKeepsValuesAndOmittedColumns) {
  PgRow row{"7", boost::json::parse(R"({"id":7,"title":"Grüße","blob":null})").as_object(), {"blob"}};
  Item item = ToItem(row, "public.items");
  EXPECT_EQ(item.id, "7");
  EXPECT_EQ(item.name, "Grüße");
  EXPECT_EQ(item.container_id, "public.items");
  EXPECT_EQ(item.meta.key, "7");
  EXPECT_EQ(item.raw, boost::json::parse(
                          R"({"values":{"id":7,"title":"Grüße","blob":null},"omitted":["blob"]})"));
  PgRow untitled{"(0,1)", boost::json::parse(R"({"title":5})").as_object(), {}};
  EXPECT_EQ(ToItem(untitled, "public.nokey").name, "(0,1)");
}

}  // namespace
}  // namespace ucf::connectors::postgres
