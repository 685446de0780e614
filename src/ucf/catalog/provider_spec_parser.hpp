#pragma once
// Parsing one provider entry of a catalog document (internal to the catalog module).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "boost/json/value.hpp"
#include "ucf/catalog/provider_spec.hpp"

namespace ucf::catalog {

// Builds the catalog's InvalidArgument errors: "provider catalog <source>: provider \"<id>\":
// <field>: <reason>", details {"file", "provider", "field", "reason"}.
struct SpecErrors {
  std::string source;

  absl::Status Error(std::string_view provider, std::string_view field,
                     std::string_view reason) const;
};

// The placeholder names a post-connect step of `type` outputs (empty for an unknown type).
std::vector<std::string> PostConnectOutputs(std::string_view type);

// Parses and checks the `index`-th (from 1) entry of "providers".
absl::StatusOr<ProviderSpec> ParseProviderSpec(const boost::json::value& entry, std::size_t index,
                                               const SpecErrors& errors);

}  // namespace ucf::catalog
