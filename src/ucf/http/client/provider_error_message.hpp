#pragma once
// Finding the human-readable error text in a provider's error response body.

#include <string>
#include <string_view>

namespace ucf::http {

// The provider's own error text from common JSON error shapes, parts joined with "; ":
//   Atlassian   {"errorMessages": ["..."], "errors": {"field": "msg"}}   → "...; field: msg"
//   Confluence  {"errors": [{"title": "...", "detail": "..."}]}, {"message": "..."}
//   GitHub      {"message": "...", "errors": [{"field": "title", "code": "missing_field"}]}
//   OAuth 2.0   {"error": "invalid_grant", "error_description": "..."} → "invalid_grant: ..."
//   Salesforce  [{"message": "...", "errorCode": "INVALID_SESSION_ID"}] → "INVALID_SESSION_ID: ..."
//   generic     {"error": {"message": "..."}}, {"detail"|"title"|"error_message"|"errorMessage"|
//               "msg": "..."}
// A body that is not JSON but plain text is returned trimmed (only its first line); HTML or an
// empty body gives "". At most 16 parts are kept (linear time for any body). The result is neither scrubbed nor truncated (see secret_scrubber.hpp).
// Pure; never throws.
std::string ExtractProviderMessage(std::string_view body);

}  // namespace ucf::http
