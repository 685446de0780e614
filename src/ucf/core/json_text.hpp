#pragma once
// Writing JSON text straight into a response, without building a boost::json DOM, byte for byte
// what boost::json::serialize would have written for the same values. For answers that mostly copy
// stored rows out (a list of a hundred connections): the stored JSON columns and timestamps are
// appended as they are, checked and normalised on the way, instead of parsed and re-printed.
//
//   std::string out = "{\"id\":";
//   AppendJsonString(out, record.id);
//   out += ",\"config\":";
//   UCF_RETURN_IF_ERROR(AppendJsonObjectText(out, stored_config_text));

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace ucf::core {

// Already serialised JSON (one complete value), e.g. a handler's `data` built without a DOM.
struct JsonText {
  std::string text;
};

// `s` as a JSON string literal, escaped exactly as boost::json::serialize escapes it (the bytes are
// copied as they are otherwise: callers keep strings UTF-8, as with the DOM).
void AppendJsonString(std::string& out, std::string_view s);

// Appends serialize(parse(text)) for a stored JSON object — insignificant whitespace dropped,
// numbers and escapes in boost's form (PostgreSQL's jsonb prints `{"a": 1.0}`, boost `{"a":1E0}`) —
// with a validating SAX parse and no DOM. DataLoss (nothing appended) when `text` is not a JSON
// object; the message never contains the text.
absl::Status AppendJsonObjectText(std::string& out, std::string_view text);

// Appends a stored RFC 3339 timestamp as FormatRfc3339(ParseRfc3339(text)) would write it
// ("2026-11-25T20:36:41.123Z"): copied when already in that form, else parsed and re-formatted
// (PostgreSQL drops trailing zeros of the fraction). DataLoss when it is not a timestamp.
absl::Status AppendJsonTimestamp(std::string& out, std::string_view text);

}  // namespace ucf::core
