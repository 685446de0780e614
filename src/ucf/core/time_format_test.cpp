#include "ucf/core/time_format.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <random>
#include <vector>

#include "absl/time/time.h"

namespace ucf::core {
namespace {

TEST(TimeFormatTest, RoundTripsUtcWithMillis) {
  auto t = ParseRfc3339("2026-11-25T20:36:41.123+01:00").value();
  EXPECT_EQ(FormatRfc3339(t), "2026-11-25T19:36:41.123Z");
  EXPECT_FALSE(ParseRfc3339("yesterday").ok());
  EXPECT_EQ(FormatRfc3339(TimePoint{}), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatRfc3339(ParseRfc3339("1969-12-31T23:59:59.5Z").value()), "1969-12-31T23:59:59.500Z");
}

TEST(TimeFormatTest, FormatterAgreesWithGmtimeAcrossCenturiesAndLeapDays) {
  std::mt19937_64 rng(42);
  // All of TimePoint's range (nanoseconds since 1970: 1677..2262), plus the edges of the epoch and
  // of leap days (2000-02-29, 2100-03-01, 1900-03-01).
  std::uniform_int_distribution<long long> any_ms(-9'200'000'000'000LL, 9'200'000'000'000LL);
  std::vector<long long> samples = {0, -1, 951'782'400'000, 951'868'799'999, 4'107'542'400'000,
                                    -2'203'891'200'000};
  for (int i = 0; i < 20000; ++i) samples.push_back(any_ms(rng));
  for (long long ms : samples) {
    TimePoint t{std::chrono::milliseconds(ms)};
    long long secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    time_t tt = static_cast<time_t>(secs);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char want[80];
    std::snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms - secs * 1000));
    ASSERT_EQ(FormatRfc3339(t), want) << ms;
    ASSERT_EQ(ParseRfc3339(want).value(), t) << want;
  }
}

TEST(TimeFormatTest, CanonicalFastPathAgreesWithGeneralParser) {
  for (const char* t : {"2026-11-25T20:36:41.123Z", "2000-02-29T00:00:00Z", "1970-01-01T00:00:00.000Z",
                        "2038-01-19T03:14:08.999Z", "1999-12-31T23:59:59.001Z"}) {
    auto parsed = ParseRfc3339(t).value();
    std::string round = FormatRfc3339(parsed);
    std::string expected(t);
    if (expected.size() == 20) expected.insert(19, ".000");
    EXPECT_EQ(round, expected);
  }
  EXPECT_FALSE(ParseRfc3339("2026-13-01T00:00:00Z").ok());
  EXPECT_FALSE(ParseRfc3339("2026-11-25T20:36:41.12xZ").ok());
}

TEST(TimeFormatTest, FastPathWithOffsetsAgreesWithAbsl) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<long long> any_ms(-9'000'000'000'000LL, 9'000'000'000'000LL);
  std::uniform_int_distribution<int> any_offset(-14 * 60, 14 * 60);
  for (int i = 0; i < 5000; ++i) {
    absl::Time instant = absl::FromUnixMillis(any_ms(rng));
    int offset = any_offset(rng);
    absl::TimeZone zone = absl::FixedTimeZone(offset * 60);
    for (const char* format : {"%Y-%m-%dT%H:%M:%S%Ez", "%Y-%m-%dT%H:%M:%E3S%Ez",
                               "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%E3SZ"}) {
      bool utc = std::string_view(format).back() == 'Z';
      std::string text = absl::FormatTime(format, instant, utc ? absl::UTCTimeZone() : zone);
      absl::Time want;
      std::string err;
      ASSERT_TRUE(absl::ParseTime(absl::RFC3339_full, text, &want, &err)) << text << err;
      ASSERT_EQ(ParseRfc3339(text).value(), absl::ToChronoTime(want)) << text;
    }
  }
  // Offsets neither path may misread.
  for (const char* bad : {"2026-11-25T20:36:41+24:00", "2026-11-25T20:36:41+05:60",
                          "2026-11-25T20:36:41.12+05:30x", "2026-11-25T20:36:41+5:30"}) {
    EXPECT_FALSE(ParseRfc3339(bad).ok()) << bad;
  }
}

TEST(TimeFormatTest, FarFutureAndPastSaturateInsteadOfOverflowing) {
  // Nanosecond system_clock ends in 2262; later instants clamp, both paths alike.
  EXPECT_EQ(ParseRfc3339("2999-01-01T00:00:00Z").value(), TimePoint::max());
  EXPECT_EQ(ParseRfc3339("2999-01-01T00:00:00+00:00").value(), TimePoint::max());
  EXPECT_GT(ParseRfc3339("2999-01-01T00:00:00Z").value(), ParseRfc3339("2262-01-01T00:00:00Z").value());
  EXPECT_EQ(ParseRfc3339("1000-01-01T00:00:00Z").value(), TimePoint::min());
}

}  // namespace
}  // namespace ucf::core
