#pragma once
// A tenant's write of a connection config (POST /api/connections, PATCH /api/connections/{id},
// the `config` of the credentials connect callback): checked by the connector's ValidateConfig —
// unknown keys, URLs with user info and malformed values are refused — then split into the plain
// part and the sealed part (secret_split.hpp). Errors are InvalidArgument whose details.field is
// the key prefixed with `field_prefix` (e.g. "config." → "config.pw").

#include <string_view>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/connections/secret_split.hpp"
#include "ucf/connectors/connector.hpp"

namespace ucf::connections {

absl::StatusOr<SplitConfig> CheckConfigWrite(const connectors::Connector& connector,
                                             const boost::json::object& config,
                                             std::string_view field_prefix);

// `status` with its details.field prefixed by `prefix` (unchanged when it names no field).
absl::Status PrefixField(absl::Status status, std::string_view prefix);

}  // namespace ucf::connections
