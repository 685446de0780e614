#include "ucf/core/error_details.hpp"

#include <fmt/format.h>

#include "absl/strings/cord.h"
#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::core {

absl::Status WithDetails(absl::Status status, const boost::json::object& details) {
  status.SetPayload(ToAbsl(kDetailsTypeUrl), absl::Cord(boost::json::serialize(details)));
  return status;
}

std::optional<boost::json::object> GetDetails(const absl::Status& status) {
  auto payload = status.GetPayload(ToAbsl(kDetailsTypeUrl));
  if (!payload) return std::nullopt;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(std::string(*payload), ec);
  if (ec || !value.is_object()) return std::nullopt;
  return value.as_object();
}

absl::Status InvalidField(std::string_view field, std::string_view reason) {
  boost::json::object details{{"field", field}, {"reason", reason}};
  return WithDetails(absl::InvalidArgumentError(fmt::format("invalid field '{}': {}", field, reason)),
                     details);
}

absl::Status RateLimited(std::string_view message, int retry_after_seconds) {
  boost::json::object details{{"retryAfterSeconds", retry_after_seconds}};
  return WithDetails(absl::ResourceExhaustedError(std::string(message)), details);
}

}  // namespace ucf::core
