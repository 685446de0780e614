#pragma once
// CursorCodec: the opaque cursors clients see. A connector's provider continuation (a Jira
// nextPageToken, an offset, a Confluence cursor) is wrapped together with what it is valid for —
// the connection, the listing kind and its scope (containerId, search text, item id) — and signed
// with HMAC-SHA256 under a key derived from the encryption key ring:
//
//   cursor = base64url(JSON {"v":1,"c":connection,"k":kind,"s":scope,"p":provider}) "."
//            base64url(first 16 bytes of HMAC(key, payload))
//
// Encoding is deterministic (the same page always yields the same cursor, so retries are stable).
// Decode refuses — InvalidArgument naming field "cursor" — anything malformed, tampered with,
// signed by no known key, or issued for another connection, kind or scope. The provider value is
// readable by whoever holds the cursor (it is the provider's own paging token, not a secret).
// Thread-safe (immutable after construction).

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace ucf::connectors {

// What a cursor is bound to.
struct CursorBinding {
  std::string_view connection_id;
  std::string_view kind;   // "containers", "items", "comments"
  std::string_view scope;  // e.g. containerId + "\n" + q; empty when none
};

class CursorCodec {
 public:
  // `keys`: signing key first, then older keys still accepted (KeyRing::DeriveKeys). Non-empty.
  explicit CursorCodec(std::vector<std::string> keys);

  std::string Encode(const CursorBinding& binding, std::string_view provider_cursor) const;

  // The provider cursor inside `cursor`; "" for an empty cursor (the first page).
  absl::StatusOr<std::string> Decode(const CursorBinding& binding, std::string_view cursor) const;

 private:
  std::vector<std::string> keys_;
};

}  // namespace ucf::connectors
