#pragma once
// Filling provider URL templates such as
// "https://{myDomain}.my.salesforce.com/services/oauth2/token" without ever letting a value change
// which host the URL names.
//
// A placeholder "{name}" may stand
//   - in the host: the value must be one or more DNS labels (letters, digits, inner hyphens,
//     dot-separated, each at most 63 characters), so it cannot end the host, add a port, user
//     info or a path;
//   - in the path: the value is percent-encoded as ONE segment (Boost.URL, everything but the
//     RFC 3986 unreserved characters is encoded, "/" included); "." and ".." are refused;
//   - in the query: the value is percent-encoded the same way.
// Placeholders are refused in the scheme, user info, port and fragment. The result is parsed with
// Boost.URL and must be an absolute http(s) URL with a host.
//
// Pure; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ucf/catalog/provider_spec.hpp"

namespace ucf::catalog {

// The placeholder names of `tmpl`, in order of appearance (repeats kept). InvalidArgument when the
// template is malformed: an unbalanced brace, a bad placeholder name, a placeholder where none is
// allowed, or not an absolute http(s) URL once sample values are filled in.
absl::StatusOr<std::vector<std::string>> TemplatePlaceholders(std::string_view tmpl);

// `tmpl` with every placeholder replaced by its value from `values`. InvalidArgument naming the
// placeholder when a value is missing or not allowed where it stands (the message never repeats
// the value).
absl::StatusOr<std::string> ExpandUrlTemplate(std::string_view tmpl, const UrlParams& values);

// Checks URL parameter values a tenant supplied for `spec`: each name must be declared, each
// required one present and non-empty, and each value must match its pattern. InvalidArgument with
// details {"field": "urlParams.<name>", "reason"} (core::InvalidField) for the first violation.
absl::Status ValidateUrlParams(const ProviderSpec& spec, const UrlParams& values);

// True when `value` is one or more DNS labels (see above): what a host placeholder accepts.
bool IsHostFragment(std::string_view value);

}  // namespace ucf::catalog
