#pragma once
// Connector: what UCF knows about one provider beyond its auth facts (those are data, in the
// provider catalog). One immutable instance per provider serves every tenant and connection
// concurrently; per-connection state arrives in the Session (session.hpp) the connection owner
// builds: an ApiClient for HTTP connectors, a SqlSession for database connectors
// (ConnectorDescription::session says which).
//
// HTTP connectors derive from HttpConnector (below) and implement the ApiClient& overloads; a
// database connector derives from Connector and reaches its SqlSession with SqlOf(session).
//
// Every listing/reading/writing method makes real provider calls through the session and maps
// the answers into the unified shapes of resources.hpp. Errors:
//   InvalidArgument   bad input named in details.field (e.g. containerId missing, empty title)
//   NotFound          the provider said 404 for the object
//   Unimplemented     the provider (or this connector) does not offer the operation; the
//                     description's `resources` list says which ones are offered
//   FailedPrecondition "misconfigured" when the session is not of the connector's kind
//   anything ApiClient::Send returns (Unauthenticated, PermissionDenied, ResourceExhausted for
//   rate limits after retries, Unavailable, DeadlineExceeded, FailedPrecondition needs_reauth)
//   Internal          the provider answered 2xx with a body this connector cannot read
//                     (message names the field)

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/connectors/api_client.hpp"
#include "ucf/connectors/resources.hpp"
#include "ucf/connectors/session.hpp"

namespace ucf::connectors {

// One field of a configuration or credentials form, rendered by the dashboard and checked by the
// framework before anything is stored. A connection's config may hold only declared fields
// (config_fields.hpp); "secret" fields are always stored encrypted and never returned.
struct FieldSpec {
  std::string name;         // JSON key, e.g. "baseUrl", "email", "apiKey"
  std::string label;        // human label
  // "string", "url", "email", "secret" (JSON strings); "integer" (a JSON integer, or a string of
  // digits, within [min, max]); "boolean" (true/false); "enum" (one of `allowed`).
  std::string type;
  bool required = true;
  std::string description;
  std::string example;
  // Other keys accepted for this field: the original's snake_case names (base_url, api_token, …).
  std::vector<std::string> aliases;
  std::vector<std::string> allowed;  // "enum": the accepted values
  std::int64_t min = 0;              // "integer": the accepted range
  std::int64_t max = 0;
  // Part of where the credentials go (a database's host, port, name): a config write changing it
  // drops the stored secrets until they are given again (connections/credential_destination.hpp).
  bool destination = false;

  bool secret() const { return type == "secret"; }
  bool Named(std::string_view key) const;  // name or one of the aliases
};

// Which kind of Session (session.hpp) the connection owner builds for a connector.
enum class SessionKind { kHttp, kSql };

struct ConnectorDescription {
  std::string id;           // the catalog id, e.g. "jira"
  std::string name;         // display name
  std::string group;        // "saas" or "db", as the connector says
  SessionKind session = SessionKind::kHttp;
  std::string description;
  // Auth methods and OAuth scopes are auth facts: they live in the provider catalog
  // (catalog/provider_spec.hpp) and are rendered from there, never duplicated here.
  std::vector<FieldSpec> config_fields;     // non-secret settings (site URL, …)
  std::vector<FieldSpec> credential_fields; // for api_key/basic/personal_token connects
  // Offered operations: "containers", "items", "item", "comments", "create_item",
  // "create_comment", "webhooks".
  std::vector<std::string> resources;
  std::vector<std::string> sync_models;     // e.g. "projects", "issues", "comments"
  // Incremental sync: the item model whose listing honours ItemQuery::changed_since, and the
  // provider field it filters and orders by (Jira "issues" → "updated", Confluence "pages" →
  // "lastModified"); models not named here are re-read in full by every sync.
  struct ChangeMarker {
    std::string model;
    std::string field;
  };
  std::vector<ChangeMarker> change_markers;

  bool Offers(std::string_view resource) const;
  // The change marker declared for `model`, or nullptr.
  const ChangeMarker* ChangeMarkerOf(std::string_view model) const;
  // The config or credential field `key` names (by name or alias), or nullptr.
  const FieldSpec* FindField(std::string_view key) const;
};

// What a successful credentials check learned about the account (non-secret).
struct AccountInfo {
  std::string account_id;
  std::string display_name;
  std::string email;
  boost::json::object extra;
};

// {accountId, displayName[, email]}: how AccountInfo appears in responses, metadata and audit.
boost::json::object AccountJson(const AccountInfo& a);

// A webhook the provider keeps for a connection.
struct WebhookRegistration {
  std::string provider_webhook_id;  // the provider's id(s), e.g. "10001" or "10001,10002"
  std::string callback_url;
  std::vector<std::string> events;
  std::optional<std::string> expires_at;  // RFC 3339 when the provider expires webhooks (Jira: 30 days)
  boost::json::object details;
};

struct WebhookRequest {
  std::string callback_url;          // https URL the provider calls
  std::vector<std::string> events;   // provider event names; empty = connector default
  std::string filter;                // provider filter (Jira: a JQL), empty = connector default
  std::string secret;                // SECRET: shared secret for signatures when supported
};

class Connector {
 public:
  virtual ~Connector() = default;

  virtual const ConnectorDescription& Describe() const = 0;

