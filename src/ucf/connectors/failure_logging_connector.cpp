#include "ucf/connectors/failure_logging_connector.hpp"

#include <string>

#include "ucf/core/strings.hpp"

namespace ucf::connectors {
namespace {

bool IsServerFault(const absl::Status& status) {
  return status.code() == absl::StatusCode::kInternal ||
         status.code() == absl::StatusCode::kUnknown ||
         status.code() == absl::StatusCode::kDataLoss;
}

class FailureLoggingConnector final : public Connector {
 public:
  FailureLoggingConnector(std::unique_ptr<Connector> inner, const observability::Logger& logger)
      : inner_(std::move(inner)), logger_(logger) {}

  const ConnectorDescription& Describe() const override { return inner_->Describe(); }
  absl::Status ValidateConfig(const boost::json::object& config) const override {
    return inner_->ValidateConfig(config);
  }
  absl::StatusOr<AccountInfo> CheckCredentials(Session& api) const override {
    return Logged("check_credentials", api, inner_->CheckCredentials(api));
  }
  absl::StatusOr<Page<Container>> ListContainers(Session& api,
                                                 const PageRequest& page) const override {
    return Logged("containers", api, inner_->ListContainers(api, page));
  }
  absl::StatusOr<Page<Item>> ListItems(Session& api, const ItemQuery& query) const override {
    return Logged("items", api, inner_->ListItems(api, query));
  }
  absl::StatusOr<Item> GetItem(Session& api, std::string_view item_id) const override {
    return Logged("item", api, inner_->GetItem(api, item_id));
  }
  absl::StatusOr<Page<Comment>> ListComments(Session& api, std::string_view item_id,
                                             const PageRequest& page) const override {
    return Logged("comments", api, inner_->ListComments(api, item_id, page));
  }
  absl::StatusOr<Item> CreateItem(Session& api, const NewItem& item) const override {
    return Logged("create_item", api, inner_->CreateItem(api, item));
  }
  absl::StatusOr<Comment> CreateComment(Session& api, const NewComment& comment) const override {
    return Logged("create_comment", api, inner_->CreateComment(api, comment));
  }
  absl::StatusOr<Page<Comment>> ListChangedComments(Session& api, std::string_view container_id,
                                                    core::TimePoint since, const PageRequest& page) const override {
    return Logged("changed_comments", api, inner_->ListChangedComments(api, container_id, since, page));
  }
  absl::StatusOr<WebhookRegistration> RegisterWebhook(Session& api,
                                                      const WebhookRequest& request) const override {
    return Logged("register_webhook", api, inner_->RegisterWebhook(api, request));
  }
  absl::StatusOr<WebhookRegistration> RefreshWebhook(
      Session& api, const WebhookRegistration& registration) const override {
    return Logged("refresh_webhook", api, inner_->RefreshWebhook(api, registration));
  }
  absl::Status UnregisterWebhook(Session& api,
                                 const WebhookRegistration& registration) const override {
    absl::Status status = inner_->UnregisterWebhook(api, registration);
    Log("unregister_webhook", api, status);
    return status.ok() ? status : AsProviderFault(status);
  }

 private:
  template <typename T>
  absl::StatusOr<T> Logged(std::string_view operation, const Session& api,
                           absl::StatusOr<T> result) const {
    if (result.ok()) return result;
    Log(operation, api, result.status());
    return AsProviderFault(result.status());
  }
  // A provider answer UCF cannot read (not JSON, HTML, a redirect, a body the mapping refuses) is
  // the provider's failure, not UCF's: 503 naming the provider, like a transport failure, which
  // gets the provider's name too (curl's messages name only the URL).
  absl::Status AsProviderFault(const absl::Status& status) const {
    std::string_view id = inner_->Describe().id;
    std::string_view message = core::ToStd(status.message());
    bool named = message.starts_with(id) && message.substr(id.size()).starts_with(":");
    std::string prefix = named ? "" : std::string(id) + ": ";
    if (IsServerFault(status)) {
      std::string_view why = named ? core::Trim(message.substr(id.size() + 1)) : message;
      return absl::UnavailableError(
          core::StrCat(id, ": the provider's answer could not be used: ", why));
    }
    if (!named && (status.code() == absl::StatusCode::kUnavailable ||
                   status.code() == absl::StatusCode::kDeadlineExceeded)) {
      absl::Status renamed(status.code(), prefix + std::string(message));
      status.ForEachPayload(
          [&](absl::string_view url, const absl::Cord& payload) { renamed.SetPayload(url, payload); });
      return renamed;
    }
    return status;
  }
  void Log(std::string_view operation, const Session& api, const absl::Status& status) const {
    if (!IsServerFault(status)) return;
    std::string error(status.message());
    logger_.Warn("ucf.connector", "connector call failed",
                 {{"connector", std::string_view(inner_->Describe().id)},
                  {"operation", operation},
                  {"connectionId", api.ConnectionId()},
                  {"code", absl::StatusCodeToString(status.code())},
                  {"error", error}});
  }

  std::unique_ptr<Connector> inner_;
  const observability::Logger& logger_;
};

}  // namespace

std::unique_ptr<Connector> WithFailureLog(std::unique_ptr<Connector> inner,
                                          const observability::Logger& logger) {
  return std::make_unique<FailureLoggingConnector>(std::move(inner), logger);
}

}  // namespace ucf::connectors
