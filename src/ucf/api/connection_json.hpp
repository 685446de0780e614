#pragma once
// The JSON rendering of a connection: never any secret value, only the names of secret fields.

#include <string>

#include "absl/status/status.h"
#include "boost/json/object.hpp"
#include "ucf/storage/connection_record.hpp"
#include "ucf/storage/stored_connection.hpp"

namespace ucf::api {

boost::json::object ConnectionJson(const storage::ConnectionRecord& c);
// The same, moving config and metadata out of `c` instead of copying them.
boost::json::object ConnectionJson(storage::ConnectionRecord&& c);
// The same object written straight to `out` from the stored row, byte for byte what serialising
// ConnectionJson of the parsed row gives (the stored JSON and timestamps checked and normalised
// on the way: core/json_text.hpp). DataLoss for a row that does not parse (out then unspecified).
absl::Status AppendConnectionJson(std::string& out, const storage::StoredConnection& c);

}  // namespace ucf::api
