#include "ucf/connections/secret_split.hpp"

#include "ucf/observability/redact.hpp"

namespace ucf::connections {

SplitConfig SplitSecrets(const boost::json::object& config) {
  SplitConfig out;
  for (const auto& [key, value] : config) {
    if (observability::IsSecretKey(key)) {
      if (!value.is_null()) out.secret[key] = value;
    } else if (value.is_object()) {
      SplitConfig nested = SplitSecrets(value.as_object());
      out.plain[key] = std::move(nested.plain);
      if (!nested.secret.empty()) out.secret[key] = std::move(nested.secret);
    } else {
      out.plain[key] = value;
    }
  }
  return out;
}

}  // namespace ucf::connections
