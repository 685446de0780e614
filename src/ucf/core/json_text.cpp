#include "ucf/core/json_text.hpp"

#include <charconv>
#include <cstdint>

#include "boost/json/basic_parser_impl.hpp"
#include "boost/json/serialize.hpp"
#include "boost/json/value.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::core {
namespace {

bool NeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

void AppendEscaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!NeedsEscape(c)) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\t': out.append("\\t"); break;
      case '\n': out.append("\\n"); break;
      case '\f': out.append("\\f"); break;
      case '\r': out.append("\\r"); break;
      default: {
        const char u[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out.append(u, sizeof u);
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
}

template <typename Int>
void AppendInteger(std::string& out, Int v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

// SAX events of boost::json::basic_parser written out as compact JSON, the way the DOM would be
// serialised: a comma before every element but the first of its container.
class CompactWriter {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  explicit CompactWriter(std::string* out) : out_(out) {}

  bool on_document_begin(boost::json::error_code&) { return true; }
  bool on_document_end(boost::json::error_code&) { return true; }
  bool on_array_begin(boost::json::error_code&) { return Open('['); }
  bool on_array_end(std::size_t, boost::json::error_code&) { return Close(']'); }
  bool on_object_begin(boost::json::error_code&) {
    if (depth_ == 0 && !started_) top_is_object_ = true;
    return Open('{');
  }
  bool on_object_end(std::size_t, boost::json::error_code&) { return Close('}'); }
  bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    part_.append(s.data(), s.size());
    return true;
  }
  bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    Element();
    String(s);
    return true;
  }
  bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    part_.append(s.data(), s.size());
    return true;
  }
  bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    Element();
    String(s);
    out_->push_back(':');
    after_key_ = true;
    return true;
  }
  bool on_number_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_int64(std::int64_t i, boost::json::string_view, boost::json::error_code&) {
    Element();
    AppendInteger(*out_, i);
    return true;
  }
  bool on_uint64(std::uint64_t u, boost::json::string_view, boost::json::error_code&) {
    Element();
    AppendInteger(*out_, u);
    return true;
  }
  bool on_double(double d, boost::json::string_view, boost::json::error_code&) {
    Element();
    out_->append(boost::json::serialize(boost::json::value(d)));  // boost's own float format
    return true;
  }
  bool on_bool(bool b, boost::json::error_code&) {
    Element();
    out_->append(b ? "true" : "false");
    return true;
  }
  bool on_null(boost::json::error_code&) {
    Element();
    out_->append("null");
    return true;
  }
  bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }

  bool top_is_object() const { return top_is_object_; }

 private:
  // Before any value or key: a comma unless it is the first in its container or follows a key.
  void Element() {
    started_ = true;
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ > 0 && !first_) out_->push_back(',');
    first_ = false;
  }
  bool Open(char c) {
    Element();
    out_->push_back(c);
    ++depth_;
    first_ = true;
    return true;
  }
  bool Close(char c) {
    out_->push_back(c);
    --depth_;
    first_ = false;
    return true;
  }
  void String(boost::json::string_view last) {
    out_->push_back('"');
    if (part_.empty()) {
      AppendEscaped(*out_, {last.data(), last.size()});
    } else {
      part_.append(last.data(), last.size());
      AppendEscaped(*out_, part_);
      part_.clear();
    }
    out_->push_back('"');
  }

  std::string* out_;
  std::string part_;  // a string or key split into parts (escapes in the input)
  int depth_ = 0;
  bool first_ = true;
  bool after_key_ = false;
  bool started_ = false;
  bool top_is_object_ = false;
};

bool Digits(std::string_view s, std::size_t from, std::size_t n) {
  for (std::size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// "YYYY-MM-DDTHH:MM:SS.mmmZ", the one form FormatRfc3339 writes (ranges checked by the parser
// on the slow path only: a stored value in this form was written by FormatRfc3339).
bool IsCanonicalTimestamp(std::string_view s) {
  return s.size() == 24 && Digits(s, 0, 4) && s[4] == '-' && Digits(s, 5, 2) && s[7] == '-' &&
         Digits(s, 8, 2) && s[10] == 'T' && Digits(s, 11, 2) && s[13] == ':' && Digits(s, 14, 2) &&
         s[16] == ':' && Digits(s, 17, 2) && s[19] == '.' && Digits(s, 20, 3) && s[23] == 'Z' &&
         s[5] <= '1' && s[8] <= '3' && s[11] <= '2' && s[14] <= '5' && s[17] <= '5';
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  AppendEscaped(out, s);
  out.push_back('"');
}

absl::Status AppendJsonObjectText(std::string& out, std::string_view text) {
  const std::size_t mark = out.size();
  boost::json::basic_parser<CompactWriter> parser(boost::json::parse_options{}, &out);
  boost::json::error_code ec;
  std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (ec || used != text.size() || !parser.handler().top_is_object()) {
    out.resize(mark);
    return absl::DataLossError("stored value is not a JSON object");
  }
  return absl::OkStatus();
}

absl::Status AppendJsonTimestamp(std::string& out, std::string_view text) {
  if (IsCanonicalTimestamp(text)) {
    out.push_back('"');
    out.append(text);
    out.push_back('"');
    return absl::OkStatus();
  }
  absl::StatusOr<TimePoint> t = ParseRfc3339(text);
  if (!t.ok()) return absl::DataLossError("stored value is not an RFC 3339 timestamp");
  out.push_back('"');
  out.append(FormatRfc3339(*t));
  out.push_back('"');
  return absl::OkStatus();
}

}  // namespace ucf::core
