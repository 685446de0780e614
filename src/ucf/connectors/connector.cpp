#include "ucf/connectors/connector.hpp"

#include <algorithm>

#include "ucf/connectors/config_fields.hpp"
#include "ucf/core/error_details.hpp"
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

absl::StatusOr<Page<Container>> Connector::ListContainers(ApiClient&, const PageRequest&) const {
  return Unsupported(Describe().id, "containers");
}
absl::StatusOr<Page<Item>> Connector::ListItems(ApiClient&, const ItemQuery&) const {
  return Unsupported(Describe().id, "items");
}
absl::StatusOr<Item> Connector::GetItem(ApiClient&, std::string_view) const {
  return Unsupported(Describe().id, "item");
}
absl::StatusOr<Page<Comment>> Connector::ListComments(ApiClient&, std::string_view,
                                                      const PageRequest&) const {
  return Unsupported(Describe().id, "comments");
}
absl::StatusOr<Item> Connector::CreateItem(ApiClient&, const NewItem&) const {
  return Unsupported(Describe().id, "create_item");
}
absl::StatusOr<Comment> Connector::CreateComment(ApiClient&, const NewComment&) const {
  return Unsupported(Describe().id, "create_comment");
}
absl::StatusOr<WebhookRegistration> Connector::RegisterWebhook(ApiClient&,
                                                               const WebhookRequest&) const {
  return Unsupported(Describe().id, "webhooks");
}
absl::StatusOr<WebhookRegistration> Connector::RefreshWebhook(ApiClient&,
                                                              const WebhookRegistration&) const {
  return Unsupported(Describe().id, "webhooks");
}
absl::Status Connector::UnregisterWebhook(ApiClient&, const WebhookRegistration&) const {
  return Unsupported(Describe().id, "webhooks");
}

}  // namespace ucf::connectors
