#include "ucf/api/browse_handler.hpp"

#include "boost/json/array.hpp"
#include "ucf/api/connection_lookup.hpp"
#include "ucf/api/request_support.hpp"
#include "ucf/connectors/resource_json.hpp"
#include "ucf/connections/connection_service.hpp"
#include "ucf/connections/connector_manager.hpp"
#include "ucf/connectors/cursor_codec.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/json_fields.hpp"
#include "ucf/core/json_text.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/http/error_response.hpp"

namespace ucf::api {
namespace {

using Result = absl::StatusOr<boost::json::value>;
using connectors::CursorBinding;

bool WantsRaw(const http::Request& request) {
  std::string raw = core::ToLower(request.Query("raw").value_or(""));
  return raw == "true" || raw == "1";
}

// A listing's page: decode the client cursor, call, encode the provider continuation.
template <typename T, typename Call, typename Render>
Result ListPage(const BrowseHandler::Services& deps, const http::Request& request, const CursorBinding& binding,
                Call call, Render render) {
  UCF_ASSIGN_OR_RETURN(int limit, ParseLimit(request));
  UCF_ASSIGN_OR_RETURN(std::string provider_cursor,
                       deps.cursors->Decode(binding, request.Query("cursor").value_or("")));
  connectors::PageRequest page_request{provider_cursor, limit};
  UCF_ASSIGN_OR_RETURN(connectors::Page<T> page, call(page_request));
  bool raw = WantsRaw(request);
  boost::json::array items;
  for (const auto& item : page.items) items.push_back(render(item, raw));
  std::optional<std::string> next;
  if (page.next && !page.next->empty()) next = deps.cursors->Encode(binding, *page.next);
  return PageJson(std::move(items), next);
}

Result Containers(const BrowseHandler::Services& deps, const http::Request& request, std::string_view connection_id) {
  UCF_ASSIGN_OR_RETURN(auto c, deps.manager->Resolve(request.context.tenant_id, connection_id));
  return ListPage<connectors::Container>(
      deps, request, {c.connection.id, "containers", ""},
      [&](const connectors::PageRequest& p) { return c.connector->ListContainers(*c.session, p); }, connectors::ContainerJson);
}

absl::StatusOr<core::JsonText> Items(const BrowseHandler::Services& deps, const http::Request& request,
                                     std::string_view connection_id) {
  UCF_ASSIGN_OR_RETURN(auto c, deps.manager->Resolve(request.context.tenant_id, connection_id));
  connectors::ItemQuery query;
  query.container_id = request.Query("containerId").value_or("");
  query.q = request.Query("q").value_or("");
  if (query.q.size() > 500) return core::InvalidField("q", "must be at most 500 characters");
  const std::string scope = core::StrCat(query.container_id, "\n", query.q);  // the binding views it
  const CursorBinding binding{c.connection.id, "items", scope};
  // As ListPage, the page written as text: {"items":[…],"next":…}.
  UCF_ASSIGN_OR_RETURN(int limit, ParseLimit(request));
  UCF_ASSIGN_OR_RETURN(std::string provider_cursor,
                       deps.cursors->Decode(binding, request.Query("cursor").value_or("")));
  query.page = connectors::PageRequest{provider_cursor, limit};
  UCF_ASSIGN_OR_RETURN(connectors::Page<connectors::Item> page, c.connector->ListItems(*c.session, query));
  bool raw = WantsRaw(request);
  core::JsonText out;
  out.text.reserve(256 + page.items.size() * 384);
  out.text += "{\"items\":[";
  for (std::size_t i = 0; i < page.items.size(); ++i) {
    if (i > 0) out.text += ',';
    connectors::AppendItemJson(out.text, page.items[i], raw);
  }
  out.text += "],\"next\":";
  if (page.next && !page.next->empty()) {
    core::AppendJsonString(out.text, deps.cursors->Encode(binding, *page.next));
  } else {
    out.text += "null";
  }
  out.text += '}';
  return out;
}

Result Comments(const BrowseHandler::Services& deps, const http::Request& request, std::string_view connection_id,
                std::string_view item_id) {
  if (item_id.empty()) return core::InvalidField("itemId", "is required");
  UCF_ASSIGN_OR_RETURN(auto c, deps.manager->Resolve(request.context.tenant_id, connection_id));
  return ListPage<connectors::Comment>(
      deps, request, {c.connection.id, "comments", item_id},
      [&](const connectors::PageRequest& p) { return c.connector->ListComments(*c.session, item_id, p); },
      connectors::CommentJson);
}

}  // namespace

ApiResult BrowseHandler::Containers(http::Request& request) const {
  return api::Containers(deps_, request, request.PathParam("id"));
}

ApiTextResult BrowseHandler::Items(http::Request& request) const {
  return api::Items(deps_, request, request.PathParam("id"));
}

ApiResult BrowseHandler::Item(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto c, deps_.manager->Resolve(request.context.tenant_id, request.PathParam("id")));
  UCF_ASSIGN_OR_RETURN(auto item, c.connector->GetItem(*c.session, request.PathParam("itemId")));
  return connectors::ItemJson(item, WantsRaw(request));
}

