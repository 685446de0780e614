#include "ucf/connectors/github/github_requests.hpp"

#include <chrono>

#include "ucf/connectors/atlassian/url_parts.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::connectors::github {
namespace {

using atlassian::EncodePathSegment;
using atlassian::EncodeQuery;

constexpr std::size_t kMaxOwnerLength = 39;   // GitHub's limit for user and organization names
constexpr std::size_t kMaxRepoLength = 100;   // GitHub's limit for repository names

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool ValidOwner(std::string_view s) {
  if (s.empty() || s.size() > kMaxOwnerLength) return false;
  for (char c : s) {
    if (!IsAlnum(c) && c != '-') return false;
  }
  return true;
}

bool ValidRepo(std::string_view s) {
  if (s.empty() || s.size() > kMaxRepoLength || s == "." || s == "..") return false;
  for (char c : s) {
    if (!IsAlnum(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

std::string RepoPrefix(const RepoRef& repo) {
  return core::StrCat("/repos/", EncodePathSegment(repo.owner), "/", EncodePathSegment(repo.repo));
}

std::string PerPage(int per_page) { return core::StrCat(per_page); }

// GitHub's `since`: YYYY-MM-DDTHH:MM:SSZ, floored to the second (so never later than asked).
std::string SinceParam(core::TimePoint since) {
  std::string at = core::FormatRfc3339(std::chrono::floor<std::chrono::seconds>(since));
  if (std::size_t dot = at.find('.'); dot != std::string::npos) at = core::StrCat(at.substr(0, dot), "Z");
  return at;
}

}  // namespace

std::string IssueRef::Id() const { return core::StrCat(repo.owner, ":", repo.repo, ":", number); }
std::string IssueRef::Key() const { return core::StrCat(repo.owner, "/", repo.repo, "#", number); }

absl::StatusOr<RepoRef> ParseRepo(std::string_view field, std::string_view text) {
  text = core::Trim(text);
  std::size_t slash = text.find('/');
  if (text.size() > kMaxOwnerLength + kMaxRepoLength + 1 || slash == std::string_view::npos ||
      !ValidOwner(text.substr(0, slash)) || !ValidRepo(text.substr(slash + 1))) {
    return core::InvalidField(field, "must be a repository as owner/repo");
  }
  return RepoRef{std::string(text.substr(0, slash)), std::string(text.substr(slash + 1))};
}

absl::StatusOr<IssueRef> ParseIssue(std::string_view field, std::string_view text) {
  text = core::Trim(text);
  constexpr std::string_view kShape = "must be an issue as owner:repo:number or owner/repo#number";
  if (text.size() > kMaxOwnerLength + kMaxRepoLength + 24) return core::InvalidField(field, kShape);
  std::string_view owner, repo, number;
  if (std::size_t hash = text.rfind('#'); hash != std::string_view::npos) {
    std::size_t slash = text.find('/');
    if (slash == std::string_view::npos || slash > hash) return core::InvalidField(field, kShape);
    owner = text.substr(0, slash);
    repo = text.substr(slash + 1, hash - slash - 1);
    number = text.substr(hash + 1);
  } else {
    std::vector<std::string_view> parts = core::Split(text, ':');
    if (parts.size() != 3) return core::InvalidField(field, kShape);
    owner = parts[0];
    repo = parts[1];
    number = parts[2];
  }
  bool digits = !number.empty() && number.size() <= 18 && number[0] != '0';
  for (char c : number) digits = digits && c >= '0' && c <= '9';
  if (!ValidOwner(owner) || !ValidRepo(repo) || !digits) return core::InvalidField(field, kShape);
  return IssueRef{RepoRef{std::string(owner), std::string(repo)}, *core::ParseInt64(number)};
}

absl::Status CheckCursor(std::string_view cursor, std::string_view base_url,
                         std::initializer_list<std::string_view> allowed_prefixes) {
  if (cursor.starts_with(base_url)) {
    std::string_view rest = cursor.substr(base_url.size());
    for (std::string_view prefix : allowed_prefixes) {
      if (rest.starts_with(prefix)) return absl::OkStatus();
    }
  }
  return core::InvalidField("cursor", "is not a page of this listing");
}

absl::StatusOr<std::string> SearchQuery(const RepoRef& repo, std::string_view q) {
  if (q.size() > kMaxSearchTextBytes) {
    return core::InvalidField("q", core::StrCat("must be at most ", kMaxSearchTextBytes, " bytes"));
  }
  std::string phrase;
  phrase.reserve(q.size());
  for (char c : q) {
    bool control = static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    phrase.push_back(c == '"' || c == '\\' || control ? ' ' : c);
  }
  std::string_view trimmed = core::Trim(phrase);
  std::string out;
  if (!trimmed.empty()) core::StrAppend(&out, "\"", trimmed, "\" ");
  core::StrAppend(&out, "repo:", repo.FullName(), " is:issue");
  return out;
}

std::string UserPath() { return "/user"; }

std::string ReposPath(int per_page) {
  return core::StrCat("/user/repos", EncodeQuery({{"per_page", PerPage(per_page)}, {"sort", "full_name"}}));
}

std::string IssuesPath(const RepoRef& repo, int per_page) {
  return core::StrCat(RepoPrefix(repo), "/issues",
                      EncodeQuery({{"state", "all"},
                                   {"sort", "updated"},
                                   {"direction", "desc"},
                                   {"per_page", PerPage(per_page)}}));
}

std::string ChangedIssuesPath(const RepoRef& repo, core::TimePoint since, int per_page) {
  return core::StrCat(RepoPrefix(repo), "/issues",
                      EncodeQuery({{"state", "all"},
                                   {"sort", "updated"},
                                   {"direction", "asc"},
                                   {"since", SinceParam(since)},
                                   {"per_page", PerPage(per_page)}}));
}

std::string ChangedCommentsPath(const RepoRef& repo, core::TimePoint since, int per_page) {
  return core::StrCat(RepoPrefix(repo), "/issues/comments",
                      EncodeQuery({{"sort", "updated"},
                                   {"direction", "asc"},
                                   {"since", SinceParam(since)},
                                   {"per_page", PerPage(per_page)}}));
}

std::string SearchIssuesPath(std::string_view search_query, int per_page) {
  return core::StrCat("/search/issues",
                      EncodeQuery({{"q", std::string(search_query)},
                                   {"sort", "updated"},
                                   {"order", "desc"},
                                   {"per_page", PerPage(per_page)}}));
}

std::string IssuePath(const IssueRef& issue) {
  return core::StrCat(RepoPrefix(issue.repo), "/issues/", issue.number);
}

std::string CommentsPath(const IssueRef& issue, int per_page) {
  return core::StrCat(IssuePath(issue), "/comments", EncodeQuery({{"per_page", PerPage(per_page)}}));
}

std::string CreateIssuePath(const RepoRef& repo) { return core::StrCat(RepoPrefix(repo), "/issues"); }

std::string CreateCommentPath(const IssueRef& issue) { return core::StrCat(IssuePath(issue), "/comments"); }

std::string HooksPath(const RepoRef& repo) { return core::StrCat(RepoPrefix(repo), "/hooks"); }

std::string HookPath(const RepoRef& repo, std::int64_t hook_id) {
  return core::StrCat(HooksPath(repo), "/", hook_id);
}

absl::StatusOr<boost::json::object> CreateIssueBody(const NewItem& item) {
  if (core::Trim(item.title).empty()) return core::InvalidField("title", "must not be empty");
  boost::json::object body{{"title", item.title}};
  if (!item.body.empty()) body["body"] = item.body;
  for (const auto& [name, value] : item.fields) {
    std::string_view key(name);
    std::string field = core::StrCat("fields.", key);
    if (key == "labels" || key == "assignees") {
      if (!value.is_array()) return core::InvalidField(field, "must be an array of strings");
      for (const auto& v : value.as_array()) {
        if (!v.is_string() || v.as_string().empty()) return core::InvalidField(field, "must be an array of strings");
      }
      body[key] = value;
    } else if (key == "milestone") {
      if (!value.is_int64() || value.as_int64() <= 0) return core::InvalidField(field, "must be a milestone number");
      body[key] = value;
    } else {
      return core::InvalidField(field, "is not a GitHub issue field (labels, assignees, milestone)");
    }
  }
  return body;
}

absl::StatusOr<boost::json::object> CreateCommentBody(std::string_view text) {
  if (core::Trim(text).empty()) return core::InvalidField("text", "must not be empty");
  return boost::json::object{{"body", text}};
}

}  // namespace ucf::connectors::github
