#pragma once
// How much free text one request may carry in one place. Every string a handler reads from a
// request (JSON body fields via core/json_fields, query and path parameters via the dispatcher) is
// checked against these bounds before anything else looks at it: too long → 400 invalid_request
// naming the field. The body as a whole is bounded by the server (UCF_MAX_BODY_BYTES → 413).

#include <cstddef>

namespace ucf::core {

// Names, ids, URLs, reasons, filters, cursors, tokens' metadata: anything not listed below.
inline constexpr std::size_t kMaxStringBytes = 4096;
// Credentials a client hands over verbatim (access tokens, API tokens, JWT assertions).
inline constexpr std::size_t kMaxCredentialBytes = 16 * 1024;
// Prose a user writes for a provider: item bodies, comments, free-form item fields.
inline constexpr std::size_t kMaxTextBytes = 256 * 1024;
// Elements of one string array (scopes, events).
inline constexpr std::size_t kMaxListItems = 100;

}  // namespace ucf::core
