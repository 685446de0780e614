#include "ucf/storage/sql/value.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "boost/json/array.hpp"
#include "boost/json/serialize.hpp"

namespace ucf::storage::sql {
namespace {

// StringArray writes its text without a DOM: the bytes boost::json::serialize writes for the same
// array, from owned strings and from views alike.
TEST(ValueTest, StringArrayIsTheSerialisedArray) {
  const std::vector<std::string> items = {"plain", "quo\"te", "back\\slash", "{brace,comma}", "ünï 💡",
                                          std::string("nul\0ctl\x01\n\t", 11), ""};
  boost::json::array dom;
  for (const std::string& item : items) dom.emplace_back(item);
  const std::string want = boost::json::serialize(dom);

  Value owned = Value::StringArray(items);
  EXPECT_EQ(owned.kind(), ValueKind::kJson);
  EXPECT_EQ(owned.text(), want);
  Value viewed = Value::StringArray(std::vector<std::string_view>(items.begin(), items.end()));
  EXPECT_EQ(viewed.text(), want);
  EXPECT_EQ(Value::StringArray(std::vector<std::string>{}).text(), "[]");
}

}  // namespace
}  // namespace ucf::storage::sql
