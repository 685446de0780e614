#include "ucf/connections/config_write.hpp"

#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connections {

absl::Status PrefixField(absl::Status status, std::string_view prefix) {
  if (status.ok() || prefix.empty()) return status;
  std::optional<boost::json::object> details = core::GetDetails(status);
  if (!details) return status;
  const auto* field = details->if_contains("field");
  const auto* reason = details->if_contains("reason");
  if (field == nullptr || !field->is_string() || reason == nullptr || !reason->is_string()) return status;
  return core::InvalidField(core::StrCat(prefix, std::string_view(field->get_string())),
                            std::string_view(reason->get_string()));
}

absl::StatusOr<SplitConfig> CheckConfigWrite(const connectors::Connector& connector,
                                             const boost::json::object& config,
                                             std::string_view field_prefix) {
  absl::Status valid = connector.ValidateConfig(config);
  if (!valid.ok()) return PrefixField(std::move(valid), field_prefix);
  return SplitSecrets(connector.Describe(), config);
}

}  // namespace ucf::connections