ApiResult BrowseHandler::Comments(http::Request& request) const {
  return 
      api::Comments(deps_, request, request.PathParam("id"), request.PathParam("itemId"));
}

ApiResult BrowseHandler::CreateItem(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
  connectors::NewItem item;
  UCF_ASSIGN_OR_RETURN(item.container_id, core::RequireString(body, "containerId"));
  UCF_ASSIGN_OR_RETURN(item.title, core::RequireString(body, "title"));
  UCF_ASSIGN_OR_RETURN(auto text, core::OptionalString(body, "body", core::kMaxTextBytes));
  item.body = text.value_or("");
  UCF_ASSIGN_OR_RETURN(item.fields, core::OptionalObject(body, "fields", core::kMaxTextBytes));
  UCF_ASSIGN_OR_RETURN(auto c, deps_.manager->Resolve(request.context.tenant_id, request.PathParam("id")));
  UCF_ASSIGN_OR_RETURN(auto created, c.connector->CreateItem(*c.session, item));
  UCF_RETURN_IF_ERROR(deps_.connections->RecordProviderWrite(
      ActorOf(request), c.connection.id, "item.created", created.id,
      {{"containerId", item.container_id}}));
  return connectors::ItemJson(created, WantsRaw(request));
}

ApiResult BrowseHandler::CreateComment(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
  connectors::NewComment comment;
  comment.item_id = std::string(request.PathParam("itemId"));
  UCF_ASSIGN_OR_RETURN(comment.text, core::RequireString(body, "text", core::kMaxTextBytes));
  if (comment.text.empty()) return core::InvalidField("text", "must not be empty");
  UCF_ASSIGN_OR_RETURN(auto c, deps_.manager->Resolve(request.context.tenant_id, request.PathParam("id")));
  UCF_ASSIGN_OR_RETURN(auto created, c.connector->CreateComment(*c.session, comment));
  UCF_RETURN_IF_ERROR(deps_.connections->RecordProviderWrite(
      ActorOf(request), c.connection.id, "comment.created", created.id,
      {{"itemId", comment.item_id}}));
  return connectors::CommentJson(created, WantsRaw(request));
}

ApiResult BrowseHandler::ConnectorContainers(http::Request& request) const {
  auto id = ConnectionForConnector(*deps_.manager, *deps_.connections, request, request.Query("connectionId"));
  if (!id.ok()) return id.status();
  return api::Containers(deps_, request, *id);
}

ApiTextResult BrowseHandler::ConnectorItems(http::Request& request) const {
  auto id = ConnectionForConnector(*deps_.manager, *deps_.connections, request, request.Query("connectionId"));
  if (!id.ok()) return id.status();
  return api::Items(deps_, request, *id);
}

ApiResult BrowseHandler::ConnectorComments(http::Request& request) const {
  auto id = ConnectionForConnector(*deps_.manager, *deps_.connections, request, request.Query("connectionId"));
  if (!id.ok()) return id.status();
  return api::Comments(deps_, request, *id, request.Query("itemId").value_or(""));
}

}  // namespace ucf::api
