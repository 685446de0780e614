#include "ucf/connectors/postgres/pg_value_json.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <string>

#include "boost/json/array.hpp"
#include "boost/json/parse.hpp"
#include "boost/json/string.hpp"
#include "ucf/connectors/postgres/pg_text.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::postgres {
namespace {

constexpr std::int64_t kMaxSafeInteger = std::int64_t{1} << 53;
constexpr int kMaxArrayDepth = 6;  // PostgreSQL's MAXDIM

// Text from the server, repaired if it is not clean UTF-8 (pg_text.hpp).
boost::json::value Str(std::string_view s) {
  if (IsCleanUtf8(s)) return boost::json::string(s);
  return boost::json::string(ToCleanUtf8(s));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::optional<double> ParseDouble(std::string_view s) {
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

std::optional<std::int64_t> ParseInt(std::string_view s) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// A decimal number token ([-+]digits[.digits][e[-+]digits]) that a double holds exactly in the
// shortest-round-trip sense: at most 15 significant digits and a modest exponent.
bool FitsDouble(std::string_view token) {
  std::size_t i = 0;
  if (i < token.size() && (token[i] == '-' || token[i] == '+')) ++i;
  std::string digits;
  bool seen_point = false;
  int exponent_shift = 0;  // digits before the point
  for (; i < token.size() && (IsDigit(token[i]) || token[i] == '.'); ++i) {
    if (token[i] == '.') {
      if (seen_point) return false;
      seen_point = true;
      continue;
    }
    if (!seen_point) ++exponent_shift;
    digits.push_back(token[i]);
  }
  if (digits.empty()) return false;
  long exponent = 0;
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    auto e = ParseInt(token.substr(i + 1 + (i + 1 < token.size() && token[i + 1] == '+')));
    if (!e || *e > 10000 || *e < -10000) return false;
    exponent = *e;
    i = token.size();
  }
  if (i != token.size()) return false;
  std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return true;  // zero
  std::size_t last = digits.find_last_not_of('0');
  long magnitude = exponent + exponent_shift - static_cast<long>(first);
  return last - first + 1 <= 15 && magnitude < 300 && magnitude > -300;
}

boost::json::value Integer64(std::string_view text) {
  auto v = ParseInt(text);
  if (v && *v <= kMaxSafeInteger && *v >= -kMaxSafeInteger) return *v;
  return Str(text);
}

boost::json::value Numeric(std::string_view text) {
  if (text.find_first_of("Nn") != std::string_view::npos ||
      text.find_first_of("Ii") != std::string_view::npos) {
    return Str(text);  // NaN, Infinity, -Infinity
  }
  if (text.find_first_of(".eE") == std::string_view::npos) return Integer64(text);
  if (!FitsDouble(text)) return Str(text);
  auto d = ParseDouble(text);
  return d ? boost::json::value(*d) : Str(text);
}

boost::json::value Float(std::string_view text) {
  auto d = ParseDouble(text);
  return d ? boost::json::value(*d) : Str(text);
}

// True when every number token in the JSON document `text` survives Boost.JSON's parse exactly
// (64-bit integers, or decimals a double holds).
bool NumbersSurvive(std::string_view text) {
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      continue;
    }
    if (c != '-' && !IsDigit(c)) continue;
    std::size_t start = i;
    while (i < text.size() && (IsDigit(text[i]) || text[i] == '.' || text[i] == 'e' ||
                               text[i] == 'E' || text[i] == '+' || text[i] == '-')) {
      ++i;
    }
    std::string_view token = text.substr(start, i - start);
    --i;
    if (token.find_first_of(".eE") == std::string_view::npos) {
      if (ParseInt(token)) continue;
      std::uint64_t u = 0;
      auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), u);
      if (ec == std::errc() && end == token.data() + token.size()) continue;
      return false;
    }
    if (!FitsDouble(token)) return false;
  }
  return true;
}

boost::json::value Json(std::string_view text) {
  if (!NumbersSurvive(text)) return Str(text);
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec) return Str(text);
  return v;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

boost::json::value Bytea(std::string_view text) {
  if (!core::StartsWith(text, "\\x") || text.size() % 2 != 0) return Str(text);
  std::string bytes;
  bytes.reserve((text.size() - 2) / 2);
  for (std::size_t i = 2; i < text.size(); i += 2) {
    int hi = HexValue(text[i]), lo = HexValue(text[i + 1]);
    if (hi < 0 || lo < 0) return Str(text);
    bytes.push_back(static_cast<char>(hi * 16 + lo));
  }
  return Str(core::Base64Encode(bytes));
}

