#pragma once
// Salesforce REST response bodies -> the unified shapes (resources.hpp). Bodies as the REST API
// Developer Guide documents them (the Postman collection in ../shared/contracts/salesforce has
// the request shapes): missing optional fields become absent values, records without an Id and
// objects without a name are left out, a body of the wrong JSON type is Internal naming the
// field. Timestamps ("2026-01-02T10:20:30.000+0000") become RFC 3339 UTC. Pure; thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/connectors/connector.hpp"
#include "ucf/connectors/resources.hpp"

namespace ucf::connectors::salesforce {

// GET /services/oauth2/userinfo: user_id, name, email; extra {organizationId, username}.
absl::StatusOr<AccountInfo> MapUserInfo(const boost::json::object& info);

// GET /sobjects (describeGlobal): the queryable objects, `limit` from `offset` on; next = the
// next offset while more remain. Container {id = name, label, type "custom"|"standard", meta
// {labelPlural, keyPrefix, createable, searchable, feedEnabled}}.
absl::StatusOr<Page<Container>> MapObjects(const boost::json::object& describe_global, std::int64_t offset,
                                           int limit);

// What the connector needs from GET /sobjects/{o}/describe.
struct ObjectInfo {
  bool feed_enabled = false;
  std::string name_field;         // the field flagged nameField ("Name", "CaseNumber", "Subject")
  std::string title_field;        // the createable field titles go to: the name field when
                                  // createable, else "Subject" when createable, else ""
  std::string description_field;  // "Description" when createable, else ""
};
absl::StatusOr<ObjectInfo> MapDescribe(const boost::json::object& describe);

// One record (with attributes {type, url}) of `object`. Item.id "<object>:<Id>", name = the name
// field (else Name, Subject, CaseNumber, Title, Id), meta: key = Id, status = Status or
// StageName, url = <org root>/<Id>, author = CreatedById, assignee = OwnerId, created =
// CreatedDate, updated = SystemModstamp (else LastModifiedDate); body = Description when
// `with_body`. nullopt without an Id.
std::optional<Item> MapRecord(boost::json::object record, std::string_view object, std::string_view name_field,
                              std::string_view org_root, bool with_body);

// GET /query: {totalSize, done, nextRecordsUrl?, records}; next = nextRecordsUrl unless done.
absl::StatusOr<Page<Item>> MapQuery(boost::json::object result, std::string_view object, std::string_view org_root);
// GET /search: {searchRecords: [...]} (one page).
absl::StatusOr<Page<Item>> MapSearch(boost::json::object result, std::string_view object,
                                     std::string_view name_field, std::string_view org_root);

// One Chatter feed element: id, author = actor.displayName (else actor.name), text = body.text,
// created = createdDate, updated = modifiedDate.
std::optional<Comment> MapFeedElement(const boost::json::object& element);
// A Chatter feed-element page {elements, nextPageUrl}.
absl::StatusOr<Page<Comment>> MapFeedPage(const boost::json::object& page);

// "api-usage=25/5000[, per-app-api-usage=…]" (Sforce-Limit-Info) -> {"used":25,"max":5000};
// nullopt when it holds no api-usage pair.
std::optional<boost::json::object> ParseLimitInfo(std::string_view header);

}  // namespace ucf::connectors::salesforce
