#include "ucf/http/client/http_date.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cstdint>

#include "ucf/core/strings.hpp"

namespace ucf::http {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

std::optional<int> Month(std::string_view name) {
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (name == kMonths[i]) return static_cast<int>(i) + 1;
  }
  return std::nullopt;
}

std::optional<int> Number(std::string_view s) {
  s = core::Trim(s);
  if (s.empty() || s.size() > 4) return std::nullopt;
  std::optional<std::int64_t> n = core::ParseInt64(s);
  if (!n || *n < 0) return std::nullopt;
  return static_cast<int>(*n);
}

// "08:49:37" → seconds since midnight.
std::optional<int> TimeOfDay(std::string_view s) {
  std::vector<std::string_view> parts = core::Split(s, ':');
  if (parts.size() != 3) return std::nullopt;
  auto h = Number(parts[0]), m = Number(parts[1]), sec = Number(parts[2]);
  if (!h || !m || !sec || *h > 23 || *m > 59 || *sec > 60) return std::nullopt;
  return *h * 3600 + *m * 60 + std::min(*sec, 59);
}

std::optional<core::TimePoint> Assemble(int year, int month, std::optional<int> day,
                                        std::optional<int> seconds) {
  // The clock counts nanoseconds (about ±292 years around 1970): refuse years it cannot hold.
  if (!day || !seconds || year < 1900 || year > 2200) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{year},
                                  std::chrono::month{static_cast<unsigned>(month)},
                                  std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok()) return std::nullopt;
  auto t = std::chrono::sys_days(ymd) + std::chrono::seconds(*seconds);
  return std::chrono::time_point_cast<core::TimePoint::duration>(t);
}

std::vector<std::string_view> Words(std::string_view s) { return core::Split(s, ' ', true); }

}  // namespace

std::optional<core::TimePoint> ParseHttpDate(std::string_view text) {
  text = core::Trim(text);
  std::size_t comma = text.find(',');
  if (comma != std::string_view::npos) {
    std::vector<std::string_view> w = Words(text.substr(comma + 1));
    // IMF-fixdate: "06 Nov 1994 08:49:37 GMT"
    if (w.size() == 5 && w[4] == "GMT") {
      auto month = Month(w[1]);
      auto year = Number(w[2]);
      if (!month || !year || w[2].size() != 4) return std::nullopt;
      return Assemble(*year, *month, Number(w[0]), TimeOfDay(w[3]));
    }
    // RFC 850: "06-Nov-94 08:49:37 GMT"
    if (w.size() == 3 && w[2] == "GMT") {
      std::vector<std::string_view> dmy = core::Split(w[0], '-');
      if (dmy.size() != 3 || dmy[2].size() != 2) return std::nullopt;
      auto month = Month(dmy[1]);
      auto yy = Number(dmy[2]);
      if (!month || !yy) return std::nullopt;
      int year = *yy < 50 ? 2000 + *yy : 1900 + *yy;
      return Assemble(year, *month, Number(dmy[0]), TimeOfDay(w[1]));
    }
    return std::nullopt;
  }
  // asctime: "Sun Nov  6 08:49:37 1994"
  std::vector<std::string_view> w = Words(text);
  if (w.size() != 5) return std::nullopt;
  auto month = Month(w[1]);
  auto year = Number(w[4]);
  if (!month || !year || w[4].size() != 4) return std::nullopt;
  return Assemble(*year, *month, Number(w[2]), TimeOfDay(w[3]));
}

std::string FormatHttpDate(core::TimePoint t) {
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  auto days = std::chrono::floor<std::chrono::days>(secs);
  std::chrono::year_month_day ymd{days};
  std::chrono::hh_mm_ss hms{secs - days};
  std::chrono::weekday wd{days};
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT", kDays[wd.c_encoding()],
                     static_cast<unsigned>(ymd.day()),
                     kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

}  // namespace ucf::http
