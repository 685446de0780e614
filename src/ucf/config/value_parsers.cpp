#include "ucf/config/value_parsers.hpp"

#include "ucf/core/strings.hpp"

#include "boost/json/parse.hpp"

namespace ucf::config {

absl::StatusOr<bool> ParseBoolValue(std::string_view value) {
  std::string v = core::ToLower(core::Trim(value));
  if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
  if (v == "false" || v == "0" || v == "no" || v == "off" || v.empty()) return false;
  return absl::InvalidArgumentError(core::StrCat("must be true or false (got '", value, "')"));
}

absl::StatusOr<long long> ParseIntValue(std::string_view value, long long min, long long max) {
  std::optional<std::int64_t> parsed = core::ParseInt64(value);
  long long out = parsed.value_or(0);
  if (!parsed || out < min || out > max) {
    return absl::InvalidArgumentError(
        core::StrCat("must be an integer in [", min, ", ", max, "] (got '", value, "')"));
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> ParseListValue(std::string_view value) {
  std::string_view text = core::Trim(value);
  std::vector<std::string> out;
  if (!text.empty() && text.front() == '[') {
    boost::system::error_code ec;
    boost::json::value parsed = boost::json::parse(text, ec);
    if (ec || !parsed.is_array()) {
      return absl::InvalidArgumentError("must be a JSON array of strings or a comma-separated list");
    }
    for (const auto& e : parsed.as_array()) {
      if (!e.is_string()) return absl::InvalidArgumentError("must be a JSON array of strings");
      out.emplace_back(e.as_string());
    }
    return out;
  }
  for (std::string_view part : core::Split(text, ',', true)) {
    out.emplace_back(core::Trim(part));
  }
  return out;
}

}  // namespace ucf::config
