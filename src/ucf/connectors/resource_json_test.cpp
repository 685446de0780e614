#include "ucf/connectors/resource_json.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"

namespace ucf::connectors {
namespace {

TEST(ResourceJsonTest, ItemJsonTextIsTheSerialisedItemJson) {
  Item bare;
  bare.id = "BEN-1";
  Item full;
  full.id = "10001";
  full.name = "Quote \" backslash \\ tab \t newline \n bell \x07 del \x7f unicode é ✓ slash /";
  full.container_id = "10000";
  full.meta.key = "BEN-2";
  full.meta.status = "To Do";
  full.meta.url = "https://acme.atlassian.net/browse/BEN-2";
  full.meta.author = "Ann \"A\" Example";
  full.meta.created = "2026-01-01T09:00:00Z";
  full.meta.updated = "2026-01-02T09:00:00.123Z";
  full.meta.parent_id = "BEN-1";
  full.meta.version = "3";
  full.body = std::string("line 1\r\nline 2 \x01\x1f", 17);
  full.raw = boost::json::parse(R"({"ignored": true})");  // raw is never part of the stored shape
  Item empty_body = bare;
  empty_body.body = "";
  for (const Item* item : {&bare, &full, &empty_body}) {
    std::string expected = boost::json::serialize(ItemJson(*item, false));
    EXPECT_EQ(ItemJsonText(*item), expected);
  }
  // Same bytes, so same hashes as records stored by earlier versions (serialised objects).
  EXPECT_EQ(boost::json::parse(ItemJsonText(full)).as_object(), ItemJson(full, false));
}

}  // namespace
}  // namespace ucf::connectors
