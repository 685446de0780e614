#include "ucf/auth/oauth/form_encoding.hpp"

#include "boost/url/encode.hpp"
#include "boost/url/parse.hpp"
#include "boost/url/parse_query.hpp"
#include "boost/url/rfc/unreserved_chars.hpp"
#include "boost/url/url.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::auth::oauth {
namespace {

boost::urls::string_view Bv(std::string_view s) { return {s.data(), s.size()}; }

std::string Encode(std::string_view s, bool space_as_plus = false) {
  boost::urls::encoding_opts opts;
  opts.space_as_plus = space_as_plus;
  return boost::urls::encode(Bv(s), boost::urls::unreserved_chars, opts);
}

}  // namespace

std::string EncodeFormParams(const FormParams& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    if (!out.empty()) out += '&';
    core::StrAppend(&out, Encode(key), "=", Encode(value));
  }
  return out;
}

absl::StatusOr<FormParams> DecodeFormParams(std::string_view text) {
  FormParams out;
  if (text.empty()) return out;
  auto parsed = boost::urls::parse_query(Bv(text));
  if (!parsed) return absl::InvalidArgumentError("malformed form-encoded text");
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  for (auto param : *parsed) {
    std::string key = param.key.decode(opts);
    std::string value = param.has_value ? param.value.decode(opts) : std::string();
    out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

std::optional<std::string> FindParam(const FormParams& params, std::string_view key) {
  for (const auto& [k, v] : params) {
    if (k == key) return v;
  }
  return std::nullopt;
}

absl::StatusOr<std::string> AppendQueryParams(std::string_view url, const FormParams& params) {
  auto parsed = boost::urls::parse_uri(Bv(url));
  if (!parsed) return absl::InvalidArgumentError("not an absolute URL");
  boost::urls::url out(*parsed);
  std::string query(std::string_view(out.encoded_query()));
  std::string added = EncodeFormParams(params);
  if (!query.empty() && !added.empty()) query += '&';
  query += added;
  out.set_encoded_query(Bv(query));
  out.remove_fragment();
  return std::string(std::string_view(out.buffer()));
}

std::string BasicAuthorization(std::string_view client_id, std::string_view client_secret) {
  std::string credentials = core::StrCat(Encode(client_id, true), ":", Encode(client_secret, true));
  return core::StrCat("Basic ", core::Base64Encode(credentials));
}

}  // namespace ucf::auth::oauth
