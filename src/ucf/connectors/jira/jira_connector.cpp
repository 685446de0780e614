#include "ucf/connectors/jira/jira_connector.hpp"

#include "boost/json/serialize.hpp"
#include "ucf/connectors/atlassian/request_args.hpp"
#include "ucf/connectors/atlassian/response_json.hpp"
#include "ucf/connectors/atlassian/site_config.hpp"
#include "ucf/connectors/atlassian/url_parts.hpp"
#include "ucf/connectors/jira/jira_mapping.hpp"
#include "ucf/connectors/jira/jira_requests.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::jira {
namespace {

using atlassian::ClampLimit;
using atlassian::RequireId;

// The connection's site when its base URL is one (API-token connections), for browse links.
std::optional<std::string> SiteOfConnection(const ApiClient& api) {
  return atlassian::SiteFromSelf(api.BaseUrl());
}

absl::StatusOr<boost::json::object> GetJson(ApiClient& api, const std::string& path) {
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response, api.Send("GET", path));
  return atlassian::ParseResponseObject(kProvider, response.body);
}

absl::StatusOr<boost::json::object> PostJson(ApiClient& api, const std::string& path,
                                             const boost::json::object& body) {
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response,
                       api.Send("POST", path, boost::json::serialize(body)));
  return atlassian::ParseResponseObject(kProvider, response.body);
}

ConnectorDescription MakeDescription() {
  ConnectorDescription d;
  d.id = "jira";
  d.name = "Jira";
  d.group = "saas";
  d.description = "Atlassian Jira Cloud: projects, issues and comments (REST API v3).";
  d.config_fields = atlassian::SiteConfigFields("Jira");
  d.credential_fields = atlassian::ApiTokenCredentialFields();
  d.resources = {"containers",  "items",          "item",    "comments",
                 "create_item", "create_comment", "webhooks"};
  d.sync_models = {"projects", "issues", "comments"};
  d.change_markers = {{"issues", "updated"}};
  return d;
}

}  // namespace

JiraConnector::JiraConnector() : description_(MakeDescription()) {}

absl::Status JiraConnector::ValidateConfig(const boost::json::object& config) const {
  UCF_RETURN_IF_ERROR(Connector::ValidateConfig(config));
  return atlassian::ValidateSiteConfig(config);
}

absl::StatusOr<AccountInfo> JiraConnector::CheckCredentials(ApiClient& api) const {
  UCF_ASSIGN_OR_RETURN(boost::json::object user, GetJson(api, MyselfPath()));
  return MapMyself(user);
}

absl::StatusOr<Page<Container>> JiraConnector::ListContainers(ApiClient& api,
                                                              const PageRequest& page) const {
  UCF_ASSIGN_OR_RETURN(std::int64_t start_at, ParseOffsetCursor(page.cursor));
  UCF_ASSIGN_OR_RETURN(
      boost::json::object body,
      GetJson(api, ProjectSearchPath(start_at, ClampLimit(page.limit, kMaxPageSize))));
  return MapProjectPage(body, start_at, SiteOfConnection(api));
}

absl::StatusOr<Page<Item>> JiraConnector::ListItems(ApiClient& api, const ItemQuery& query) const {
  UCF_RETURN_IF_ERROR(RequireId("containerId", query.container_id));
  std::string container(core::Trim(query.container_id));
  std::string jql = query.changed_since ? ChangedIssuesJql(container, *query.changed_since)
                                        : IssueSearchJql(container, query.q);
  std::string path = IssueSearchPath(jql,
                                     ClampLimit(query.page.limit, kMaxPageSize), query.page.cursor);
  UCF_ASSIGN_OR_RETURN(boost::json::object body, GetJson(api, path));
  return MapIssueSearch(std::move(body), container, SiteOfConnection(api));
}

absl::StatusOr<Item> JiraConnector::GetItem(ApiClient& api, std::string_view item_id) const {
  UCF_RETURN_IF_ERROR(RequireId("itemId", item_id));
  UCF_ASSIGN_OR_RETURN(boost::json::object issue, GetJson(api, IssuePath(core::Trim(item_id))));
  return MapIssue(std::move(issue), /*fallback_container=*/"", SiteOfConnection(api),
                  /*with_body=*/true, /*field_prefix=*/"", /*fallback_id=*/core::Trim(item_id));
}

absl::StatusOr<Page<Comment>> JiraConnector::ListComments(ApiClient& api, std::string_view item_id,
                                                          const PageRequest& page) const {
  UCF_RETURN_IF_ERROR(RequireId("itemId", item_id));
  UCF_ASSIGN_OR_RETURN(std::int64_t start_at, ParseOffsetCursor(page.cursor));
  UCF_ASSIGN_OR_RETURN(boost::json::object body,
                       GetJson(api, CommentsPath(core::Trim(item_id), start_at,
                                                 ClampLimit(page.limit, kMaxPageSize))));
  return MapCommentPage(body, start_at);
}

absl::StatusOr<Item> JiraConnector::CreateItem(ApiClient& api, const NewItem& item) const {
  UCF_RETURN_IF_ERROR(RequireId("containerId", item.container_id));
  UCF_ASSIGN_OR_RETURN(boost::json::object request, CreateIssueBody(item));
  UCF_ASSIGN_OR_RETURN(boost::json::object created, PostJson(api, CreateIssuePath(), request));
  return MapCreatedIssue(created, item, SiteOfConnection(api));
}

absl::StatusOr<Comment> JiraConnector::CreateComment(ApiClient& api,
                                                     const NewComment& comment) const {
  UCF_RETURN_IF_ERROR(RequireId("itemId", comment.item_id));
  UCF_ASSIGN_OR_RETURN(boost::json::object request, CreateCommentBody(comment.text));
  UCF_ASSIGN_OR_RETURN(boost::json::object created,
                       PostJson(api, CreateCommentPath(core::Trim(comment.item_id)), request));
  return MapComment(created);
}

std::unique_ptr<Connector> MakeJiraConnector() { return std::make_unique<JiraConnector>(); }

}  // namespace ucf::connectors::jira
