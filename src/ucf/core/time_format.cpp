#include "ucf/core/time_format.hpp"

#include <fmt/format.h>

#include <ctime>
#include <optional>

#include "absl/time/time.h"

namespace ucf::core {

namespace {

// Proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's civil_from_days).
void CivilFromDays(long long z, long long* y, unsigned* m, unsigned* d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<long long>(yoe) + era * 400 + (*m <= 2);
}

void PutDigits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
}

}  // namespace

std::string FormatRfc3339(TimePoint t) {
  using namespace std::chrono;
  const long long ms = duration_cast<milliseconds>(t.time_since_epoch()).count();
  const long long secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  const long long days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  const unsigned sod = static_cast<unsigned>(secs - days * 86400);
  long long year;
  unsigned month, day;
  CivilFromDays(days, &year, &month, &day);
  if (year < 0 || year > 9999) {
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", year, month, day, sod / 3600,
                       sod / 60 % 60, sod % 60, ms - secs * 1000);
  }
  // Written by hand: this runs for every timestamp of every listed row.
  std::string out = "0000-00-00T00:00:00.000Z";
  PutDigits(&out[0], static_cast<unsigned>(year), 4);
  PutDigits(&out[5], month, 2);
  PutDigits(&out[8], day, 2);
  PutDigits(&out[11], sod / 3600, 2);
  PutDigits(&out[14], sod / 60 % 60, 2);
  PutDigits(&out[17], sod % 60, 2);
  PutDigits(&out[20], static_cast<unsigned>(ms - secs * 1000), 3);
  return out;
}

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long long DaysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// The common shapes, parsed by hand: "YYYY-MM-DDTHH:MM:SS", optionally ".mmm", then "Z" (what
// FormatRfc3339 writes and the database holds) or a "+HH:MM" / "-HH:MM" offset (what providers
// send). Anything else takes the general parser.
std::optional<TimePoint> ParseCanonical(std::string_view t) {
  long long offset_minutes = 0;
  std::size_t zone = 0;
  if (!t.empty() && t.back() == 'Z') {
    zone = 1;
  } else if (t.size() >= 6 && (t[t.size() - 6] == '+' || t[t.size() - 6] == '-') &&
             t[t.size() - 3] == ':') {
    int oh, om;
    if (!Digits(t, t.size() - 5, 2, &oh) || !Digits(t, t.size() - 2, 2, &om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset_minutes = (t[t.size() - 6] == '-' ? -1 : 1) * (oh * 60LL + om);
    zone = 6;
  } else {
    return std::nullopt;
  }
  const std::size_t body = t.size() - zone;
  if (body != 19 && body != 23) return std::nullopt;
  if (t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':') {
    return std::nullopt;
  }
  int y, mo, d, h, mi, sec, ms = 0;
  if (!Digits(t, 0, 4, &y) || !Digits(t, 5, 2, &mo) || !Digits(t, 8, 2, &d) ||
      !Digits(t, 11, 2, &h) || !Digits(t, 14, 2, &mi) || !Digits(t, 17, 2, &sec)) {
    return std::nullopt;
  }
  if (body == 23 && (t[19] != '.' || !Digits(t, 20, 3, &ms))) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  long long days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  long long total_ms = ((days * 24 + h) * 60 + mi) * 60'000LL + sec * 1000LL + ms -
                       offset_minutes * 60'000LL;
  // system_clock counts nanoseconds in 64 bits (years 1677..2262); saturate outside that range
  // instead of overflowing, as absl::ToChronoTime does for the general parser.
  constexpr long long kMaxMs = std::chrono::duration_cast<std::chrono::milliseconds>(TimePoint::duration::max()).count();
  if (total_ms >= kMaxMs) return TimePoint::max();
  if (total_ms <= -kMaxMs) return TimePoint::min();
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::milliseconds(total_ms)));
}

}  // namespace

absl::StatusOr<TimePoint> ParseRfc3339(std::string_view text) {
  if (std::optional<TimePoint> fast = ParseCanonical(text)) return *fast;
  absl::Time parsed;
  std::string err;
  if (!absl::ParseTime(absl::RFC3339_full, std::string(text), &parsed, &err)) {
    return absl::InvalidArgumentError("not an RFC 3339 timestamp: " + err);
  }
  return absl::ToChronoTime(parsed);
}

}  // namespace ucf::core
