#include "ucf/connectors/cursor_codec.hpp"

#include "boost/json/parse.hpp"
#include "boost/json/parse_options.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/crypto/hmac.hpp"

namespace ucf::connectors {
namespace {

constexpr std::size_t kMacBytes = 16;
constexpr std::size_t kMaxCursorBytes = 8192;

absl::Status Invalid(std::string_view why) { return core::InvalidField("cursor", why); }

std::string Mac(const std::string& key, std::string_view payload) {
  return crypto::HmacSha256(key, payload).substr(0, kMacBytes);
}

}  // namespace

CursorCodec::CursorCodec(std::vector<std::string> keys) : keys_(std::move(keys)) {}

std::string CursorCodec::Encode(const CursorBinding& binding, std::string_view provider_cursor) const {
  boost::json::object o;
  o["v"] = 1;
  o["c"] = binding.connection_id;
  o["k"] = binding.kind;
  o["s"] = binding.scope;
  o["p"] = provider_cursor;
  std::string payload = boost::json::serialize(o);
  return core::StrCat(core::Base64UrlEncode(payload), ".",
                      core::Base64UrlEncode(Mac(keys_.front(), payload)));
}

absl::StatusOr<std::string> CursorCodec::Decode(const CursorBinding& binding,
                                                std::string_view cursor) const {
  if (cursor.empty()) return std::string();
  if (cursor.size() > kMaxCursorBytes) return Invalid("is too long");
  std::size_t dot = cursor.find('.');
  if (dot == std::string_view::npos) return Invalid("is not a cursor this API issued");
  std::optional<std::string> payload = core::Base64UrlDecode(cursor.substr(0, dot));
  std::optional<std::string> mac = core::Base64UrlDecode(cursor.substr(dot + 1));
  if (!payload || !mac) return Invalid("is not a cursor this API issued");
  bool signed_by_us = false;
  for (const std::string& key : keys_) signed_by_us |= crypto::ConstantTimeEquals(Mac(key, *payload), *mac);
  if (!signed_by_us) return Invalid("was altered or has expired with a rotated key; list again from the start");
  // Our own bytes (the MAC matched): the scope holds the client's search text as sent, which need
  // not be UTF-8, and Encode wrote it as is (a cursor refused on the next page, found by fuzzing).
  boost::json::parse_options as_written;
  as_written.allow_invalid_utf8 = true;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(*payload, ec, {}, as_written);
  const boost::json::object* o = ec ? nullptr : v.if_object();
  auto text = [&](const char* k) -> std::string_view {
    const boost::json::value* f = o ? o->if_contains(k) : nullptr;
    return f && f->is_string() ? std::string_view(f->get_string()) : std::string_view();
  };
  if (o == nullptr || !o->contains("p")) return Invalid("is not a cursor this API issued");
  if (text("c") != binding.connection_id) return Invalid("belongs to another connection");
  if (text("k") != binding.kind || text("s") != binding.scope) {
    return Invalid("belongs to another listing; pass the same containerId/q/itemId as the first page");
  }
  return std::string(text("p"));
}

}  // namespace ucf::connectors
