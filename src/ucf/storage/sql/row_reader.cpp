#include "ucf/storage/sql/row_reader.hpp"

#include <charconv>

#include "boost/json/parse.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/storage/sql/secrets.hpp"

namespace ucf::storage::sql {

void RowReader::Fail(std::string_view what) {
  if (!status_.ok()) return;
  status_ =
      absl::DataLossError(core::StrCat("bad value in ", table_, " column #", index_, ": ", what));
}

const Cell* RowReader::Next() {
  if (index_ >= row_.size()) {
    Fail("fewer columns than expected");
    return nullptr;
  }
  return &row_[index_++];
}

const std::string* RowReader::Required() {
  const Cell* cell = Next();
  if (cell == nullptr) return nullptr;
  if (!cell->has_value()) {
    Fail("unexpected NULL");
    return nullptr;
  }
  return &**cell;
}

std::string RowReader::Text() {
  const std::string* text = Required();
  return text == nullptr ? std::string() : *text;
}

std::optional<std::string> RowReader::OptText() {
  const Cell* cell = Next();
  return cell == nullptr ? std::nullopt : *cell;
}

std::int64_t RowReader::Int() {
  const std::string* text = Required();
  if (text == nullptr) return 0;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) Fail("not an integer");
  return value;
}

bool RowReader::Bool() {
  const std::string* text = Required();
  if (text == nullptr) return false;
  if (*text == "1") return true;
  if (*text == "0") return false;
  Fail("not a boolean");
  return false;
}

core::TimePoint RowReader::Time() {
  const std::string* text = Required();
  if (text == nullptr) return {};
  absl::StatusOr<core::TimePoint> t = core::ParseRfc3339(*text);
  if (!t.ok()) {
    Fail("not an RFC 3339 timestamp");
    return {};
  }
  return *t;
}

std::optional<core::TimePoint> RowReader::OptTime() {
  const Cell* cell = Next();
  if (cell == nullptr || !cell->has_value()) return std::nullopt;
  absl::StatusOr<core::TimePoint> t = core::ParseRfc3339(**cell);
  if (!t.ok()) {
    Fail("not an RFC 3339 timestamp");
    return std::nullopt;
  }
  return *t;
}

namespace {

std::optional<boost::json::value> ParseJson(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec) return std::nullopt;
  return v;
}

}  // namespace

boost::json::object RowReader::Object() {
  const std::string* text = Required();
  if (text == nullptr) return {};
  std::optional<boost::json::value> v = ParseJson(*text);
  if (!v.has_value() || !v->is_object()) {
    Fail("not a JSON object");
    return {};
  }
  return std::move(v->as_object());
}

std::vector<std::string> RowReader::StringArray() {
  const std::string* text = Required();
  if (text == nullptr) return {};
  std::optional<boost::json::value> v = ParseJson(*text);
  if (!v.has_value() || !v->is_array()) {
    Fail("not a JSON array");
    return {};
  }
  std::vector<std::string> out;
  out.reserve(v->as_array().size());
  for (const boost::json::value& item : v->as_array()) {
    if (!item.is_string()) {
      Fail("not an array of strings");
      return {};
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

std::string RowReader::Secret(const crypto::SecretCipher& cipher, std::string_view column) {
  const std::string* token = Required();
  if (token == nullptr) return {};
  absl::StatusOr<std::string> plain = OpenSecret(cipher, *token, table_, column);
  if (!plain.ok()) {
    if (status_.ok()) status_ = plain.status();
    return {};
  }
  return *std::move(plain);
}

std::optional<std::string> RowReader::OptSecret(const crypto::SecretCipher& cipher,
                                                std::string_view column) {
  const Cell* cell = Next();
  if (cell == nullptr || !cell->has_value()) return std::nullopt;
  absl::StatusOr<std::string> plain = OpenSecret(cipher, **cell, table_, column);
  if (!plain.ok()) {
    if (status_.ok()) status_ = plain.status();
    return std::nullopt;
  }
  return *std::move(plain);
}

boost::json::object RowReader::SecretObject(const crypto::SecretCipher& cipher,
                                            std::string_view column) {
  std::optional<std::string> plain = OptSecret(cipher, column);
  if (!plain.has_value()) return {};
  std::optional<boost::json::value> v = ParseJson(*plain);
  if (!v.has_value() || !v->is_object()) {
    Fail("decrypted secret is not a JSON object");
    return {};
  }
  return std::move(v->as_object());
}

}  // namespace ucf::storage::sql
