// The JSON body decoders every handler uses (core/json_fields.hpp) on arbitrary bodies: parse,
// then the typed accessors on the fields the routes read. Nothing may crash; a string accepted
// under a bound is within it; an accepted object passes CheckStringLengths.

#include "fuzz/fuzz_input.hpp"
#include "ucf/core/json_fields.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto parsed = ucf::core::ParseJsonObject(body, /*allow_empty=*/size % 2 == 0);
  if (!parsed.ok()) return 0;
  const boost::json::object& obj = *parsed;
  for (std::string_view field : {"name", "connectorId", "id", "workspaceId", "reason", "title",
                                 "body", "text", "containerId", "cursor"}) {
    auto s = ucf::core::OptionalString(obj, field, 64);
    if (s.ok() && *s) UCF_FUZZ_CHECK((*s)->size() <= 64);
    (void)ucf::core::RequireString(obj, field);
  }
  for (std::string_view field : {"enabled", "raw", "force"}) (void)ucf::core::OptionalBool(obj, field);
  for (std::string_view field : {"limit", "expiresInDays"}) (void)ucf::core::OptionalInt(obj, field);
  for (std::string_view field : {"config", "credentials", "fields", "urlParams"}) {
    auto o = ucf::core::OptionalObject(obj, field, 256);
    if (o.ok()) UCF_FUZZ_CHECK(ucf::core::CheckStringLengths(boost::json::value(*o), "x", 256).ok());
  }
  for (std::string_view field : {"scopes", "labels", "events"}) {
    auto list = ucf::core::OptionalStringArray(obj, field);
    if (list.ok()) UCF_FUZZ_CHECK(list->size() <= ucf::core::kMaxListItems);
  }
  (void)ucf::core::CheckStringLengths(boost::json::value(obj), "", 128);
  return 0;
}
