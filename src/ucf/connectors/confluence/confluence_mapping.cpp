#include "ucf/connectors/confluence/confluence_mapping.hpp"

#include "ucf/connectors/atlassian/cursor.hpp"
#include "ucf/connectors/atlassian/response_json.hpp"
#include "ucf/connectors/atlassian/storage_format.hpp"
#include "ucf/connectors/atlassian/timestamps.hpp"
#include "ucf/connectors/confluence/confluence_requests.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::confluence {
namespace {

using atlassian::FindNonEmptyString;
using atlassian::FindObject;
using atlassian::FindString;
using atlassian::FindStringPath;
using atlassian::NormalizeOptionalTimestamp;

std::string Indexed(std::string_view array, std::size_t i) {
  return core::StrCat(array, "[", i, "]");
}

// base + webui, when both are known.
std::optional<std::string> WebUrl(const boost::json::object& obj,
                                  const std::optional<std::string>& base) {
  std::optional<std::string> webui = FindStringPath(obj, {"_links", "webui"});
  if (!webui || webui->empty()) return std::nullopt;
  if (core::StartsWith(*webui, "https://") || core::StartsWith(*webui, "http://")) return webui;
  std::optional<std::string> own_base = LinksBase(obj);
  const std::optional<std::string>& b = own_base ? own_base : base;
  if (!b) return std::nullopt;
  std::string_view root(*b);
  while (root.ends_with("/")) root.remove_suffix(1);
  return core::StrCat(root, webui->starts_with("/") ? "" : "/", *webui);
}

boost::json::value OrNull(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

std::optional<std::string> VersionNumber(const boost::json::object& obj) {
  const boost::json::object* version = FindObject(obj, "version");
  if (version == nullptr) return std::nullopt;
  std::optional<std::int64_t> number = atlassian::FindInt(*version, "number");
  if (!number) return std::nullopt;
  return core::StrCat(*number);
}

template <typename T, typename MapOne>
absl::StatusOr<Page<T>> MapResults(const boost::json::object& body, const http::Headers& headers,
                                   MapOne map_one) {
  UCF_ASSIGN_OR_RETURN(const boost::json::array* results,
                       atlassian::OptionalArray(kProvider, body, "results", "results"));
  Page<T> out;
  for (std::size_t i = 0; i < results->size(); ++i) {
    const boost::json::value& v = (*results)[i];
    if (!v.is_object()) {
      return atlassian::MalformedField(kProvider, Indexed("results", i), "is not an object");
    }
    // Every property is optional in the spec; an object without id cannot be addressed.
    if (!FindNonEmptyString(v.as_object(), "id")) continue;
    UCF_ASSIGN_OR_RETURN(T mapped, map_one(v.as_object()));
    out.items.push_back(std::move(mapped));
  }
  out.next = atlassian::NextCursor(body, headers);
  return out;
}

}  // namespace

std::optional<std::string> LinksBase(const boost::json::object& body) {
  std::optional<std::string> base = FindStringPath(body, {"_links", "base"});
  if (!base || base->empty()) return std::nullopt;
  return base;
}

absl::StatusOr<AccountInfo> MapCredentialCheck(const boost::json::object& spaces) {
  UCF_RETURN_IF_ERROR(atlassian::OptionalArray(kProvider, spaces, "results", "results").status());
  AccountInfo info;
  if (std::optional<std::string> base = LinksBase(spaces)) info.extra["site"] = *base;
  return info;
}

absl::StatusOr<Page<Container>> MapSpacePage(const boost::json::object& body,
                                             const http::Headers& headers,
                                             const std::optional<std::string>& fallback_base) {
  std::optional<std::string> base = LinksBase(body);
  if (!base) base = fallback_base;
  return MapResults<Container>(
      body, headers,
      [&](const boost::json::object& space) -> absl::StatusOr<Container> {
        Container c;
        c.id = FindNonEmptyString(space, "id").value_or("");
        std::optional<std::string> key = FindNonEmptyString(space, "key");
        c.label = FindString(space, "name").value_or(key.value_or(c.id));
        c.type = FindString(space, "type").value_or("");
        c.meta["key"] = OrNull(key);
        c.meta["status"] = OrNull(FindString(space, "status"));
        c.meta["url"] = OrNull(WebUrl(space, base));
        c.raw = space;
        return c;
      });
}

absl::StatusOr<std::optional<std::string>> MapSpaceIdByKey(const boost::json::object& body) {
  UCF_ASSIGN_OR_RETURN(const boost::json::array* results,
                       atlassian::OptionalArray(kProvider, body, "results", "results"));
  if (results->empty()) return std::optional<std::string>();
  if (!results->front().is_object()) {
    return atlassian::MalformedField(kProvider, "results[0]", "is not an object");
  }
  return FindNonEmptyString(results->front().as_object(), "id");
}

absl::StatusOr<Item> MapPage(const boost::json::object& page, std::string_view fallback_space,
                             const std::optional<std::string>& base, bool with_body,
                             std::string_view fallback_id) {
  Item item;
  item.id = FindNonEmptyString(page, "id").value_or(std::string(fallback_id));
  item.name = FindString(page, "title").value_or("");
  item.container_id = FindNonEmptyString(page, "spaceId").value_or(std::string(fallback_space));
  item.meta.status = FindString(page, "status");
  item.meta.url = WebUrl(page, base);
  item.meta.author = FindNonEmptyString(page, "authorId");
  item.meta.created = NormalizeOptionalTimestamp(FindString(page, "createdAt"));
  item.meta.updated = NormalizeOptionalTimestamp(FindStringPath(page, {"version", "createdAt"}));
  item.meta.parent_id = FindNonEmptyString(page, "parentId");
  item.meta.version = VersionNumber(page);
  if (with_body) item.body = FindStringPath(page, {"body", "storage", "value"}).value_or("");
  item.raw = page;
  return item;
}

absl::StatusOr<Page<Item>> MapPageList(const boost::json::object& body,
                                       const http::Headers& headers,
                                       std::string_view fallback_space,
                                       const std::optional<std::string>& fallback_base) {
  std::optional<std::string> base = LinksBase(body);
  if (!base) base = fallback_base;
  return MapResults<Item>(body, headers,
                          [&](const boost::json::object& page) {
                            return MapPage(page, fallback_space, base, /*with_body=*/false);
                          });
}

absl::StatusOr<Comment> MapFooterComment(const boost::json::object& comment) {
  Comment out;
  out.id = FindNonEmptyString(comment, "id").value_or("");
  out.author = FindStringPath(comment, {"version", "authorId"});
  if (out.author && out.author->empty()) out.author.reset();
  out.text = atlassian::StorageToPlainText(
      FindStringPath(comment, {"body", "storage", "value"}).value_or(""));
  out.created = NormalizeOptionalTimestamp(FindStringPath(comment, {"version", "createdAt"}));
  out.updated = out.created;
  out.raw = comment;
  return out;
}

absl::StatusOr<Page<Comment>> MapFooterCommentPage(const boost::json::object& body,
                                                   const http::Headers& headers) {
  return MapResults<Comment>(body, headers,
                             [](const boost::json::object& comment) {
                               return MapFooterComment(comment);
                             });
}

}  // namespace ucf::connectors::confluence
