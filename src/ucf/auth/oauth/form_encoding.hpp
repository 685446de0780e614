#pragma once
// Query strings and application/x-www-form-urlencoded bodies for OAuth requests, built with
// Boost.URL: every key and value is percent-encoded except the RFC 3986 unreserved characters
// (A-Z a-z 0-9 - . _ ~), so "&", "=", "+", "#", "/", ":" and spaces (as %20) never change how a
// server splits the parameters. Pure; thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace ucf::auth::oauth {

using FormParams = std::vector<std::pair<std::string, std::string>>;

// "k1=v1&k2=v2" in the given order.
std::string EncodeFormParams(const FormParams& params);

// Decodes "k1=v1&k2" ('+' and %20 are spaces; a key without '=' has an empty value).
// InvalidArgument when the text is not a valid query string.
absl::StatusOr<FormParams> DecodeFormParams(std::string_view text);

// The first value of `key`, if any.
std::optional<std::string> FindParam(const FormParams& params, std::string_view key);

// `url` (an absolute URL) with `params` appended to its query; an existing query is kept and a
// fragment dropped. InvalidArgument when `url` is not an absolute URL.
absl::StatusOr<std::string> AppendQueryParams(std::string_view url, const FormParams& params);

// The value of an Authorization header for HTTP Basic client authentication, RFC 6749 §2.3.1:
// "Basic " + base64(form-urlencode(client_id) ":" form-urlencode(client_secret)).
std::string BasicAuthorization(std::string_view client_id, std::string_view client_secret);

}  // namespace ucf::auth::oauth
