#include "ucf/connectors/connector.hpp"

#include <algorithm>

#include "ucf/connectors/config_fields.hpp"
#include "ucf/connectors/api_client.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors {

bool FieldSpec::Named(std::string_view key) const {
  return key == name || std::find(aliases.begin(), aliases.end(), key) != aliases.end();
}

const FieldSpec* ConnectorDescription::FindField(std::string_view key) const {
  for (const auto* fields : {&config_fields, &credential_fields}) {
    for (const FieldSpec& f : *fields) {
      if (f.Named(key)) return &f;
    }
  }
  return nullptr;
}

bool ConnectorDescription::Offers(std::string_view resource) const {
  return std::find(resources.begin(), resources.end(), resource) != resources.end();
}

const ConnectorDescription::ChangeMarker* ConnectorDescription::ChangeMarkerOf(std::string_view model) const {
  for (const ChangeMarker& m : change_markers) {
    if (m.model == model) return &m;
  }
  return nullptr;
}

boost::json::object AccountJson(const AccountInfo& a) {
  boost::json::object o{{"accountId", a.account_id}, {"displayName", a.display_name}};
  if (!a.email.empty()) o["email"] = a.email;
  return o;
}

absl::Status Unsupported(std::string_view connector_id, std::string_view operation) {
  return core::WithDetails(
      absl::UnimplementedError(core::StrCat(connector_id, " does not support ", operation)),
      {{"reason", "unsupported"}, {"operation", std::string(operation)}});
}

absl::Status Connector::ValidateConfig(const boost::json::object& config) const {
  return CheckConfigFields(Describe(), config);
}

absl::StatusOr<Page<Container>> Connector::ListContainers(Session&, const PageRequest&) const {
  return Unsupported(Describe().id, "containers");
}
absl::StatusOr<Page<Item>> Connector::ListItems(Session&, const ItemQuery&) const {
  return Unsupported(Describe().id, "items");
}
absl::StatusOr<Item> Connector::GetItem(Session&, std::string_view) const {
  return Unsupported(Describe().id, "item");
}
absl::StatusOr<Page<Comment>> Connector::ListComments(Session&, std::string_view, const PageRequest&) const {
  return Unsupported(Describe().id, "comments");
}
absl::StatusOr<Item> Connector::CreateItem(Session&, const NewItem&) const {
  return Unsupported(Describe().id, "create_item");
}
absl::StatusOr<Comment> Connector::CreateComment(Session&, const NewComment&) const {
  return Unsupported(Describe().id, "create_comment");
}
absl::StatusOr<Page<Comment>> Connector::ListChangedComments(Session&, std::string_view, core::TimePoint,
                                                             const PageRequest&) const {
  return Unsupported(Describe().id, "changed_comments");
}
absl::StatusOr<WebhookRegistration> Connector::RegisterWebhook(Session&, const WebhookRequest&) const {
  return Unsupported(Describe().id, "webhooks");
}
absl::StatusOr<WebhookRegistration> Connector::RefreshWebhook(Session&, const WebhookRegistration&) const {
  return Unsupported(Describe().id, "webhooks");
}
absl::Status Connector::UnregisterWebhook(Session&, const WebhookRegistration&) const {
  return Unsupported(Describe().id, "webhooks");
}

// HttpConnector: Session& → ApiClient&.
#define UCF_VIA_HTTP(call)                          \
  UCF_ASSIGN_OR_RETURN(ApiClient * api, HttpOf(session)); \
  return call

absl::StatusOr<AccountInfo> HttpConnector::CheckCredentials(Session& session) const {
  UCF_VIA_HTTP(CheckCredentials(*api));
}
absl::StatusOr<Page<Container>> HttpConnector::ListContainers(Session& session, const PageRequest& page) const {
  UCF_VIA_HTTP(ListContainers(*api, page));
}
absl::StatusOr<Page<Item>> HttpConnector::ListItems(Session& session, const ItemQuery& query) const {
  UCF_VIA_HTTP(ListItems(*api, query));
}
absl::StatusOr<Item> HttpConnector::GetItem(Session& session, std::string_view item_id) const {
  UCF_VIA_HTTP(GetItem(*api, item_id));
}
absl::StatusOr<Page<Comment>> HttpConnector::ListComments(Session& session, std::string_view item_id,
                                                          const PageRequest& page) const {
  UCF_VIA_HTTP(ListComments(*api, item_id, page));
}
absl::StatusOr<Item> HttpConnector::CreateItem(Session& session, const NewItem& item) const {
  UCF_VIA_HTTP(CreateItem(*api, item));
}
absl::StatusOr<Comment> HttpConnector::CreateComment(Session& session, const NewComment& comment) const {
  UCF_VIA_HTTP(CreateComment(*api, comment));
}
absl::StatusOr<Page<Comment>> HttpConnector::ListChangedComments(Session& session, std::string_view container_id,
                                                                 core::TimePoint since, const PageRequest& page) const {
  UCF_VIA_HTTP(ListChangedComments(*api, container_id, since, page));
}
absl::StatusOr<WebhookRegistration> HttpConnector::RegisterWebhook(Session& session,
                                                                   const WebhookRequest& request) const {
  UCF_VIA_HTTP(RegisterWebhook(*api, request));
}
absl::StatusOr<WebhookRegistration> HttpConnector::RefreshWebhook(
    Session& session, const WebhookRegistration& registration) const {
  UCF_VIA_HTTP(RefreshWebhook(*api, registration));
}
absl::Status HttpConnector::UnregisterWebhook(Session& session, const WebhookRegistration& registration) const {
  UCF_VIA_HTTP(UnregisterWebhook(*api, registration));
}
#undef UCF_VIA_HTTP

absl::StatusOr<Page<Container>> HttpConnector::ListContainers(ApiClient&, const PageRequest&) const {
  return Unsupported(Describe().id, "containers");
}
absl::StatusOr<Page<Item>> HttpConnector::ListItems(ApiClient&, const ItemQuery&) const {
  return Unsupported(Describe().id, "items");
}
absl::StatusOr<Item> HttpConnector::GetItem(ApiClient&, std::string_view) const {
  return Unsupported(Describe().id, "item");
}
absl::StatusOr<Page<Comment>> HttpConnector::ListComments(ApiClient&, std::string_view, const PageRequest&) const {
  return Unsupported(Describe().id, "comments");
}
absl::StatusOr<Item> HttpConnector::CreateItem(ApiClient&, const NewItem&) const {
  return Unsupported(Describe().id, "create_item");
}
absl::StatusOr<Comment> HttpConnector::CreateComment(ApiClient&, const NewComment&) const {
  return Unsupported(Describe().id, "create_comment");
}
absl::StatusOr<Page<Comment>> HttpConnector::ListChangedComments(ApiClient&, std::string_view, core::TimePoint,
                                                                 const PageRequest&) const {
  return Unsupported(Describe().id, "changed_comments");
}
absl::StatusOr<WebhookRegistration> HttpConnector::RegisterWebhook(ApiClient&, const WebhookRequest&) const {
  return Unsupported(Describe().id, "webhooks");
}
absl::StatusOr<WebhookRegistration> HttpConnector::RefreshWebhook(ApiClient&, const WebhookRegistration&) const {
  return Unsupported(Describe().id, "webhooks");
}
absl::Status HttpConnector::UnregisterWebhook(ApiClient&, const WebhookRegistration&) const {
  return Unsupported(Describe().id, "webhooks");
}

}  // namespace ucf::connectors
