#include "ucf/connectors/salesforce/salesforce_connector.hpp"

#include "boost/json/serialize.hpp"
#include "ucf/connectors/atlassian/request_args.hpp"
#include "ucf/connectors/atlassian/response_json.hpp"
#include "ucf/connectors/salesforce/salesforce_mapping.hpp"
#include "ucf/connectors/salesforce/salesforce_requests.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::connectors::salesforce {
namespace {

using atlassian::ClampLimit;
using atlassian::ParseResponseObject;

constexpr int kLimitRetryAfterSeconds = 3600;

ConnectorDescription MakeDescription() {
  ConnectorDescription d;
  d.id = "salesforce";
  d.name = "Salesforce";
  d.group = "saas";
  d.description =
      "Salesforce: the org's queryable objects (describeGlobal), their records (SOQL, search by "
      "SOSL), Chatter feed elements as comments (objects with a feed), create records and feed "
      "posts. Sync models objects, records (by SystemModstamp). REST API of the org's My Domain, "
      "API version chosen at connect time.";
  d.resources = {"containers", "items", "item", "comments", "create_item", "create_comment"};
  d.sync_models = {"objects", "records"};
  d.change_markers = {{"records", "SystemModstamp"}};
  return d;
}

// PermissionDenied whose provider message names REQUEST_LIMIT_EXCEEDED -> rate limited.
absl::Status TranslateLimit(absl::Status status) {
  if (status.ok() || !absl::IsPermissionDenied(status)) return status;
  if (!core::Contains(core::ToStd(status.message()), "REQUEST_LIMIT_EXCEEDED")) return status;
  return core::RateLimited("salesforce: the org's API request limit is exceeded (REQUEST_LIMIT_EXCEEDED)",
                           kLimitRetryAfterSeconds);
}

}  // namespace

SalesforceConnector::SalesforceConnector(ApiUsageBoard* usage) : description_(MakeDescription()), usage_(usage) {}

absl::StatusOr<http::UpstreamResponse> SalesforceConnector::Call(ApiClient& api, std::string_view method,
                                                                 std::string_view path, std::string_view body,
                                                                 const http::Headers& headers) const {
  absl::StatusOr<http::UpstreamResponse> response = api.Send(method, path, body, headers);
  if (!response.ok()) return TranslateLimit(response.status());
  if (usage_ != nullptr) {
    if (auto info = response->headers.Get("Sforce-Limit-Info")) {
      if (std::optional<boost::json::object> usage = ParseLimitInfo(*info)) {
        (*usage)["source"] = "Sforce-Limit-Info";
        (*usage)["at"] = core::FormatRfc3339(std::chrono::system_clock::now());
        usage_->Record(api.ConnectionId(), *std::move(usage));
      }
    }
  }
  return response;
}

absl::StatusOr<boost::json::object> SalesforceConnector::GetJson(ApiClient& api, std::string_view path,
                                                                 const http::Headers& headers) const {
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response, Call(api, "GET", path, {}, headers));
  return ParseResponseObject(kProvider, response.body);
}

absl::StatusOr<AccountInfo> SalesforceConnector::CheckCredentials(ApiClient& api) const {
  UCF_ASSIGN_OR_RETURN(boost::json::object info,
                       GetJson(api, core::StrCat(OrgRoot(api.BaseUrl()), "/services/oauth2/userinfo")));
  return MapUserInfo(info);
}

absl::StatusOr<Page<Container>> SalesforceConnector::ListContainers(ApiClient& api, const PageRequest& page) const {
  std::int64_t offset = 0;
  if (!page.cursor.empty()) {
    std::optional<std::int64_t> parsed = core::ParseInt64(page.cursor);
    if (!parsed || *parsed < 0 || page.cursor.size() > 9) return core::InvalidField("cursor", "must be an offset");
    offset = *parsed;
  }
  UCF_ASSIGN_OR_RETURN(boost::json::object body, GetJson(api, DescribeGlobalPath()));
  return MapObjects(body, offset, ClampLimit(page.limit, kMaxPageSize));
}

absl::StatusOr<Page<Item>> SalesforceConnector::ListItems(ApiClient& api, const ItemQuery& query) const {
  std::string_view object = core::Trim(query.container_id);
  UCF_RETURN_IF_ERROR(CheckObjectName("containerId", object));
  std::string root = OrgRoot(api.BaseUrl());
  if (!core::Trim(query.q).empty() && !query.changed_since) {
    UCF_ASSIGN_OR_RETURN(std::string escaped, SoslEscape(query.q));
    if (!query.page.cursor.empty()) return core::InvalidField("cursor", "search results have one page");
    UCF_ASSIGN_OR_RETURN(boost::json::object describe, GetJson(api, DescribePath(object)));
    UCF_ASSIGN_OR_RETURN(ObjectInfo info, MapDescribe(describe));
    std::string sosl = SearchSosl(escaped, object, info.name_field, ClampLimit(query.page.limit, kMaxPageSize));
    UCF_ASSIGN_OR_RETURN(boost::json::object found, GetJson(api, SearchPath(sosl)));
    return MapSearch(std::move(found), object, info.name_field, root);
  }
  http::Headers headers;
  headers.Set("Sforce-Query-Options",
              core::StrCat("batchSize=", std::max(kMinBatchSize, ClampLimit(query.page.limit, kMaxPageSize))));
  std::string target = QueryPath(query.changed_since ? ChangedRecordsSoql(object, *query.changed_since)
                                                    : RecordsSoql(object));
  if (!query.page.cursor.empty()) {
    UCF_ASSIGN_OR_RETURN(target, ContinuationUrl(api.BaseUrl(), query.page.cursor, "query/"));
  }
  UCF_ASSIGN_OR_RETURN(boost::json::object result, GetJson(api, target, headers));
  return MapQuery(std::move(result), object, root);
}

