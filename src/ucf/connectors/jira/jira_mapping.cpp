#include "ucf/connectors/jira/jira_mapping.hpp"

#include "ucf/connectors/atlassian/adf.hpp"
#include "ucf/connectors/atlassian/response_json.hpp"
#include "ucf/connectors/atlassian/timestamps.hpp"
#include "ucf/connectors/atlassian/url_parts.hpp"
#include "ucf/connectors/jira/jira_requests.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::jira {
namespace {

using atlassian::FindInt;
using atlassian::FindNonEmptyString;
using atlassian::FindObject;
using atlassian::FindString;
using atlassian::FindStringPath;
using atlassian::NormalizeOptionalTimestamp;

std::optional<std::string> SiteOf(const boost::json::object& obj,
                                  const std::optional<std::string>& fallback_site) {
  if (std::optional<std::string> self = FindString(obj, "self")) {
    if (std::optional<std::string> site = atlassian::SiteFromSelf(*self)) return site;
  }
  return fallback_site;
}

std::optional<std::string> BrowseUrl(const std::optional<std::string>& site, std::string_view key) {
  if (!site) return std::nullopt;
  return core::StrCat(*site, "/browse/", atlassian::EncodePathSegment(key));
}

std::string Indexed(std::string_view array, std::size_t i, std::string_view prefix = "") {
  return core::StrCat(prefix, array, "[", i, "]");
}

}  // namespace

absl::StatusOr<AccountInfo> MapMyself(const boost::json::object& user) {
  AccountInfo info;
  UCF_ASSIGN_OR_RETURN(info.account_id,
                       atlassian::RequireString(kProvider, user, "accountId", "accountId"));
  info.display_name = FindString(user, "displayName").value_or("");
  info.email = FindString(user, "emailAddress").value_or("");
  if (auto type = FindString(user, "accountType")) info.extra["accountType"] = *type;
  if (auto tz = FindString(user, "timeZone")) info.extra["timeZone"] = *tz;
  if (auto site = SiteOf(user, std::nullopt)) info.extra["site"] = *site;
  return info;
}

absl::StatusOr<Page<Container>> MapProjectPage(const boost::json::object& page,
                                               std::int64_t requested_start_at,
                                               const std::optional<std::string>& fallback_site) {
  UCF_ASSIGN_OR_RETURN(const boost::json::array* values,
                       atlassian::RequireArray(kProvider, page, "values", "values"));
  Page<Container> out;
  for (std::size_t i = 0; i < values->size(); ++i) {
    const boost::json::value& v = (*values)[i];
    if (!v.is_object())
      return atlassian::MalformedField(kProvider, Indexed("values", i), "is not an object");
    const boost::json::object& project = v.as_object();
    Container c;
    UCF_ASSIGN_OR_RETURN(
        c.id, atlassian::RequireString(kProvider, project, "id", Indexed("values", i) + ".id"));
    std::optional<std::string> key = FindNonEmptyString(project, "key");
    c.label = FindString(project, "name").value_or(key.value_or(c.id));
    c.type = FindString(project, "projectTypeKey").value_or("");
    c.meta["key"] = key ? boost::json::value(*key) : boost::json::value(nullptr);
    std::optional<std::string> url =
        key ? BrowseUrl(SiteOf(project, fallback_site), *key) : std::nullopt;
    if (!url) url = FindString(project, "self");
    c.meta["url"] = url ? boost::json::value(*url) : boost::json::value(nullptr);
    c.raw = project;
    out.items.push_back(std::move(c));
  }
  std::int64_t start_at = FindInt(page, "startAt").value_or(requested_start_at);
  bool more = FindNonEmptyString(page, "nextPage").has_value() ||
              atlassian::FindBool(page, "isLast") == false;
  if (more && !values->empty()) {
    out.next = core::StrCat(start_at + static_cast<std::int64_t>(values->size()));
  }
  return out;
}