  // Checks a connection config as a client sends it (config and credential fields together) before
  // anything is stored; every config write goes through it. InvalidArgument naming the key.
  // Default: CheckConfigFields (config_fields.hpp) — unknown keys, non-strings, URLs with user
  // info in non-secret fields, malformed url fields and missing required config fields are refused.
  // Overrides add their own rules on top of it.
  virtual absl::Status ValidateConfig(const boost::json::object& config) const;

  // A real, cheap, authenticated provider call proving the credentials work (Jira: /myself; a
  // database: one round trip).
  virtual absl::StatusOr<AccountInfo> CheckCredentials(Session& session) const = 0;

  virtual absl::StatusOr<Page<Container>> ListContainers(Session& session,
                                                         const PageRequest& page) const;
  virtual absl::StatusOr<Page<Item>> ListItems(Session& session, const ItemQuery& query) const;
  virtual absl::StatusOr<Item> GetItem(Session& session, std::string_view item_id) const;
  virtual absl::StatusOr<Page<Comment>> ListComments(Session& session, std::string_view item_id,
                                                     const PageRequest& page) const;
  virtual absl::StatusOr<Item> CreateItem(Session& session, const NewItem& item) const;
  virtual absl::StatusOr<Comment> CreateComment(Session& session, const NewComment& comment) const;
  // Sync only, for a connector that declares a change marker for its comment model (the third
  // sync model, see ConnectorDescription::change_markers): the comments on items of
  // `container_id` created or edited at or after `since` (earlier ones may come too, never fewer),
  // OLDEST CHANGE FIRST, each with item_id set. Default: Unsupported.
  virtual absl::StatusOr<Page<Comment>> ListChangedComments(Session& session, std::string_view container_id,
                                                            core::TimePoint since, const PageRequest& page) const;

  virtual absl::StatusOr<WebhookRegistration> RegisterWebhook(Session& session,
                                                              const WebhookRequest& request) const;
  // Keeps a registration alive (Jira webhooks expire after 30 days); returns the new expiry.
  virtual absl::StatusOr<WebhookRegistration> RefreshWebhook(
      Session& session, const WebhookRegistration& registration) const;
  virtual absl::Status UnregisterWebhook(Session& session,
                                         const WebhookRegistration& registration) const;
};

// HttpConnector: the base of every connector that talks HTTP. Each Session& method reaches the
// ApiClient (HttpOf) and calls the ApiClient& overload of the same name, which the connector
// overrides; the defaults answer Unsupported. An HTTP connector written against the ApiClient&
// methods only changes its base class from Connector to HttpConnector.
class HttpConnector : public Connector {
 public:
  absl::StatusOr<AccountInfo> CheckCredentials(Session& session) const final;
  absl::StatusOr<Page<Container>> ListContainers(Session& session, const PageRequest& page) const final;
  absl::StatusOr<Page<Item>> ListItems(Session& session, const ItemQuery& query) const final;
  absl::StatusOr<Item> GetItem(Session& session, std::string_view item_id) const final;
  absl::StatusOr<Page<Comment>> ListComments(Session& session, std::string_view item_id,
                                             const PageRequest& page) const final;
  absl::StatusOr<Item> CreateItem(Session& session, const NewItem& item) const final;
  absl::StatusOr<Comment> CreateComment(Session& session, const NewComment& comment) const final;
  absl::StatusOr<Page<Comment>> ListChangedComments(Session& session, std::string_view container_id,
                                                    core::TimePoint since, const PageRequest& page) const final;
  absl::StatusOr<WebhookRegistration> RegisterWebhook(Session& session,
                                                      const WebhookRequest& request) const final;
  absl::StatusOr<WebhookRegistration> RefreshWebhook(Session& session,
                                                     const WebhookRegistration& registration) const final;
  absl::Status UnregisterWebhook(Session& session, const WebhookRegistration& registration) const final;

  virtual absl::StatusOr<AccountInfo> CheckCredentials(ApiClient& api) const = 0;
  virtual absl::StatusOr<Page<Container>> ListContainers(ApiClient& api, const PageRequest& page) const;
  virtual absl::StatusOr<Page<Item>> ListItems(ApiClient& api, const ItemQuery& query) const;
  virtual absl::StatusOr<Item> GetItem(ApiClient& api, std::string_view item_id) const;
  virtual absl::StatusOr<Page<Comment>> ListComments(ApiClient& api, std::string_view item_id,
                                                     const PageRequest& page) const;
  virtual absl::StatusOr<Item> CreateItem(ApiClient& api, const NewItem& item) const;
  virtual absl::StatusOr<Comment> CreateComment(ApiClient& api, const NewComment& comment) const;
  virtual absl::StatusOr<Page<Comment>> ListChangedComments(ApiClient& api, std::string_view container_id,
                                                            core::TimePoint since, const PageRequest& page) const;
  virtual absl::StatusOr<WebhookRegistration> RegisterWebhook(ApiClient& api,
                                                              const WebhookRequest& request) const;
  virtual absl::StatusOr<WebhookRegistration> RefreshWebhook(
      ApiClient& api, const WebhookRegistration& registration) const;
  virtual absl::Status UnregisterWebhook(ApiClient& api, const WebhookRegistration& registration) const;
};

// Unimplemented "<connector> does not support <operation>" with details.reason "unsupported".
absl::Status Unsupported(std::string_view connector_id, std::string_view operation);

}  // namespace ucf::connectors
