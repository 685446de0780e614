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

// The text writer and the DOM agree byte for byte, for every optional field set or not, escapes
// and non-ASCII included.
TEST(ResourceJsonTest, AppendItemJsonWritesWhatTheDomSerialises) {
  Item full;
  full.id = "10001";
  full.name = "Quote \" backslash \\ newline \n tab \t ctrl \x01 caf\xc3\xa9 </script>";
  full.container_id = "PROJ";
  full.meta = {"PROJ-1", "In Progress", "https://x.example/browse/PROJ-1", "Ann", "Bob",
               "2026-01-01T00:00:00.000+0000", "2026-01-02T00:00:00.000+0000", "10000", "7"};
  full.body = "body \u2028 text";
  full.raw = boost::json::parse(R"({"id":"10001","fields":{"n":1.5,"big":12345678901234567890,"list":[true,null]}})");
  Item empty;
  for (const Item* item : {&full, &empty}) {
    for (bool raw : {false, true}) {
      std::string text;
      AppendItemJson(text, *item, raw);
      EXPECT_EQ(text, boost::json::serialize(ItemJson(*item, raw))) << "raw=" << raw;
    }
  }
  Item partial = full;
  partial.meta.assignee.reset();
  partial.meta.version.reset();
  partial.body.reset();
  std::string text;
  AppendItemJson(text, partial, false);
  EXPECT_EQ(text, boost::json::serialize(ItemJson(partial, false)));
}

}  // namespace
}  // namespace ucf::connectors
