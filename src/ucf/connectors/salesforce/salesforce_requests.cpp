#include "ucf/connectors/salesforce/salesforce_requests.hpp"

#include <chrono>

#include "ucf/connectors/atlassian/url_parts.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::connectors::salesforce {
namespace {

using atlassian::EncodePathSegment;
using atlassian::EncodeQuery;

constexpr std::size_t kMaxObjectName = 80;
constexpr std::string_view kDataRoot = "/services/data/";

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool IsApiName(std::string_view s) {
  if (s.empty() || s.size() > kMaxObjectName) return false;
  if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return false;
  for (char c : s) {
    if (!IsAlnum(c) && c != '_') return false;
  }
  return true;
}

bool IsRecordId(std::string_view s) {
  if (s.size() != 15 && s.size() != 18) return false;
  for (char c : s) {
    if (!IsAlnum(c)) return false;
  }
  return true;
}

}  // namespace

absl::Status CheckObjectName(std::string_view field, std::string_view name) {
  if (!IsApiName(name)) return core::InvalidField(field, "must be a Salesforce object API name such as Account");
  return absl::OkStatus();
}

absl::StatusOr<RecordRef> ParseItemId(std::string_view field, std::string_view text) {
  text = core::Trim(text);
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || !IsApiName(text.substr(0, colon)) || !IsRecordId(text.substr(colon + 1))) {
    return core::InvalidField(field, "must be <sObject>:<record Id>, e.g. Account:001xx000003DGb2AAG");
  }
  return RecordRef{std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
}

absl::StatusOr<std::string> SoslEscape(std::string_view text) {
  if (text.size() > kMaxSearchBytes) {
    return core::InvalidField("q", core::StrCat("must be at most ", kMaxSearchBytes, " bytes"));
  }
  static constexpr std::string_view kReserved = "?&|!{}[]()^~*:\\\"'+-";
  std::string cleaned(text);
  for (char& c : cleaned) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  std::string_view term = core::Trim(cleaned);
  if (term.empty()) return core::InvalidField("q", "must not be blank");
  std::string out;
  out.reserve(term.size() * 2);
  for (char c : term) {
    if (kReserved.find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string RecordsSoql(std::string_view object) {
  return core::StrCat("SELECT FIELDS(STANDARD) FROM ", object, " ORDER BY SystemModstamp DESC, Id DESC");
}

std::string ChangedRecordsSoql(std::string_view object, core::TimePoint since) {
  std::string at = core::FormatRfc3339(std::chrono::floor<std::chrono::seconds>(since));
  if (std::size_t dot = at.find('.'); dot != std::string::npos) at = core::StrCat(at.substr(0, dot), "Z");
  return core::StrCat("SELECT FIELDS(STANDARD) FROM ", object, " WHERE SystemModstamp >= ", at,
                      " ORDER BY SystemModstamp ASC, Id ASC");
}

std::string SearchSosl(std::string_view escaped_text, std::string_view object, std::string_view name_field,
                       int limit) {
  std::string fields = "Id";
  if (!name_field.empty() && name_field != "Id") core::StrAppend(&fields, ", ", name_field);
  core::StrAppend(&fields, ", CreatedDate, SystemModstamp");
  return core::StrCat("FIND {", escaped_text, "} IN ALL FIELDS RETURNING ", object, "(", fields, ") LIMIT ", limit);
}

std::string DescribeGlobalPath() { return "/sobjects"; }
std::string DescribePath(std::string_view object) {
  return core::StrCat("/sobjects/", EncodePathSegment(object), "/describe");
}
std::string QueryPath(std::string_view soql) { return core::StrCat("/query", EncodeQuery({{"q", std::string(soql)}})); }
std::string SearchPath(std::string_view sosl) { return core::StrCat("/search", EncodeQuery({{"q", std::string(sosl)}})); }
std::string RecordPath(const RecordRef& r) {
  return core::StrCat("/sobjects/", EncodePathSegment(r.object), "/", EncodePathSegment(r.id));
}
std::string CreateRecordPath(std::string_view object) { return core::StrCat("/sobjects/", EncodePathSegment(object)); }
std::string FeedElementsPath(std::string_view record_id, int page_size) {
  return core::StrCat("/chatter/feeds/record/", EncodePathSegment(record_id), "/feed-elements",
                      EncodeQuery({{"pageSize", core::StrCat(page_size)}}));
}
std::string PostFeedElementPath() { return "/chatter/feed-elements"; }

std::string OrgRoot(std::string_view base_url) {
  std::size_t at = base_url.find(kDataRoot);
  return std::string(at == std::string_view::npos ? base_url : base_url.substr(0, at));
}

absl::StatusOr<std::string> ContinuationUrl(std::string_view base_url, std::string_view path, std::string_view kind) {
  auto refuse = [] { return core::InvalidField("cursor", "is not a continuation of this listing"); };
  if (!path.starts_with(kDataRoot) || path.size() > 2048) return refuse();
  std::string_view rest = path.substr(kDataRoot.size());
  std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos || !rest.substr(slash + 1).starts_with(kind)) return refuse();
  if (core::Contains(path, "..") || core::Contains(path, "//")) return refuse();
  for (char c : path) {
    if (!IsAlnum(c) && std::string_view("/-._~?=&%+,").find(c) == std::string_view::npos) return refuse();
  }
  return core::StrCat(OrgRoot(base_url), path);
}

absl::StatusOr<boost::json::object> CreateRecordBody(const NewItem& item, std::string_view name_field,
                                                     std::string_view description_field) {
  if (core::Trim(item.title).empty()) return core::InvalidField("title", "must not be empty");
  if (name_field.empty()) {
    return core::InvalidField("title", core::StrCat(item.container_id, " has no createable name field; set its fields"));
  }
  boost::json::object body;
  for (const auto& [name, value] : item.fields) {
    std::string_view key(name);
    std::string field = core::StrCat("fields.", key);
    if (!IsApiName(key)) return core::InvalidField(field, "must be a Salesforce field API name");
    if (key == name_field || (!item.body.empty() && key == description_field)) {
      return core::InvalidField(field, "is set from title or body");
    }
    if (!(value.is_string() || value.is_number() || value.is_bool() || value.is_null())) {
      return core::InvalidField(field, "must be a string, number, boolean or null");
    }
    body[key] = value;
  }
  body[name_field] = item.title;
  if (!item.body.empty()) {
    if (description_field.empty()) {
      return core::InvalidField("body", core::StrCat(item.container_id, " has no Description field"));
    }
    body[description_field] = item.body;
  }
  return body;
}

absl::StatusOr<boost::json::object> FeedItemBody(std::string_view record_id, std::string_view text) {
  if (core::Trim(text).empty()) return core::InvalidField("text", "must not be empty");
  boost::json::object segment{{"type", "Text"}, {"text", text}};
  return boost::json::object{{"body", {{"messageSegments", boost::json::array{segment}}}},
                             {"feedElementType", "FeedItem"},
                             {"subjectId", record_id}};
}

}  // namespace ucf::connectors::salesforce
