#pragma once
// Removing credentials from free text a provider sent back (error messages), before the text
// reaches a Status, a log line or an API response.
//
// Replaced by "***" (the label is kept, the value goes):
//   - the credential after an auth scheme: "Bearer <x>", "Basic <x>", "Digest <x>"; and after
//     "token " when that word contains a digit
//   - the value of a secret-like key in key=value, key: value and "key": "value" forms
//     (access_token, refresh_token, id_token, token, client_secret, secret, password, passwd,
//     api_key/apikey, authorization, signature, session_id, private_key, assertion, x-api-key;
//     case-insensitive, camelCase too), and of code, sig and state in key=value (query) form
//   - JWTs (eyJ….….…), well-known token shapes (GitHub ghp_/gho_/ghu_/ghs_/ghr_/github_pat_,
//     Atlassian ATATT…, Slack xox?-, Stripe sk_live_/sk_test_, Salesforce session ids 00D…!…)
//   - user info in URLs (https://user:pw@host → https://***@host)
//   - any run of 32+ URL/base64 characters mixing upper case, lower case and digits (random
//     secrets; hex ids and UUIDs, being single-case, survive)
// O(n) in the length of `text` (a fixed number of linear passes; no regular expressions), so it
// is safe on any input; callers still bound free text first (ScrubAndTruncate). Pure; thread-safe.

#include <cstddef>
#include <string>
#include <string_view>

namespace ucf::http {

std::string ScrubSecrets(std::string_view text);

// What untrusted free text (a provider's error body, an OAuth error_description, a revocation
// reason) becomes before it reaches a Status, log line, audit entry or response: cut to a prefix
// of 4 × `max_bytes` first (bounding the work), scrubbed, then cut to `max_bytes` (with "…"),
// so a secret straddling the final cut is still recognised whole.
std::string ScrubAndTruncate(std::string_view text, std::size_t max_bytes);

// At most `max_bytes` bytes of `text`, cut on a UTF-8 character boundary, with "…" appended
// when something was cut.
std::string TruncateUtf8(std::string_view text, std::size_t max_bytes);

}  // namespace ucf::http
