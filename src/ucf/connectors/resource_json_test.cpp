#include "ucf/connectors/resource_json.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"

namespace ucf::connectors {
namespace {

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