absl::StatusOr<Item> SalesforceConnector::GetItem(ApiClient& api, std::string_view item_id) const {
  UCF_ASSIGN_OR_RETURN(RecordRef ref, ParseItemId("itemId", item_id));
  UCF_ASSIGN_OR_RETURN(boost::json::object record, GetJson(api, RecordPath(ref)));
  if (!record.contains("Id")) record["Id"] = ref.id;
  std::optional<Item> item = MapRecord(std::move(record), ref.object, "", OrgRoot(api.BaseUrl()), /*with_body=*/true);
  if (!item) return atlassian::MalformedField(kProvider, "Id", "is missing");
  return *std::move(item);
}

absl::StatusOr<Page<Comment>> SalesforceConnector::ListComments(ApiClient& api, std::string_view item_id,
                                                                const PageRequest& page) const {
  UCF_ASSIGN_OR_RETURN(RecordRef ref, ParseItemId("itemId", item_id));
  std::string target = FeedElementsPath(ref.id, ClampLimit(page.limit, 100));
  if (!page.cursor.empty()) {
    UCF_ASSIGN_OR_RETURN(target, ContinuationUrl(api.BaseUrl(), page.cursor, "chatter/"));
  }
  UCF_ASSIGN_OR_RETURN(boost::json::object describe, GetJson(api, DescribePath(ref.object)));
  UCF_ASSIGN_OR_RETURN(ObjectInfo info, MapDescribe(describe));
  if (!info.feed_enabled) return Unsupported(kProvider, core::StrCat("comments on ", ref.object, " (it has no Chatter feed)"));
  UCF_ASSIGN_OR_RETURN(boost::json::object feed, GetJson(api, target));
  return MapFeedPage(feed);
}

absl::StatusOr<Item> SalesforceConnector::CreateItem(ApiClient& api, const NewItem& item) const {
  std::string_view object = core::Trim(item.container_id);
  UCF_RETURN_IF_ERROR(CheckObjectName("containerId", object));
  if (core::Trim(item.title).empty()) return core::InvalidField("title", "must not be empty");
  UCF_ASSIGN_OR_RETURN(boost::json::object describe, GetJson(api, DescribePath(object)));
  UCF_ASSIGN_OR_RETURN(ObjectInfo info, MapDescribe(describe));
  UCF_ASSIGN_OR_RETURN(boost::json::object body, CreateRecordBody(item, info.title_field, info.description_field));
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response,
                       Call(api, "POST", CreateRecordPath(object), boost::json::serialize(body)));
  UCF_ASSIGN_OR_RETURN(boost::json::object created, ParseResponseObject(kProvider, response.body));
  std::optional<std::string> id = atlassian::FindNonEmptyString(created, "id");
  if (!id) return atlassian::MalformedField(kProvider, "id", "is missing from the created record");
  return GetItem(api, core::StrCat(object, ":", *id));
}

absl::StatusOr<Comment> SalesforceConnector::CreateComment(ApiClient& api, const NewComment& comment) const {
  UCF_ASSIGN_OR_RETURN(RecordRef ref, ParseItemId("itemId", comment.item_id));
  UCF_ASSIGN_OR_RETURN(boost::json::object body, FeedItemBody(ref.id, comment.text));
  UCF_ASSIGN_OR_RETURN(boost::json::object describe, GetJson(api, DescribePath(ref.object)));
  UCF_ASSIGN_OR_RETURN(ObjectInfo info, MapDescribe(describe));
  if (!info.feed_enabled) return Unsupported(kProvider, core::StrCat("comments on ", ref.object, " (it has no Chatter feed)"));
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response,
                       Call(api, "POST", PostFeedElementPath(), boost::json::serialize(body)));
  UCF_ASSIGN_OR_RETURN(boost::json::object created, ParseResponseObject(kProvider, response.body));
  std::optional<Comment> mapped = MapFeedElement(created);
  if (!mapped) return atlassian::MalformedField(kProvider, "id", "is missing from the created feed element");
  return *std::move(mapped);
}

std::unique_ptr<Connector> MakeSalesforceConnector(ApiUsageBoard* usage) {
  return std::make_unique<SalesforceConnector>(usage);
}

}  // namespace ucf::connectors::salesforce