// "YYYY-MM-DD HH:MM:SS[.ffffff]" followed by `suffix`; nullopt for any other shape.
std::optional<std::string> IsoDateTime(std::string_view text, std::string_view suffix) {
  if (!core::EndsWith(text, suffix)) return std::nullopt;
  std::string_view core_part = text.substr(0, text.size() - suffix.size());
  constexpr std::string_view kShape = "dddd-dd-dd dd:dd:dd";
  if (core_part.size() < kShape.size()) return std::nullopt;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    if (kShape[i] == 'd' ? !IsDigit(core_part[i]) : core_part[i] != kShape[i]) return std::nullopt;
  }
  std::string_view fraction = core_part.substr(kShape.size());
  if (!fraction.empty()) {
    if (fraction[0] != '.' || fraction.size() < 2) return std::nullopt;
    for (char c : fraction.substr(1)) {
      if (!IsDigit(c)) return std::nullopt;
    }
  }
  std::string out(core_part);
  out[10] = 'T';
  return out;
}

boost::json::value Timestamptz(std::string_view text) {
  for (std::string_view utc : {"+00", "+00:00"}) {
    if (auto iso = IsoDateTime(text, utc)) return Str(core::StrCat(*iso, "Z"));
  }
  return Str(text);
}

boost::json::value Timestamp(std::string_view text) {
  if (auto iso = IsoDateTime(text, "")) return Str(*iso);
  return Str(text);
}

// Parses PostgreSQL's array output ("{1,NULL,\"a b\"}", nested, optional "[l:u]=" prefix).
class ArrayParser {
 public:
  ArrayParser(std::string_view text, PgType element, char delimiter)
      : text_(text), element_(element), delimiter_(delimiter) {}

  std::optional<boost::json::value> Parse() {
    if (!text_.empty() && text_[0] == '[') {
      std::size_t eq = text_.find('=');
      if (eq == std::string_view::npos) return std::nullopt;
      pos_ = eq + 1;
    }
    auto out = ParseLevel(1);
    if (!out || pos_ != text_.size()) return std::nullopt;
    return out;
  }

 private:
  std::optional<boost::json::value> ParseLevel(int depth) {
    if (depth > kMaxArrayDepth || pos_ >= text_.size() || text_[pos_] != '{') return std::nullopt;
    ++pos_;
    boost::json::array out;
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return boost::json::value(std::move(out));
    }
    while (true) {
      if (pos_ >= text_.size()) return std::nullopt;
      if (text_[pos_] == '{') {
        auto inner = ParseLevel(depth + 1);
        if (!inner) return std::nullopt;
        out.push_back(std::move(*inner));
      } else {
        auto element = ParseElement();
        if (!element) return std::nullopt;
        out.push_back(std::move(*element));
      }
      if (pos_ >= text_.size()) return std::nullopt;
      char c = text_[pos_++];
      if (c == '}') return boost::json::value(std::move(out));
      if (c != delimiter_) return std::nullopt;
    }
  }

  std::optional<boost::json::value> ParseElement() {
    std::string value;
    if (text_[pos_] == '"') {
      ++pos_;
      while (true) {
        if (pos_ >= text_.size()) return std::nullopt;
        char c = text_[pos_++];
        if (c == '"') break;
        if (c == '\\') {
          if (pos_ >= text_.size()) return std::nullopt;
          c = text_[pos_++];
        }
        value.push_back(c);
      }
      return PgTextToJson(element_, value);
    }
    while (pos_ < text_.size() && text_[pos_] != delimiter_ && text_[pos_] != '}') {
      char c = text_[pos_++];
      if (c == '\\') {
        if (pos_ >= text_.size()) return std::nullopt;
        c = text_[pos_++];
      }
      value.push_back(c);
    }
    if (value.empty()) return std::nullopt;
    if (core::EqualsIgnoreCase(value, "NULL")) return boost::json::value(nullptr);
    return PgTextToJson(element_, value);
  }

  std::string_view text_;
  PgType element_;
  char delimiter_;
  std::size_t pos_ = 0;
};

}  // namespace

boost::json::value PgTextToJson(const PgType& type, std::string_view text) {
  if (type.element != 0) {
    PgType element{type.element, 0};
    char delimiter = type.element == pg_oid::kBox ? ';' : ',';
    auto parsed = ArrayParser(text, element, delimiter).Parse();
    return parsed ? *std::move(parsed) : Str(text);
  }
  switch (type.oid) {
    case pg_oid::kBool:
      return text == "t" ? boost::json::value(true)
                         : (text == "f" ? boost::json::value(false) : Str(text));
    case pg_oid::kInt2:
    case pg_oid::kInt4:
    case pg_oid::kOid:
    case pg_oid::kInt8:
      return Integer64(text);
    case pg_oid::kFloat4:
    case pg_oid::kFloat8:
      return Float(text);
    case pg_oid::kNumeric:
      return Numeric(text);
    case pg_oid::kJson:
    case pg_oid::kJsonb:
      return Json(text);
    case pg_oid::kBytea:
      return Bytea(text);
    case pg_oid::kTimestamptz:
      return Timestamptz(text);
    case pg_oid::kTimestamp:
      return Timestamp(text);
    default:
      return Str(text);
  }
}

}  // namespace ucf::connectors::postgres
