#include "ucf/api/connections_handler.hpp"

#include "boost/json/array.hpp"
#include "ucf/api/connection_json.hpp"
#include "ucf/api/request_support.hpp"
#include "ucf/connectors/api_usage_board.hpp"
#include "ucf/connections/connection_removal.hpp"
#include "ucf/connections/revocation.hpp"
#include "ucf/connections/connection_service.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/json_fields.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/http/error_response.hpp"

namespace ucf::api {
namespace {

using Result = absl::StatusOr<boost::json::value>;

boost::json::value OptionalJson(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

}  // namespace

ApiTextResult ConnectionsHandler::List(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(int limit, ParseLimit(request));
  storage::ConnectionFilter filter;
  filter.connector_id = request.Query("connectorId");
  if (auto status = request.Query("status")) {
    filter.status = storage::ParseConnectionStatus(*status);
    if (!filter.status) {
      return core::InvalidField("status",
                                "must be pending, connected, needs_reauth, revoked or error");
    }
  }
  UCF_ASSIGN_OR_RETURN(auto page, deps_.connections->ListStored(request.context.tenant_id, filter,
                                                                request.Query("cursor").value_or(""),
                                                                limit));
  // {"items":[…],"next":…,"filters":{…}} as PageJson + filters would serialise it.
  core::JsonText out;
  std::size_t guess = 64;
  for (const auto& c : page.items) guess += 320 + c.config_json.size() + c.metadata_json.size();
  out.text.reserve(guess + 64);  // + the success envelope, written around it in place
  out.text.append(R"({"items":[)");
  for (std::size_t i = 0; i < page.items.size(); ++i) {
    if (i > 0) out.text.push_back(',');
    UCF_RETURN_IF_ERROR(AppendConnectionJson(out.text, page.items[i]));
  }
  out.text.append(R"(],"next":)");
  if (page.next) {
    core::AppendJsonString(out.text, *page.next);
  } else {
    out.text.append("null");
  }
  out.text.append(R"(,"filters":{"workspaceId":)");
  core::AppendJsonString(out.text, request.context.tenant_id);
  out.text.append(R"(,"connectorId":)");
  if (filter.connector_id) {
    core::AppendJsonString(out.text, *filter.connector_id);
  } else {
    out.text.append("null");
  }
  out.text.append("}}");
  return out;
}

ApiResult ConnectionsHandler::Upsert(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
  connections::UpsertRequest upsert;
  UCF_ASSIGN_OR_RETURN(upsert.connector_id, core::RequireString(body, "connectorId"));
  UCF_ASSIGN_OR_RETURN(upsert.name, core::RequireString(body, "name"));
  UCF_ASSIGN_OR_RETURN(upsert.auth_method, core::OptionalString(body, "authMethod"));
  UCF_ASSIGN_OR_RETURN(upsert.config, core::OptionalObject(body, "config"));
  UCF_ASSIGN_OR_RETURN(auto upserted, deps_.connections->Upsert(ActorOf(request), upsert));
  return boost::json::object{{"id", upserted.connection.id},
                             {"created", upserted.created},
                             {"connection", ConnectionJson(upserted.connection)}};
}

ApiResult ConnectionsHandler::Get(http::Request& request) const {
  auto c = deps_.connections->Get(request.context.tenant_id, request.PathParam("id"));
  if (!c.ok()) return c.status();
  boost::json::object out = ConnectionJson(*c);
  if (auto usage = deps_.api_usage ? deps_.api_usage->Get(c->id) : std::nullopt) {
    out["metadata"].as_object()["apiUsage"] = *std::move(usage);
  }
  return boost::json::value(std::move(out));
}

ApiResult ConnectionsHandler::Update(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
  connections::UpdateRequest update;
  UCF_ASSIGN_OR_RETURN(update.name, core::OptionalString(body, "name"));
  if (body.contains("config")) {
    UCF_ASSIGN_OR_RETURN(update.config, core::OptionalObject(body, "config"));
  }
  if (body.contains("metadata")) {
    UCF_ASSIGN_OR_RETURN(update.metadata, core::OptionalObject(body, "metadata"));
  }
  UCF_ASSIGN_OR_RETURN(auto updated, deps_.connections->Update(ActorOf(request),
                                                               request.PathParam("id"), update));
  return ConnectionJson(updated);
}

ApiResult ConnectionsHandler::Delete(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto removed, deps_.removal->Remove(ActorOf(request), request.PathParam("id")));
  return boost::json::value{
      {"id", removed.connection_id},
      {"deleted", true},
      {"providerRevocation", removed.provider_revocation},
      {"webhooks", {{"removed", removed.webhooks_removed}, {"failed", removed.webhooks_failed}}}};
}

ApiResult ConnectionsHandler::Revoke(http::Request& request, std::string_view id,
                                          std::string_view reason) const {
  auto revoked = deps_.revoker->Revoke(ActorOf(request), id, reason);
  if (!revoked.ok()) return revoked.status();
  boost::json::object out{{"revoked", true},
                          {"connection", ConnectionJson(revoked->connection)},
                          {"providerRevocation", revoked->provider_revocation}};
  if (!revoked->provider_error.empty()) out["providerError"] = revoked->provider_error;
  return boost::json::value(std::move(out));
}

ApiResult ConnectionsHandler::RevokeByBody(http::Request& request) const {
  auto body = ParseBody(request);
  if (!body.ok()) return body.status();
  auto id = core::RequireString(*body, "connectionId");
  if (!id.ok()) return id.status();
  auto reason = core::OptionalString(*body, "reason");
  if (!reason.ok()) return reason.status();
  return Revoke(request, *id, reason->value_or(""));
}

ApiResult ConnectionsHandler::RevokeById(http::Request& request) const {
  auto body = ParseBody(request, /*allow_empty=*/true);
  if (!body.ok()) return body.status();
  auto reason = core::OptionalString(*body, "reason");
  if (!reason.ok()) return reason.status();
  return Revoke(request, request.PathParam("id"), reason->value_or(""));
}

ApiResult ConnectionsHandler::StoreToken(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
  UCF_ASSIGN_OR_RETURN(std::string connection_id, core::RequireString(body, "connectionId"));
  UCF_ASSIGN_OR_RETURN(std::string token, core::RequireString(body, "token", core::kMaxCredentialBytes));
  UCF_ASSIGN_OR_RETURN(auto refresh_token,
                       core::OptionalString(body, "refreshToken", core::kMaxCredentialBytes));
  UCF_ASSIGN_OR_RETURN(auto expires_text, core::OptionalString(body, "expiresAt"));
  std::optional<core::TimePoint> expires_at;
  if (expires_text) {
    auto parsed = core::ParseRfc3339(*expires_text);
    if (!parsed.ok()) return core::InvalidField("expiresAt", "must be an RFC 3339 timestamp");
    expires_at = *parsed;
  }
  UCF_ASSIGN_OR_RETURN(auto stored, deps_.connections->StoreToken(ActorOf(request),
                                                                  connection_id, token,
                                                                  refresh_token, expires_at));
  return boost::json::object{
      {"tokenId", stored.id},
      {"version", stored.version},
      {"hasRefreshToken", stored.refresh_token.has_value()},
      {"expiresAt", stored.expires_at ? boost::json::value(core::FormatRfc3339(*stored.expires_at))
                                      : boost::json::value(nullptr)}};
}

ApiResult ConnectionsHandler::ReadToken(http::Request& request) const {
  if (request.context.tenant_id.empty()) {
    return core::InvalidField("X-Tenant-Id", "name the tenant whose connection token to read");
  }
  auto token = deps_.connections->ReadToken(ActorOf(request), request.PathParam("id"));
  if (!token.ok()) {
    if (token.status().code() == absl::StatusCode::kNotFound) {
      // The original answered {token: null} when a connection had no token.
      auto exists = deps_.connections->Get(request.context.tenant_id, request.PathParam("id"));
      if (exists.ok()) return boost::json::value{{"token", nullptr}};
    }
    return token.status();
  }
  return boost::json::value{
      {"token", token->access_token},
      {"tokenType", token->token_type},
      {"hasRefreshToken", token->refresh_token.has_value()},
      {"expiresAt", token->expires_at ? boost::json::value(core::FormatRfc3339(*token->expires_at))
                                      : boost::json::value(nullptr)}};
}

ApiResult ConnectionsHandler::GetSyncState(http::Request& request) const {
  auto cursor = deps_.connections->SyncCursor(request.context.tenant_id, request.PathParam("id"),
                                              request.Query("model").value_or(""));
  if (!cursor.ok()) return cursor.status();
  return boost::json::value{{"cursor", OptionalJson(*cursor)}};
}

ApiResult ConnectionsHandler::PutSyncState(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request, /*allow_empty=*/true));
  UCF_ASSIGN_OR_RETURN(auto cursor, core::OptionalString(body, "cursor"));
  UCF_ASSIGN_OR_RETURN(auto model, core::OptionalString(body, "model"));
  std::string m = model.value_or(request.Query("model").value_or(""));
  UCF_RETURN_IF_ERROR(
      deps_.connections->PutSyncCursor(ActorOf(request), request.PathParam("id"), m, cursor));
  return boost::json::object{{"updated", true}};
}

}  // namespace ucf::api
