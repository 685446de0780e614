#include "ucf/connectors/postgres/pg_item_id.hpp"

#include <gtest/gtest.h>

#include "ucf/connectors/postgres/test_field.hpp"

namespace ucf::connectors::postgres {
namespace {

TEST(PgItemIdTest, SplitsAfterTheContainerIdEvenWhenNamesHoldColons) {
  auto plain = SplitItemId("public.users:42");
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(plain->container_id, "public.users");
  EXPECT_EQ(plain->row_id, "42");
  auto quoted = SplitItemId(R"("a:b"."c""d:":["1",":2"])");
  ASSERT_TRUE(quoted.ok()) << quoted.status();
  EXPECT_EQ(quoted->container_id, R"("a:b"."c""d:")");
  EXPECT_EQ(quoted->row_id, R"(["1",":2"])");
  EXPECT_EQ(SplitItemId(ItemId("public.logs", "(0,3)"))->row_id, "(0,3)");
}

TEST(PgItemIdTest, RefusesMalformedIdsNamingItemId) {
  for (std::string_view bad : {"", "42", "public.users", "public.users:", "users:42", "\"open.users:1",
                               "public.Users:1", "a.b.c:1", ":1"}) {
    auto got = SplitItemId(bad);
    EXPECT_TRUE(absl::IsInvalidArgument(got.status())) << bad;
    EXPECT_EQ(FieldOf(got.status()), "itemId") << bad;
  }
  EXPECT_FALSE(SplitItemId("public.t:" + std::string(kMaxItemIdBytes, '1')).ok());
}

}  // namespace
}  // namespace ucf::connectors::postgres
