#include "ucf/core/error_details.hpp"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"

namespace ucf::core {

absl::Status WithDetails(absl::Status status, const boost::json::object& details) {
  status.SetPayload(kDetailsTypeUrl, absl::Cord(boost::json::serialize(details)));
  return status;
}

std::optional<boost::json::object> GetDetails(const absl::Status& status) {
  std::optional<absl::Cord> payload = status.GetPayload(kDetailsTypeUrl);
  if (!payload) return std::nullopt;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(std::string(*payload), ec);
  if (ec || !value.is_object()) return std::nullopt;
  return value.as_object();
}

absl::Status InvalidField(std::string_view field, std::string_view reason) {
  boost::json::object details{{"field", field}, {"reason", reason}};
  return WithDetails(absl::InvalidArgumentError(absl::StrCat("invalid field '", field, "': ", reason)),
                     details);
}

absl::Status RateLimited(std::string_view message, int retry_after_seconds) {
  boost::json::object details{{"retryAfterSeconds", retry_after_seconds}};
  return WithDetails(absl::ResourceExhaustedError(message), details);
}

}  // namespace ucf::core
