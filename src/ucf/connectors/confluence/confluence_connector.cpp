#include "ucf/connectors/confluence/confluence_connector.hpp"

#include "boost/json/serialize.hpp"
#include "ucf/connectors/atlassian/request_args.hpp"
#include "ucf/connectors/atlassian/response_json.hpp"
#include "ucf/connectors/atlassian/site_config.hpp"
#include "ucf/connectors/atlassian/storage_format.hpp"
#include "ucf/connectors/atlassian/url_parts.hpp"
#include "ucf/connectors/confluence/confluence_mapping.hpp"
#include "ucf/connectors/confluence/confluence_requests.hpp"
#include "ucf/connectors/confluence/space_id.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::connectors::confluence {
namespace {

using atlassian::ClampLimit;

// "<site>/wiki" when the connection's base URL is a site (API-token connections).
std::optional<std::string> FallbackBase(const ApiClient& api) {
  std::optional<std::string> site = atlassian::SiteFromSelf(api.BaseUrl());
  if (!site) return std::nullopt;
  return core::StrCat(*site, "/wiki");
}

struct JsonResponse {
  boost::json::object body;
  http::Headers headers;
};

absl::StatusOr<JsonResponse> SendJson(ApiClient& api, std::string_view method,
                                      const std::string& path, std::string_view body = {}) {
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response, api.Send(method, path, body));
  UCF_ASSIGN_OR_RETURN(boost::json::object parsed,
                       atlassian::ParseResponseObject(kProvider, response.body));
  return JsonResponse{std::move(parsed), std::move(response.headers)};
}

ConnectorDescription MakeDescription() {
  ConnectorDescription d;
  d.id = "confluence";
  d.name = "Confluence";
  d.group = "saas";
  d.description = "Atlassian Confluence Cloud: spaces, pages and footer comments (REST API v2).";
  d.config_fields = atlassian::SiteConfigFields("Confluence");
  d.credential_fields = atlassian::ApiTokenCredentialFields();
  d.resources = {"containers", "items", "item", "comments", "create_item", "create_comment"};
  d.sync_models = {"spaces", "pages", "comments"};
  d.change_markers = {{"pages", "lastModified"}};  // version.createdAt of the page
  return d;
}

}  // namespace

ConfluenceConnector::ConfluenceConnector() : description_(MakeDescription()) {}

absl::Status ConfluenceConnector::ValidateConfig(const boost::json::object& config) const {
  UCF_RETURN_IF_ERROR(Connector::ValidateConfig(config));
  return atlassian::ValidateSiteConfig(config);
}

absl::StatusOr<AccountInfo> ConfluenceConnector::CheckCredentials(ApiClient& api) const {
  UCF_ASSIGN_OR_RETURN(JsonResponse response, SendJson(api, "GET", SpacesPath(1, "")));
  return MapCredentialCheck(response.body);
}

absl::StatusOr<Page<Container>> ConfluenceConnector::ListContainers(ApiClient& api,
                                                                    const PageRequest& page) const {
  UCF_ASSIGN_OR_RETURN(
      JsonResponse response,
      SendJson(api, "GET", SpacesPath(ClampLimit(page.limit, kMaxPageSize), page.cursor)));
  return MapSpacePage(response.body, response.headers, FallbackBase(api));
}

absl::StatusOr<Page<Item>> ConfluenceConnector::ListItems(ApiClient& api,
                                                          const ItemQuery& query) const {
  UCF_ASSIGN_OR_RETURN(std::string space_id, ResolveSpaceId(api, query.container_id));
  int limit = ClampLimit(query.page.limit, kMaxPageSize);
  std::string_view q = core::Trim(query.q);
  if (query.changed_since) {
    UCF_ASSIGN_OR_RETURN(JsonResponse response,
                         SendJson(api, "GET", SpacePagesByModificationPath(space_id, limit, query.page.cursor)));
    UCF_ASSIGN_OR_RETURN(Page<Item> page, MapPageList(response.body, response.headers, space_id, FallbackBase(api)));
    std::erase_if(page.items, [&](const Item& item) {
      if (!item.meta.updated) return false;
      auto t = core::ParseRfc3339(*item.meta.updated);
      return t.ok() && *t < *query.changed_since;
    });
    return page;
  }
  std::string path = q.empty() ? SpacePagesPath(space_id, limit, query.page.cursor)
                               : PagesByTitlePath(space_id, q, limit, query.page.cursor);
  UCF_ASSIGN_OR_RETURN(JsonResponse response, SendJson(api, "GET", path));
  return MapPageList(response.body, response.headers, space_id, FallbackBase(api));
}

absl::StatusOr<Item> ConfluenceConnector::GetItem(ApiClient& api, std::string_view item_id) const {
  std::string_view id = core::Trim(item_id);
  UCF_RETURN_IF_ERROR(RequireNumericId("itemId", id));
  UCF_ASSIGN_OR_RETURN(JsonResponse response, SendJson(api, "GET", PagePath(id)));
  return MapPage(response.body, /*fallback_space=*/"", FallbackBase(api), /*with_body=*/true,
                 /*fallback_id=*/id);
}

absl::StatusOr<Page<Comment>> ConfluenceConnector::ListComments(ApiClient& api,
                                                                std::string_view item_id,
                                                                const PageRequest& page) const {
  std::string_view id = core::Trim(item_id);
  UCF_RETURN_IF_ERROR(RequireNumericId("itemId", id));
  UCF_ASSIGN_OR_RETURN(
      JsonResponse response,
      SendJson(api, "GET",
               FooterCommentsPath(id, ClampLimit(page.limit, kMaxPageSize), page.cursor)));
  return MapFooterCommentPage(response.body, response.headers);
}

absl::StatusOr<Item> ConfluenceConnector::CreateItem(ApiClient& api, const NewItem& item) const {
  // Check the page itself before a space-key lookup costs a call.
  UCF_RETURN_IF_ERROR(CreatePageBody("0", item).status());
  UCF_ASSIGN_OR_RETURN(std::string space_id, ResolveSpaceId(api, item.container_id));
  UCF_ASSIGN_OR_RETURN(boost::json::object request, CreatePageBody(space_id, item));
  UCF_ASSIGN_OR_RETURN(JsonResponse response,
                       SendJson(api, "POST", CreatePagePath(), boost::json::serialize(request)));
  return MapPage(response.body, space_id, FallbackBase(api), /*with_body=*/false);
}

absl::StatusOr<Comment> ConfluenceConnector::CreateComment(ApiClient& api,
                                                           const NewComment& comment) const {
  std::string_view page_id = core::Trim(comment.item_id);
  UCF_RETURN_IF_ERROR(RequireNumericId("itemId", page_id));
  UCF_ASSIGN_OR_RETURN(boost::json::object request, CreateFooterCommentBody(page_id, comment.text));
  UCF_ASSIGN_OR_RETURN(JsonResponse response, SendJson(api, "POST", CreateFooterCommentPath(),
                                                       boost::json::serialize(request)));
  UCF_ASSIGN_OR_RETURN(Comment created, MapFooterComment(response.body));
  // The create answer carries the body only when asked for; the text just sent is the same.
  if (created.text.empty()) {
    created.text = atlassian::StorageToPlainText(atlassian::PlainTextToStorage(comment.text));
  }
  return created;
}

std::unique_ptr<Connector> MakeConfluenceConnector() {
  return std::make_unique<ConfluenceConnector>();
}

}  // namespace ucf::connectors::confluence
