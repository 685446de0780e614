#include "ucf/connectors/confluence/confluence_requests.hpp"

#include "ucf/connectors/atlassian/storage_format.hpp"
#include "ucf/connectors/atlassian/url_parts.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::confluence {
namespace {

using atlassian::EncodePathSegment;
using atlassian::EncodeQuery;
using atlassian::QueryParams;

constexpr std::string_view kApi = "/wiki/api/v2";

QueryParams Paging(int limit, std::string_view cursor) {
  QueryParams params{{"limit", core::StrCat(limit)}};
  if (!cursor.empty()) params.emplace_back("cursor", std::string(cursor));
  return params;
}

boost::json::object StorageBody(std::string_view text) {
  return boost::json::object{{"representation", "storage"},
                             {"value", atlassian::PlainTextToStorage(text)}};
}

}  // namespace

bool IsNumericId(std::string_view id) {
  if (id.empty() || id.size() > 19) return false;
  for (char c : id) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool LooksLikeSpaceKey(std::string_view key) {
  if (key.empty() || key.size() > 255 || IsNumericId(key)) return false;
  for (char c : key) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '~' || c == ':' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

absl::Status RequireNumericId(std::string_view field, std::string_view value) {
  if (core::Trim(value).empty()) return core::InvalidField(field, "is required");
  if (!IsNumericId(value)) return core::InvalidField(field, "must be a numeric Confluence id");
  return absl::OkStatus();
}

std::string SpacesPath(int limit, std::string_view cursor) {
  return core::StrCat(kApi, "/spaces", EncodeQuery(Paging(limit, cursor)));
}

std::string SpaceByKeyPath(std::string_view key) {
  return core::StrCat(kApi, "/spaces", EncodeQuery({{"keys", std::string(key)}, {"limit", "1"}}));
}

std::string SpacePagesPath(std::string_view space_id, int limit, std::string_view cursor) {
  return core::StrCat(kApi, "/spaces/", EncodePathSegment(space_id), "/pages",
                      EncodeQuery(Paging(limit, cursor)));
}

std::string SpacePagesByModificationPath(std::string_view space_id, int limit, std::string_view cursor) {
  QueryParams params{{"sort", "modified-date"}};
  for (auto& p : Paging(limit, cursor)) params.push_back(std::move(p));
  return core::StrCat(kApi, "/spaces/", EncodePathSegment(space_id), "/pages", EncodeQuery(params));
}

std::string PagesByTitlePath(std::string_view space_id, std::string_view title, int limit,
                             std::string_view cursor) {
  QueryParams params{{"space-id", std::string(space_id)}, {"title", std::string(title)}};
  for (auto& p : Paging(limit, cursor)) params.push_back(std::move(p));
  return core::StrCat(kApi, "/pages", EncodeQuery(params));
}

std::string PagePath(std::string_view page_id) {
  return core::StrCat(kApi, "/pages/", EncodePathSegment(page_id),
                      EncodeQuery({{"body-format", "storage"}}));
}

std::string FooterCommentsPath(std::string_view page_id, int limit, std::string_view cursor) {
  QueryParams params{{"body-format", "storage"}};
  for (auto& p : Paging(limit, cursor)) params.push_back(std::move(p));
  return core::StrCat(kApi, "/pages/", EncodePathSegment(page_id), "/footer-comments",
                      EncodeQuery(params));
}

std::string CreatePagePath() { return core::StrCat(kApi, "/pages"); }
std::string CreateFooterCommentPath() { return core::StrCat(kApi, "/footer-comments"); }

absl::StatusOr<boost::json::object> CreatePageBody(std::string_view space_id, const NewItem& item) {
  if (core::Trim(item.title).empty()) return core::InvalidField("title", "must not be empty");
  boost::json::object body{{"spaceId", space_id},
                           {"status", "current"},
                           {"title", item.title},
                           {"body", StorageBody(item.body)}};
  for (const auto& [name, value] : item.fields) {
    std::string_view key(name);
    if (key != "parentId") {
      return core::InvalidField(core::StrCat("fields.", key), "is not supported by confluence");
    }
    if (value.is_null()) continue;
    if (!value.is_string() || !IsNumericId(std::string_view(value.as_string()))) {
      return core::InvalidField("fields.parentId", "must be a numeric Confluence page id");
    }
    body["parentId"] = value;
  }
  return body;
}

absl::StatusOr<boost::json::object> CreateFooterCommentBody(std::string_view page_id,
                                                            std::string_view text) {
  if (core::Trim(text).empty()) return core::InvalidField("text", "must not be empty");
  return boost::json::object{{"pageId", page_id}, {"body", StorageBody(text)}};
}

}  // namespace ucf::connectors::confluence
