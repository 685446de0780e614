#pragma once
// The JSON rendering of a connection: never any secret value, only the names of secret fields.

#include "boost/json/object.hpp"
#include "ucf/storage/connection_record.hpp"

namespace ucf::api {

boost::json::object ConnectionJson(const storage::ConnectionRecord& c);
// The same, moving config and metadata out of `c` instead of copying them.
boost::json::object ConnectionJson(storage::ConnectionRecord&& c);

}  // namespace ucf::api
