#include "ucf/connectors/github/github_mapping.hpp"

#include "boost/json/parse.hpp"
#include "ucf/connectors/atlassian/response_json.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::github {
namespace {

using atlassian::FindNonEmptyString;
using atlassian::FindObject;
using atlassian::FindString;
using atlassian::FindStringPath;
using atlassian::MalformedField;

void PutIfSet(boost::json::object& o, std::string_view key, const std::optional<std::string>& v) {
  if (v) o[key] = *v;
}

// "https://api.github.com/repos/octocat/Hello-World" -> octocat/Hello-World.
std::optional<RepoRef> RepoOfUrl(const boost::json::object& issue) {
  std::optional<std::string> url = FindNonEmptyString(issue, "repository_url");
  if (!url) return std::nullopt;
  std::size_t at = url->rfind("/repos/");
  if (at == std::string::npos) return std::nullopt;
  auto repo = ParseRepo("repository_url", std::string_view(*url).substr(at + 7));
  return repo.ok() ? std::optional<RepoRef>(*repo) : std::nullopt;
}

// "https://api.github.com/repos/octocat/Hello-World/issues/1347" -> octocat:Hello-World:1347.
std::optional<std::string> IssueOfUrl(const boost::json::object& comment) {
  std::optional<std::string> url = FindNonEmptyString(comment, "issue_url");
  if (!url) return std::nullopt;
  std::string_view u(*url);
  std::size_t at = u.rfind("/repos/");
  std::size_t issues = u.rfind("/issues/");
  if (at == std::string_view::npos || issues == std::string_view::npos || issues <= at + 7) return std::nullopt;
  auto repo = ParseRepo("issue_url", u.substr(at + 7, issues - at - 7));
  std::optional<std::int64_t> n = core::ParseInt64(u.substr(issues + 8));
  if (!repo.ok() || !n || *n <= 0) return std::nullopt;
  return IssueRef{*repo, *n}.Id();
}

template <typename T, typename F>
absl::StatusOr<Page<T>> MapArray(const boost::json::array& values, std::string_view field,
                                 std::optional<std::string> next, F map) {
  Page<T> page;
  page.items.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i].is_object()) {
      return MalformedField(kProvider, core::StrCat(field, "[", i, "]"), "is not an object");
    }
    if (std::optional<T> mapped = map(values[i].as_object())) page.items.push_back(*std::move(mapped));
  }
  page.next = std::move(next);
  return page;
}

}  // namespace

absl::StatusOr<boost::json::array> ParseResponseArray(std::string_view body) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec);
  if (ec) return absl::InternalError(core::StrCat("github: response is not JSON: ", ec.message()));
  if (!value.is_array()) return absl::InternalError("github: response is not a JSON array");
  return std::move(value.as_array());
}

absl::StatusOr<AccountInfo> MapUser(const boost::json::object& user) {
  AccountInfo a;
  std::optional<std::string> id = FindString(user, "id");
  std::optional<std::string> login = FindNonEmptyString(user, "login");
  if (!id && !login) return MalformedField(kProvider, "login", "is missing");
  a.account_id = id.value_or(*login);
  a.display_name = FindNonEmptyString(user, "name").value_or(login.value_or(""));
  a.email = FindNonEmptyString(user, "email").value_or("");
  PutIfSet(a.extra, "login", login);
  return a;
}

std::optional<Container> MapRepository(const boost::json::object& repo) {
  std::optional<std::string> full_name = FindNonEmptyString(repo, "full_name");
  if (!full_name || !ParseRepo("full_name", *full_name).ok()) return std::nullopt;
  Container c;
  c.id = *full_name;
  c.label = *full_name;
  if (std::optional<std::string> visibility = FindNonEmptyString(repo, "visibility")) {
    c.type = *visibility;
  } else if (std::optional<bool> priv = atlassian::FindBool(repo, "private")) {
    c.type = *priv ? "private" : "public";
  }
  PutIfSet(c.meta, "url", FindNonEmptyString(repo, "html_url"));
  PutIfSet(c.meta, "description", FindNonEmptyString(repo, "description"));
  PutIfSet(c.meta, "defaultBranch", FindNonEmptyString(repo, "default_branch"));
  PutIfSet(c.meta, "owner", FindStringPath(repo, {"owner", "login"}));
  if (auto open = atlassian::FindInt(repo, "open_issues_count")) c.meta["openIssues"] = *open;
  PutIfSet(c.meta, "githubId", FindString(repo, "id"));
  c.raw = repo;
  return c;
}

