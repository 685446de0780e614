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

// The next offset of an offset-paged listing: the page's startAt (the requested one when the
// answer has none or a negative one) plus the rows it held; nullopt when that would overflow.
std::optional<std::int64_t> NextOffset(const boost::json::object& page, std::int64_t requested,
                                       std::size_t rows) {
  std::int64_t start_at = FindInt(page, "startAt").value_or(requested);
  if (start_at < 0) start_at = requested;
  auto count = static_cast<std::int64_t>(rows);
  if (start_at > INT64_MAX - count) return std::nullopt;
  return start_at + count;
}

}  // namespace

absl::StatusOr<AccountInfo> MapMyself(const boost::json::object& user) {
  AccountInfo info;
  info.account_id = FindString(user, "accountId").value_or("");
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
                       atlassian::OptionalArray(kProvider, page, "values", "values"));
  Page<Container> out;
  for (std::size_t i = 0; i < values->size(); ++i) {
    const boost::json::value& v = (*values)[i];
    if (!v.is_object())
      return atlassian::MalformedField(kProvider, Indexed("values", i), "is not an object");
    const boost::json::object& project = v.as_object();
    std::optional<std::string> key = FindNonEmptyString(project, "key");
    Container c;
    // Jira takes a project's id or key wherever it takes one; a project with neither cannot be
    // addressed and is left out.
    std::optional<std::string> id = FindNonEmptyString(project, "id");
    if (!id) id = key;
    if (!id) continue;
    c.id = *std::move(id);
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
  bool more = FindNonEmptyString(page, "nextPage").has_value() ||
              atlassian::FindBool(page, "isLast") == false;
  std::optional<std::int64_t> next = NextOffset(page, requested_start_at, values->size());
  if (more && !values->empty() && next) out.next = core::StrCat(*next);
  return out;
}

absl::StatusOr<Item> MapIssue(boost::json::object issue, std::string_view fallback_container,
                              const std::optional<std::string>& fallback_site, bool with_body,
                              std::string_view field_prefix, std::string_view fallback_id) {
  Item item;
  std::optional<std::string> key = FindNonEmptyString(issue, "key");
  std::optional<std::string> id = key ? key : FindNonEmptyString(issue, "id");
  if (!id && !fallback_id.empty()) id = std::string(fallback_id);
  if (!id) {
    return atlassian::MalformedField(kProvider, core::StrCat(field_prefix, "key"),
                                     "and 'id' are both missing");
  }
  static const boost::json::object kEmpty;
  const boost::json::object* fields = FindObject(issue, "fields");
  const boost::json::object& f = fields != nullptr ? *fields : kEmpty;
  item.id = *id;
  item.name = FindString(f, "summary").value_or("");
  item.container_id =
      FindStringPath(f, {"project", "id"}).value_or(std::string(fallback_container));
  item.meta.key = key;
  item.meta.status = FindStringPath(f, {"status", "name"});
  item.meta.url = key ? BrowseUrl(SiteOf(issue, fallback_site), *key) : std::nullopt;
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
  UCF_RETURN_IF_ERROR(atlassian::OptionalArray(kProvider, results, "issues", "issues").status());
  boost::json::array none;
  boost::json::value* listed = results.if_contains("issues");
  boost::json::array& issues = listed != nullptr && listed->is_array() ? listed->as_array() : none;
  Page<Item> out;
  out.items.reserve(issues.size());
  for (std::size_t i = 0; i < issues.size(); ++i) {
    boost::json::value& v = issues[i];
    if (!v.is_object())
      return atlassian::MalformedField(kProvider, Indexed("issues", i), "is not an object");
    // An issue with neither key nor id cannot be addressed: left out of the listing.
    if (!FindNonEmptyString(v.as_object(), "key") && !FindNonEmptyString(v.as_object(), "id")) continue;
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
  out.id = FindNonEmptyString(comment, "id").value_or("");
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
                       atlassian::OptionalArray(kProvider, page, "comments", "comments"));
  Page<Comment> out;
  for (std::size_t i = 0; i < comments->size(); ++i) {
    const boost::json::value& v = (*comments)[i];
    if (!v.is_object())
      return atlassian::MalformedField(kProvider, Indexed("comments", i), "is not an object");
    UCF_ASSIGN_OR_RETURN(Comment c, MapComment(v.as_object(), Indexed("comments", i) + "."));
    if (c.id.empty()) continue;  // cannot be addressed: left out
    out.items.push_back(std::move(c));
  }
  std::optional<std::int64_t> end = NextOffset(page, requested_start_at, comments->size());
  std::optional<std::int64_t> total = FindInt(page, "total");
  if (!comments->empty() && end && total && *end < *total) out.next = core::StrCat(*end);
  return out;
}

absl::StatusOr<Item> MapCreatedIssue(const boost::json::object& created, const NewItem& item,
                                     const std::optional<std::string>& fallback_site) {
  Item out;
  std::optional<std::string> key = FindNonEmptyString(created, "key");
  // The issue exists even when the answer names neither key nor id (all optional in the spec).
  out.id = key ? *key : FindNonEmptyString(created, "id").value_or("");
  out.name = item.title;
  out.container_id = std::string(core::Trim(item.container_id));
  out.meta.key = key;
  out.meta.url = key ? BrowseUrl(SiteOf(created, fallback_site), *key) : std::nullopt;
  out.raw = created;
  return out;
}

}  // namespace ucf::connectors::jira
