#pragma once
// GitHub REST response bodies -> the unified shapes (resources.hpp). Every function takes the
// parsed 2xx body. Like the Atlassian mappings, any body the REST description allows is mapped
// (optional and nullable fields become absent values; listed objects that cannot be addressed — a
// repository without full_name, an issue without number, a comment without id — are left out);
// only a body the description does not allow (not JSON, a list where an object belongs) is
// Internal naming the field. Pull requests (issues carrying `pull_request`) are NOT items: listings
// leave them out and an item lookup answers NotFound. Pure; thread-safe.

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "boost/json/array.hpp"
#include "boost/json/object.hpp"
#include "ucf/connectors/connector.hpp"
#include "ucf/connectors/github/github_requests.hpp"
#include "ucf/connectors/resources.hpp"

namespace ucf::connectors::github {

// The body as a JSON array (list endpoints); Internal otherwise.
absl::StatusOr<boost::json::array> ParseResponseArray(std::string_view body);

// GET /user (private-user / public-user): id, name (else login), email; extra {login}.
absl::StatusOr<AccountInfo> MapUser(const boost::json::object& user);

// One repository: id = full_name, label = full_name, type = visibility (else "private"/"public"
// from `private`), meta {url, description, defaultBranch, owner, openIssues, githubId}.
std::optional<Container> MapRepository(const boost::json::object& repo);
// GET /user/repos (repository[]).
absl::StatusOr<Page<Container>> MapRepositoryPage(boost::json::array repos,
                                                  std::optional<std::string> next);

// Whether `issue` is a pull request (carries a `pull_request` object).
bool IsPullRequest(const boost::json::object& issue);

// One issue of `repo` (for search results, the repository is read from repository_url when it
// names one, else `repo`). nullopt for a pull request or an issue without number. Item.id =
// "owner:repo:number", meta.key "owner/repo#number", status = state, url = html_url, author =
// user.login, assignee = assignee.login, created/updated = created_at/updated_at; body = the
// issue's markdown body when `with_body`.
std::optional<Item> MapIssue(boost::json::object issue, const RepoRef& repo, bool with_body);
// GET /repos/{o}/{r}/issues (issue[]).
absl::StatusOr<Page<Item>> MapIssuePage(boost::json::array issues, const RepoRef& repo,
                                        std::optional<std::string> next);
// GET /search/issues ({total_count, incomplete_results, items: issue-search-result-item[]}).
absl::StatusOr<Page<Item>> MapIssueSearch(boost::json::object results, const RepoRef& repo,
                                          std::optional<std::string> next);

// One issue-comment: id, author = user.login, text = body, created/updated.
std::optional<Comment> MapComment(const boost::json::object& comment);
absl::StatusOr<Page<Comment>> MapCommentPage(boost::json::array comments,
                                             std::optional<std::string> next);
// GET /repos/{o}/{r}/issues/comments: as MapCommentPage, each with item_id "owner:repo:n" from its
// issue_url (".../repos/owner/repo/issues/n"); a comment whose issue_url names no issue cannot be
// addressed and is left out.
absl::StatusOr<Page<Comment>> MapRepoCommentPage(boost::json::array comments,
                                                 std::optional<std::string> next);

}  // namespace ucf::connectors::github
