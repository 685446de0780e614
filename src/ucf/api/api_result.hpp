#pragma once
// What a route handler returns: the `data` of a success envelope, or the absl::Status of an error
// envelope. Handlers never build envelopes or HTTP responses themselves; the route table binds
// each handler through one adapter (routes.cpp Bind → http::EnvelopeResponse, the only
// Status → HTTP mapping). The few routes that answer something else (the browser's OAuth
// redirect, metrics text, docs HTML) return an http::Response and say why.

#include "absl/status/statusor.h"
#include "boost/json/value.hpp"
#include "ucf/core/json_text.hpp"

namespace ucf::api {

using ApiResult = absl::StatusOr<boost::json::value>;
// The same, with `data` already written as JSON text (core/json_text.hpp): for large answers that
// copy stored rows out without building a DOM (the connection list).
using ApiTextResult = absl::StatusOr<core::JsonText>;

}  // namespace ucf::api