absl::StatusOr<Page<Container>> MapRepositoryPage(boost::json::array repos,
                                                  std::optional<std::string> next) {
  return MapArray<Container>(repos, "repositories", std::move(next), MapRepository);
}

bool IsPullRequest(const boost::json::object& issue) {
  const boost::json::value* pr = issue.if_contains("pull_request");
  return pr != nullptr && !pr->is_null();
}

std::optional<Item> MapIssue(boost::json::object issue, const RepoRef& fallback_repo, bool with_body) {
  if (IsPullRequest(issue)) return std::nullopt;
  std::optional<std::int64_t> number = atlassian::FindInt(issue, "number");
  if (!number || *number <= 0) return std::nullopt;
  IssueRef ref{RepoOfUrl(issue).value_or(fallback_repo), *number};
  Item item;
  item.id = ref.Id();
  item.name = FindString(issue, "title").value_or("");
  item.container_id = ref.repo.FullName();
  item.meta.key = ref.Key();
  item.meta.status = FindNonEmptyString(issue, "state");
  item.meta.url = FindNonEmptyString(issue, "html_url");
  item.meta.author = FindStringPath(issue, {"user", "login"});
  item.meta.assignee = FindStringPath(issue, {"assignee", "login"});
  item.meta.created = FindNonEmptyString(issue, "created_at");
  item.meta.updated = FindNonEmptyString(issue, "updated_at");
  if (with_body) item.body = FindString(issue, "body").value_or("");
  item.raw = std::move(issue);
  return item;
}

absl::StatusOr<Page<Item>> MapIssuePage(boost::json::array issues, const RepoRef& repo,
                                        std::optional<std::string> next) {
  return MapArray<Item>(issues, "issues", std::move(next), [&](const boost::json::object& o) {
    return MapIssue(o, repo, /*with_body=*/false);
  });
}

absl::StatusOr<Page<Item>> MapIssueSearch(boost::json::object results, const RepoRef& repo,
                                          std::optional<std::string> next) {
  absl::StatusOr<const boost::json::array*> items =
      atlassian::OptionalArray(kProvider, results, "items", "items");
  if (!items.ok()) return items.status();
  return MapArray<Item>(**items, "items", std::move(next), [&](const boost::json::object& o) {
    return MapIssue(o, repo, /*with_body=*/false);
  });
}

std::optional<Comment> MapComment(const boost::json::object& comment) {
  std::optional<std::string> id = FindNonEmptyString(comment, "id");
  if (!id) return std::nullopt;
  Comment c;
  c.id = *id;
  c.author = FindStringPath(comment, {"user", "login"});
  c.text = FindString(comment, "body").value_or("");
  c.created = FindNonEmptyString(comment, "created_at");
  c.updated = FindNonEmptyString(comment, "updated_at");
  c.raw = comment;
  return c;
}

absl::StatusOr<Page<Comment>> MapCommentPage(boost::json::array comments,
                                             std::optional<std::string> next) {
  return MapArray<Comment>(comments, "comments", std::move(next), MapComment);
}

absl::StatusOr<Page<Comment>> MapRepoCommentPage(boost::json::array comments,
                                                 std::optional<std::string> next) {
  return MapArray<Comment>(comments, "comments", std::move(next), [](const boost::json::object& o) {
    std::optional<Comment> c = MapComment(o);
    if (c) c->item_id = IssueOfUrl(o);
    return c && c->item_id ? c : std::nullopt;
  });
}

}  // namespace ucf::connectors::github
