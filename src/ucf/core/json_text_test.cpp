#include "ucf/core/json_text.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string_view>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::core {
namespace {

std::string ViaDom(std::string_view text) {
  return boost::json::serialize(boost::json::parse(text));
}

std::string Written(std::string_view text) {
  std::string out = "x";
  absl::Status s = AppendJsonObjectText(out, text);
  EXPECT_TRUE(s.ok()) << s << " for " << text;
  return out.substr(1);
}

TEST(JsonTextTest, StoredObjectsComeOutAsTheDomWouldPrintThem) {
  for (std::string_view text : {
           R"({})",
           R"({"base_url":"https://c1.example"})",
           // PostgreSQL jsonb output: spaces after ':' and ','.
           R"({"a": 1, "b": [1, 2, {"c": null}], "d": {"e": true, "f": false}})",
           R"( { "x" : [ ] , "y" : { } , "z" : [ [ ] , { } ] } )",
           // Numbers: integers, negative zero, beyond int64, fractions and exponents.
           R"({"i": -42, "z": -0, "u": 18446744073709551615, "big": 123456789012345678901234,
               "f": 1.0, "g": 0.1, "h": 1e300, "k": -2.5E-3})",
           // Escapes in and out: jsonb's \u0001, boost's own, a solidus, non-ASCII as is.
           R"({"s": "q\"b\\s\/n\n t\t r\r f\f b\b c\u0001 \u001f \u00e9 é 😀 \ud83d\ude00"})",
           R"({"k\"ey": "v", "\u0000": ""})",
           R"({"nested": {"deep": {"deeper": [1, "two", 3.5, null, true]}}})",
       }) {
    EXPECT_EQ(Written(text), ViaDom(text)) << text;
  }
}

// Random JSON text: nested containers, number forms, escapes and whitespace as any engine may
// store them; then one byte changed, which mostly makes it invalid.
std::string RandomValue(std::mt19937& rng, int depth) {
  auto pick = [&](std::initializer_list<const char*> xs) { return *(xs.begin() + rng() % xs.size()); };
  auto ws = [&] { return std::string(pick({"", "", " ", "\n\t "})); };
  switch (depth > 3 ? rng() % 4 : rng() % 6) {
    case 0:
      return pick({"0", "-0", "7", "-12", "9223372036854775807", "-9223372036854775808",
                   "18446744073709551615", "18446744073709551616", "1.0", "0.1", "1e3", "-2.5E-3",
                   "1E+2", "123456789.123456789", "5e-324"});
    case 1:
      return pick({"true", "false", "null"});
    case 2:
      return pick({"\"\"", "\"plain\"", "\"q\\\"b\\\\s\\/\"", "\"\\u0001\\u00e9\\ud83d\\ude00\"",
                   "\"\xc3\xa9\t\"", "\"\\b\\f\\n\\r\\t\""});
    case 3:
    case 4: {
      std::string out = "[" + ws();
      int n = static_cast<int>(rng() % 4);
      for (int i = 0; i < n; ++i) out += (i ? "," + ws() : "") + RandomValue(rng, depth + 1) + ws();
      return out + "]";
    }
    default: {
      std::string out = "{" + ws();
      int n = static_cast<int>(rng() % 4);
      for (int i = 0; i < n; ++i) {
        out += (i ? "," + ws() : "") + "\"k" + std::to_string(i) + pick({"", "\\n", "\\\""}) +
               "\"" + ws() + ":" + ws() + RandomValue(rng, depth + 1) + ws();
      }
      return out + "}";
    }
  }
}

TEST(JsonTextTest, RandomDocumentsMatchTheDom) {
  std::mt19937 rng(14);
  int compared = 0, refused = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string text;
    do text = RandomValue(rng, 0); while (text[0] != '{');
    // Damage every other document with one structural character (the alphabet sized from the
    // literal: an index past it was a UBSan finding).
    static constexpr std::string_view kDamage = "{}[]\":,0.e-\\ x";
    if (i % 2 == 1) text[rng() % text.size()] = kDamage[rng() % kDamage.size()];
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(text, ec);
    std::string out;
    absl::Status s = AppendJsonObjectText(out, text);
    if (ec || !v.is_object()) {
      ++refused;
      EXPECT_FALSE(s.ok()) << text;
      EXPECT_EQ(out, "");
      continue;
    }
    ++compared;
    ASSERT_TRUE(s.ok()) << text;
    EXPECT_EQ(out, boost::json::serialize(v)) << text;
  }
  EXPECT_GT(compared, 2500);
  EXPECT_GT(refused, 500);
}

TEST(JsonTextTest, WhatIsNotAnObjectIsRefusedAndNothingAppended) {
  for (std::string_view text : {"", "[]", "\"s\"", "1", "null", "{", "{\"a\":}", "{} {}", "{}x",
                                "{\"a\":1,}", "{'a':1}"}) {
    std::string out = "kept";
    absl::Status s = AppendJsonObjectText(out, text);
    EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss) << text;
    EXPECT_EQ(s.message(), "stored value is not a JSON object");  // never the value
    EXPECT_EQ(out, "kept");
  }
}

TEST(JsonTextTest, StringsAreEscapedAsBoostEscapesThem) {
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  for (std::string_view s : {std::string_view(""), std::string_view("plain"),
                             std::string_view("a\"b\\c/d\x7f"), std::string_view(all)}) {
    std::string out;
    AppendJsonString(out, s);
    EXPECT_EQ(out, boost::json::serialize(boost::json::string_view(s.data(), s.size())));
  }
}

TEST(JsonTextTest, TimestampsAreWrittenInTheOneWireForm) {
  auto written = [](std::string_view text) {
    std::string out;
    EXPECT_TRUE(AppendJsonTimestamp(out, text).ok()) << text;
    return out;
  };
  EXPECT_EQ(written("2026-11-25T20:36:41.123Z"), "\"2026-11-25T20:36:41.123Z\"");
  // PostgreSQL's rendering drops the fraction's trailing zeros; a finer one is truncated.
  EXPECT_EQ(written("2026-11-25T20:36:41.12Z"), "\"2026-11-25T20:36:41.120Z\"");
  EXPECT_EQ(written("2026-11-25T20:36:41Z"), "\"2026-11-25T20:36:41.000Z\"");
  EXPECT_EQ(written("2026-11-25T20:36:41.123456Z"),
            "\"" + FormatRfc3339(*ParseRfc3339("2026-11-25T20:36:41.123456Z")) + "\"");
  EXPECT_EQ(written("2026-11-25T21:36:41.5+01:00"), "\"2026-11-25T20:36:41.500Z\"");
  std::string out = "kept";
  EXPECT_EQ(AppendJsonTimestamp(out, "yesterday").code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(out, "kept");
}

}  // namespace
}  // namespace ucf::core
