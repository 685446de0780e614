#include "ucf/connectors/postgres/pg_cursor.hpp"

#include "boost/json/array.hpp"
#include "boost/json/object.hpp"
#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/connectors/postgres/pg_ident.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::postgres {
namespace {

constexpr std::size_t kMaxCursorBytes = 16 * 1024;
constexpr std::size_t kMaxKeys = 32;
constexpr std::size_t kMaxChangedBytes = 64;  // a timestamptz's text

absl::Status Bad(std::string_view why) { return core::InvalidField("cursor", why); }

boost::json::array Strings(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const std::string& v : values) out.emplace_back(v);
  return out;
}

absl::StatusOr<std::vector<std::string>> ReadStrings(const boost::json::object& o, const char* key) {
  std::vector<std::string> out;
  const boost::json::value* v = o.if_contains(key);
  if (v == nullptr) return out;
  if (!v->is_array() || v->get_array().size() > kMaxKeys) return Bad("malformed cursor");
  for (const boost::json::value& e : v->get_array()) {
    if (!e.is_string()) return Bad("malformed cursor");
    std::string s(e.get_string().data(), e.get_string().size());
    if (!IsCleanUtf8(s)) return Bad("malformed cursor");
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::string EncodePgCursor(const PgCursor& cursor) {
  boost::json::object o;
  o["m"] = cursor.mode;
  if (!cursor.key.empty()) o["k"] = Strings(cursor.key);
  if (!cursor.columns.empty()) o["c"] = Strings(cursor.columns);
  if (cursor.offset != 0) o["o"] = cursor.offset;
  if (!cursor.changed.empty()) o["u"] = cursor.changed;
  return core::Base64UrlEncode(core::ToStd(boost::json::serialize(o)));
}

absl::StatusOr<PgCursor> DecodePgCursor(std::string_view text) {
  if (text.size() > kMaxCursorBytes) return Bad("cursor is too long");
  auto json = core::Base64UrlDecode(text);
  if (!json) return Bad("malformed cursor");
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(*json, ec);
  if (ec || !v.is_object()) return Bad("malformed cursor");
  const boost::json::object& o = v.get_object();
  PgCursor out;
  const boost::json::value* mode = o.if_contains("m");
  if (mode == nullptr || !mode->is_string()) return Bad("malformed cursor");
  out.mode = std::string(mode->get_string().data(), mode->get_string().size());
  if (out.mode != "rel" && out.mode != "pk" && out.mode != "ctid" && out.mode != "off") {
    return Bad("malformed cursor");
  }
  auto key = ReadStrings(o, "k");
  if (!key.ok()) return key.status();
  out.key = *std::move(key);
  auto columns = ReadStrings(o, "c");
  if (!columns.ok()) return columns.status();
  out.columns = *std::move(columns);
  if (const boost::json::value* offset = o.if_contains("o")) {
    if (!offset->is_int64() || offset->get_int64() < 0) return Bad("malformed cursor");
    out.offset = offset->get_int64();
  }
  if (const boost::json::value* changed = o.if_contains("u")) {
    if (!changed->is_string() || changed->get_string().empty() || changed->get_string().size() > kMaxChangedBytes) {
      return Bad("malformed cursor");
    }
    out.changed = std::string(changed->get_string().data(), changed->get_string().size());
    if (!IsCleanUtf8(out.changed)) return Bad("malformed cursor");
  }
  return out;
}

}  // namespace ucf::connectors::postgres
