#include "ucf/connections/database_host_check.hpp"

#include <string>

#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/http/client/address_policy.hpp"

namespace ucf::connections {

connectors::HostCheck DatabaseHostCheck(bool allow_private) {
  return [allow_private](std::string_view host) -> absl::Status {
    if (allow_private) return absl::OkStatus();
    std::string_view ip = host;
    if (ip.size() >= 2 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
    std::optional<bool> refused = http::IsRefusedAddress(ip);
    if (!refused || !*refused) return absl::OkStatus();
    return core::WithDetails(
        absl::PermissionDeniedError(
            "the database host is on a loopback, private or reserved network; set "
            "UCF_ALLOW_PRIVATE_DATABASES=true to allow such databases"),
        {{"field", "host"}, {"reason", "private_network"}});
  };
}

}  // namespace ucf::connections
