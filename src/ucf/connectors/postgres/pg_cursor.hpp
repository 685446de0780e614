#pragma once
// The browser's own continuation values (PgBrowser's `next`): base64url of a small JSON object
//   {"m": mode, "k": [key texts], "c": [key column names], "o": offset, "u": changed}
// with mode "rel" (container listing: k = [schema, name]), "pk" (k = last primary-key values,
// c = the key columns), "ctid" (k = [last ctid]) or "off" (o = rows already listed); "u" only in
// a changed-rows listing (pk, ctid): the last row's updated-at value as timestamptz text.
// They are not secret and not signed here: the caller signs them (connectors::CursorCodec).
// Decode is strict and bounded (16 KiB, 32 keys, NUL-free UTF-8 keys) and fails with
// InvalidArgument naming "cursor".

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace ucf::connectors::postgres {

struct PgCursor {
  std::string mode;
  std::vector<std::string> key;
  std::vector<std::string> columns;
  std::int64_t offset = 0;
  std::string changed;  // empty outside a changed-rows listing
};

std::string EncodePgCursor(const PgCursor& cursor);
absl::StatusOr<PgCursor> DecodePgCursor(std::string_view text);

}  // namespace ucf::connectors::postgres
