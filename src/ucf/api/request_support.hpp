#pragma once
// Small parsing helpers shared by the handlers: body, paging, the actor, workspaceId checks.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "boost/json/array.hpp"
#include "boost/json/object.hpp"
#include "ucf/audit/actor.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/http/request.hpp"

namespace ucf::api {

// The JSON object body (empty body allowed when `allow_empty`), with any `workspaceId` field
// checked against the request's tenant (403 on mismatch).
absl::StatusOr<boost::json::object> ParseBody(const http::Request& request,
                                              bool allow_empty = false);

// `limit` query parameter: 1..200, default 50; InvalidArgument naming `limit` otherwise.
absl::StatusOr<int> ParseLimit(const http::Request& request);

// An optional RFC 3339 query parameter; InvalidArgument naming it when malformed.
absl::StatusOr<std::optional<core::TimePoint>> ParseTimeQuery(const http::Request& request,
                                                             std::string_view name);

// The acting principal of an authenticated request.
audit::Actor ActorOf(const http::Request& request);

// This service's public origin for URLs handed to providers and browsers: UCF_PUBLIC_URL (the
// composition root fills the development default; never the request's Host). No trailing slash.
std::string PublicBaseUrl(const std::string& public_url);

// A page {items, next} (next null at the end).
boost::json::object PageJson(boost::json::array items, const std::optional<std::string>& next);

}  // namespace ucf::api