absl::StatusOr<Item> MapIssue(boost::json::object issue, std::string_view fallback_container,
                              const std::optional<std::string>& fallback_site, bool with_body,
                              std::string_view field_prefix) {
  Item item;
  UCF_ASSIGN_OR_RETURN(
      std::string key,
      atlassian::RequireString(kProvider, issue, "key", core::StrCat(field_prefix, "key")));
  static const boost::json::object kEmpty;
  const boost::json::object* fields = FindObject(issue, "fields");
  const boost::json::object& f = fields != nullptr ? *fields : kEmpty;
  item.id = key;
  item.name = FindString(f, "summary").value_or("");
  item.container_id =
      FindStringPath(f, {"project", "id"}).value_or(std::string(fallback_container));
  item.meta.key = key;
  item.meta.status = FindStringPath(f, {"status", "name"});
  item.meta.url = BrowseUrl(SiteOf(issue, fallback_site), key);
  item.meta.author = FindStringPath(f, {"reporter", "displayName"});
  item.meta.assignee = FindStringPath(f, {"assignee", "displayName"});
  item.meta.created = NormalizeOptionalTimestamp(FindString(f, "created"));
  item.meta.updated = NormalizeOptionalTimestamp(FindString(f, "updated"));
  item.meta.parent_id = FindStringPath(f, {"parent", "key"});
  if (with_body) {
    const boost::json::value* description = f.if_contains("description");
    item.body = description != nullptr ? atlassian::FlattenAdf(*description) : std::string();
  }
  item.raw = std::move(issue);  // last: `f` points into it
  return item;
}

absl::StatusOr<Page<Item>> MapIssueSearch(boost::json::object results,
                                          std::string_view fallback_container,
                                          const std::optional<std::string>& fallback_site) {
  UCF_RETURN_IF_ERROR(atlassian::RequireArray(kProvider, results, "issues", "issues").status());
  boost::json::array& issues = results["issues"].as_array();
  Page<Item> out;
  out.items.reserve(issues.size());
  for (std::size_t i = 0; i < issues.size(); ++i) {
    boost::json::value& v = issues[i];
    if (!v.is_object())
      return atlassian::MalformedField(kProvider, Indexed("issues", i), "is not an object");
    UCF_ASSIGN_OR_RETURN(Item item, MapIssue(std::move(v.as_object()), fallback_container,
                                             fallback_site, /*with_body=*/false,
                                             Indexed("issues", i) + "."));
    out.items.push_back(std::move(item));
  }
  // nextPageToken is null or absent on the last page; isLast=true wins over a stray token.
  if (!atlassian::FindBool(results, "isLast").value_or(false)) {
    out.next = FindNonEmptyString(results, "nextPageToken");
  }
  return out;
}

absl::StatusOr<Comment> MapComment(const boost::json::object& comment,
                                   std::string_view field_prefix) {
  Comment out;
  UCF_ASSIGN_OR_RETURN(
      out.id, atlassian::RequireString(kProvider, comment, "id", core::StrCat(field_prefix, "id")));
  out.author = FindStringPath(comment, {"author", "displayName"});
  const boost::json::value* body = comment.if_contains("body");
  out.text = body != nullptr ? atlassian::FlattenAdf(*body) : std::string();
  out.created = NormalizeOptionalTimestamp(FindString(comment, "created"));
  out.updated = NormalizeOptionalTimestamp(FindString(comment, "updated"));
  out.raw = comment;
  return out;
}

absl::StatusOr<Page<Comment>> MapCommentPage(const boost::json::object& page,
                                             std::int64_t requested_start_at) {
  UCF_ASSIGN_OR_RETURN(const boost::json::array* comments,
                       atlassian::RequireArray(kProvider, page, "comments", "comments"));
  Page<Comment> out;
  for (std::size_t i = 0; i < comments->size(); ++i) {
    const boost::json::value& v = (*comments)[i];
    if (!v.is_object())
      return atlassian::MalformedField(kProvider, Indexed("comments", i), "is not an object");
    UCF_ASSIGN_OR_RETURN(Comment c, MapComment(v.as_object(), Indexed("comments", i) + "."));
    out.items.push_back(std::move(c));
  }
  std::int64_t start_at = FindInt(page, "startAt").value_or(requested_start_at);
  std::int64_t end = start_at + static_cast<std::int64_t>(comments->size());
  std::optional<std::int64_t> total = FindInt(page, "total");
  if (!comments->empty() && total && end < *total) out.next = core::StrCat(end);
  return out;
}

absl::StatusOr<Item> MapCreatedIssue(const boost::json::object& created, const NewItem& item,
                                     const std::optional<std::string>& fallback_site) {
  Item out;
  UCF_ASSIGN_OR_RETURN(std::string key, atlassian::RequireString(kProvider, created, "key", "key"));
  out.id = key;
  out.name = item.title;
  out.container_id = std::string(core::Trim(item.container_id));
  out.meta.key = key;
  out.meta.url = BrowseUrl(SiteOf(created, fallback_site), key);
  out.raw = created;
  return out;
}

}  // namespace ucf::connectors::jira
