#include "ucf/connectors/postgres/pg_value_json.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/connectors/postgres/pg_cursor.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::postgres {
namespace {

boost::json::value J(std::string_view json) { return boost::json::parse(json); }
boost::json::value S(std::string_view s) { return boost::json::string(s); }
boost::json::value Map(std::uint32_t oid, std::string_view text, std::uint32_t element = 0) {
  return PgTextToJson({oid, element}, text);
}

TEST(PgValueJsonTest, Integers) {
  EXPECT_EQ(Map(pg_oid::kInt4, "-42"), J("-42"));
  EXPECT_EQ(Map(pg_oid::kInt8, "9007199254740992"), J("9007199254740992"));  // 2^53
  EXPECT_EQ(Map(pg_oid::kInt8, "9007199254740993"), S("9007199254740993"));
  EXPECT_EQ(Map(pg_oid::kInt8, "-9223372036854775808"), S("-9223372036854775808"));
}

TEST(PgValueJsonTest, NumericStaysExactOrBecomesText) {
  EXPECT_EQ(Map(pg_oid::kNumeric, "3.14"), boost::json::value(3.14));
  EXPECT_EQ(Map(pg_oid::kNumeric, "100"), J("100"));
  EXPECT_EQ(Map(pg_oid::kNumeric, "0.000"), boost::json::value(0.0));
  EXPECT_EQ(Map(pg_oid::kNumeric, "12345678901234567890.123456789"),
            S("12345678901234567890.123456789"));
  EXPECT_EQ(Map(pg_oid::kNumeric, "0.1234567890123456"), S("0.1234567890123456"));
  EXPECT_EQ(Map(pg_oid::kNumeric, "123456789012345678"), S("123456789012345678"));
  EXPECT_EQ(Map(pg_oid::kNumeric, "NaN"), S("NaN"));
  EXPECT_EQ(Map(pg_oid::kNumeric, "-Infinity"), S("-Infinity"));
  EXPECT_EQ(Map(pg_oid::kFloat8, "1e+300"), boost::json::value(1e300));
  EXPECT_EQ(Map(pg_oid::kFloat8, "Infinity"), S("Infinity"));
}

TEST(PgValueJsonTest, TimesAndIntervals) {
  EXPECT_EQ(Map(pg_oid::kTimestamptz, "2026-11-25 20:36:41.123+00"), S("2026-11-25T20:36:41.123Z"));
  EXPECT_EQ(Map(pg_oid::kTimestamptz, "2026-11-25 20:36:41+00"), S("2026-11-25T20:36:41Z"));
  EXPECT_EQ(Map(pg_oid::kTimestamptz, "infinity"), S("infinity"));
  EXPECT_EQ(Map(pg_oid::kTimestamptz, "0044-03-15 00:00:00+00 BC"), S("0044-03-15 00:00:00+00 BC"));
  EXPECT_EQ(Map(pg_oid::kTimestamp, "2026-01-02 03:04:05.5"), S("2026-01-02T03:04:05.5"));
  EXPECT_EQ(Map(pg_oid::kInterval, "P1Y2M3DT4H5M6S"), S("P1Y2M3DT4H5M6S"));
}

TEST(PgValueJsonTest, JsonEmbeddedUnlessNumbersWouldChange) {
  EXPECT_EQ(Map(pg_oid::kJsonb, R"({"a": [1, "x", null, true], "b": {"c": 1.5}})"),
            J(R"({"a":[1,"x",null,true],"b":{"c":1.5}})"));
  EXPECT_EQ(Map(pg_oid::kJson, R"("just a string")"), S("just a string"));
  EXPECT_EQ(Map(pg_oid::kJsonb, R"({"n": 18446744073709551615})"), J(R"({"n":18446744073709551615})"));
  // A number a double cannot hold: the document comes back as its text.
  EXPECT_EQ(Map(pg_oid::kJsonb, R"({"n": 123456789012345678901234567890})"),
            S(R"({"n": 123456789012345678901234567890})"));
  EXPECT_EQ(Map(pg_oid::kJsonb, R"({"s": "123456789012345678901234567890"})"),
            J(R"({"s":"123456789012345678901234567890"})"));
}

TEST(PgValueJsonTest, ByteaAsBase64) {
  EXPECT_EQ(Map(pg_oid::kBytea, "\\x00ff10"), S("AP8Q"));
  EXPECT_EQ(Map(pg_oid::kBytea, "\\x"), S(""));
}

TEST(PgValueJsonTest, Arrays) {
  EXPECT_EQ(Map(1007, "{1,2,NULL,-3}", pg_oid::kInt4), J("[1,2,null,-3]"));
  EXPECT_EQ(Map(1007, "{{1,2},{3,4}}", pg_oid::kInt4), J("[[1,2],[3,4]]"));
  EXPECT_EQ(Map(1007, "[0:1]={7,8}", pg_oid::kInt4), J("[7,8]"));
  EXPECT_EQ(Map(1009, R"({plain,"with space","q\"uote","back\\slash","NULL",NULL,"",Grüße})",
                pg_oid::kText),
            J(R"(["plain","with space","q\"uote","back\\slash","NULL",null,"","Grüße"])"));
  EXPECT_EQ(Map(1009, "{}", pg_oid::kText), J("[]"));
  EXPECT_EQ(Map(1001, R"({"\\x0102"})", pg_oid::kBytea), J(R"(["AQI="])"));
  EXPECT_EQ(Map(1185, R"({"2026-01-01 00:00:00+00"})", pg_oid::kTimestamptz),
            J(R"(["2026-01-01T00:00:00Z"])"));
  EXPECT_EQ(Map(1020, "{(1,1),(0,0);(2,2),(1,1)}", pg_oid::kBox), J(R"x(["(1,1),(0,0)","(2,2),(1,1)"])x"));
  // Malformed input falls back to the text.
  EXPECT_EQ(Map(1007, "{1,2", pg_oid::kInt4), S("{1,2"));
  EXPECT_EQ(Map(1007, "{{{{{{{1}}}}}}}", pg_oid::kInt4), S("{{{{{{{1}}}}}}}"));
}

TEST(PgValueJsonTest, OtherTypesAreTheirText) {
  EXPECT_EQ(Map(pg_oid::kBool, "t"), J("true"));
  EXPECT_EQ(Map(pg_oid::kText, "Grüße 日本"), S("Grüße 日本"));
  // Text a hostile server sends that is not UTF-8 is repaired, never passed on.
  EXPECT_EQ(Map(pg_oid::kText, "a\xff" "b"), S("a\xEF\xBF\xBD" "b"));
  EXPECT_EQ(Map(1009, "{\"a\xc3\"}", pg_oid::kText), J("[\"a\\uFFFD\"]"));
  EXPECT_EQ(Map(2950, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), S("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
}

TEST(PgCursorTest, RoundTripAndStrictDecode) {
  PgCursor c{.mode = "pk", .key = {"1", "x\"y"}, .columns = {"a", "b"}};
  auto back = DecodePgCursor(EncodePgCursor(c));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->key, c.key);
  EXPECT_EQ(back->columns, c.columns);
  for (std::string bad : {std::string("!!!"), core::Base64UrlEncode("not json"),
                          core::Base64UrlEncode(R"({"m":"drop"})"),
                          core::Base64UrlEncode(R"({"m":"pk","k":[1]})"),
                          core::Base64UrlEncode(R"({"m":"off","o":-5})"),
                          core::Base64UrlEncode(R"([1,2])"), std::string(20000, 'A')}) {
    auto d = DecodePgCursor(bad);
    ASSERT_FALSE(d.ok()) << bad;
    EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace ucf::connectors::postgres
